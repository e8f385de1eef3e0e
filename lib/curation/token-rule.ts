/**
 * The one count the token rule compares with a set's `maxTokensPerSample`. For now: the approved
 * revision's token total plus the estimated chat-template framing and the tool definitions as the
 * template puts them in the prompt. The export issue adds an exact per-revision count under the
 * chat template; the lead engineer switches this function to it, and every caller (add, Suggest,
 * the board, releases) follows.
 *
 * A trajectory is in the approved pool only while its head is the approved revision (an edit after
 * approval sends it back to review unless the approval is carried), so the statistics columns of an
 * approved trajectory are those of its approved revision.
 */
export interface TokenRuleStats {
  tokensTotal: number;
  templateOverhead: number;
  toolDefinitionTokens: number;
}

export function tokenCountForRule(s: TokenRuleStats): number {
  return s.tokensTotal + s.templateOverhead + s.toolDefinitionTokens;
}

/** The same count as SQL over a "Trajectory" row aliased `alias` (filters and sorts on the board). */
export const tokenCountSql = (alias: string) =>
  `(${alias}."tokensTotal" + ${alias}."templateOverhead" + ${alias}."toolDefinitionTokens")`;

/** What a release records as the rule it was locked under. */
export const tokenRuleRecord = (maxTokensPerSample: number) => ({
  maxTokensPerSample,
  counter: "estimate" as const,
  formula: "tokensTotal + templateOverhead + toolDefinitionTokens",
});
