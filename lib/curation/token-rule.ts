/**
 * The one count the token rule compares with a set's `maxTokensPerSample`. Exact when the training
 * view's count job has counted the approved revision under the project's chat template
 * (`Revision.templateTokens` with `templateId` = the project's template; lib/trajectory/store/
 * template-tokens.ts); until then, and for projects without a template, the estimate: the
 * revision's token total plus the estimated template framing and the tool definitions as the
 * template puts them in the prompt. Every caller (add, Suggest, the board, validation, releases)
 * goes through this function or its SQL twin (stored as `Trajectory.ruleTokens`), so they always agree.
 *
 * A trajectory is in the approved pool only while its head is the approved revision (an edit after
 * approval sends it back to review unless the approval is carried), so the statistics columns of an
 * approved trajectory are those of its approved revision.
 */
export interface TokenRuleStats {
  tokensTotal: number;
  templateOverhead: number;
  toolDefinitionTokens: number;
  /** The exact count under the project's current chat template, when the count job has made it. */
  templateTokens?: number | null;
}

export function tokenCountForRule(s: TokenRuleStats): number {
  if (s.templateTokens !== undefined && s.templateTokens !== null) return s.templateTokens;
  return s.tokensTotal + s.templateOverhead + s.toolDefinitionTokens;
}

/**
 * The same count as SQL over a "Trajectory" row aliased `alias` (the board's filters and sorts, add,
 * Suggest, releases): the stored `ruleTokens` column, which lib/trajectory/store/rule-tokens.ts
 * computes with this function's SQL twin (`ruleTokensSql`) whenever one of its inputs changes.
 */
export const tokenCountSql = (alias: string) => `${alias}."ruleTokens"`;

/** What a release records as the rule it was locked under. */
export const tokenRuleRecord = (maxTokensPerSample: number, chatTemplate: string | null) => ({
  maxTokensPerSample,
  counter: chatTemplate ? ("template" as const) : ("estimate" as const),
  template: chatTemplate,
  formula: chatTemplate
    ? "the exact count under the chat template, or tokensTotal + templateOverhead + toolDefinitionTokens for a revision not counted yet"
    : "tokensTotal + templateOverhead + toolDefinitionTokens",
});
