/**
 * The statistics columns of a trajectory row (step count, tokens per kind, tool calls, human
 * turns, template overhead, the tokenizer they were counted with), written by one function for
 * every writer: import, revision save and revert, and the token recount. A new column is added
 * here once instead of in three hand-aligned SQL statements. The token rule's stored count
 * (rule-tokens.ts) is derived from these columns and refreshed here when the head stays.
 */
import type pg from "pg";
import { statsFromCounts, type TokenStats } from "@/lib/tokens/stats";
import { stepText } from "@/lib/tokens/step-text";
import type { Tokenizer } from "@/lib/tokens/tokenizer";
import type { ParsedStep, ToolDefinition } from "@/lib/trajectory/types";
import { refreshRuleTokens } from "@/lib/trajectory/store/rule-tokens";

/** Column → value, in a fixed order. */
export function statisticsColumns(stats: TokenStats, stepCount: number): Array<[string, number | string]> {
  const t = stats.totals;
  return [
    ["stepCount", stepCount],
    ["tokensTotal", t.tokensTotal],
    ["tokensSystem", t.tokensSystem],
    ["tokensHuman", t.tokensHuman],
    ["tokensAssistant", t.tokensAssistant],
    ["tokensReasoning", t.tokensReasoning],
    ["tokensToolCall", t.tokensToolCall],
    ["tokensToolOutput", t.tokensToolOutput],
    ["templateOverhead", t.templateOverheadTokens],
    ["toolDefinitionTokens", t.toolDefinitionTokens],
    ["toolCallCount", t.toolCallCount],
    ["failedToolCallCount", t.failedToolCallCount],
    ["detectedFailedToolCallCount", t.detectedFailedToolCallCount],
    ["humanTurnCount", t.humanTurnCount],
    ["reasoningStepCount", t.reasoningStepCount],
    ["tokenizer", stats.tokenizer],
  ];
}

export interface StatisticsTarget {
  projectId: string;
  trajectoryId: string;
  /** Moves the head too: only when the head is still `baseNumber` (optimistic concurrency). */
  head?: { number: number; revisionId: string; baseNumber: number };
}

/**
 * Writes the statistics (and the new head, when given) of one trajectory of the project.
 * Returns false when no row matched: another project's id, or a head that moved.
 */
export async function writeTrajectoryStatistics(
  client: pg.PoolClient,
  target: StatisticsTarget,
  stats: TokenStats,
  stepCount: number,
): Promise<boolean> {
  const columns = statisticsColumns(stats, stepCount);
  const values: unknown[] = [target.trajectoryId, target.projectId, ...columns.map(([, v]) => v)];
  const sets = columns.map(([c], i) => `"${c}"=$${i + 3}`);
  let guard = "";
  if (target.head) {
    values.push(target.head.number, target.head.revisionId, target.head.baseNumber);
    const n = values.length;
    sets.push(`"headNumber"=$${n - 2}`, `"headRevisionId"=$${n - 1}`);
    guard = ` AND "headNumber"=$${n}`;
  }
  const updated = await client.query(
    `UPDATE "Trajectory" SET ${sets.join(", ")}, "updatedAt"=now() WHERE "id"=$1 AND "projectId"=$2${guard}`,
    values,
  );
  const ok = (updated.rowCount ?? 0) > 0;
  // Same head (the tokenizer recount): an approved head is the approved revision, so the token
  // rule's stored count follows. A new head goes through a review transition, which does it.
  if (ok && !target.head) await refreshRuleTokens(client, target.projectId, target.trajectoryId);
  return ok;
}

/**
 * Statistics of a revision's steps that reuses stored counts: only steps with `tokens: null` (new
 * or changed content) are tokenized, and the tool definitions only when no stored total is given.
 * Stored counts must come from the same tokenizer (callers check the trajectory's `tokenizer`).
 */
export function statisticsReusingCounts(
  steps: ReadonlyArray<{ step: ParsedStep; tokens: number | null }>,
  tools: readonly ToolDefinition[],
  storedToolTokens: number | null,
  tokenizer: Tokenizer,
): TokenStats {
  const count = (text: string) => (text.length === 0 ? 0 : tokenizer.count(text));
  const stepTokens = steps.map((s) => s.tokens ?? count(stepText(s.step)));
  const toolTokens = storedToolTokens ?? tools.reduce((n, t) => n + count(JSON.stringify(t)), 0);
  return statsFromCounts(
    steps.map((s) => s.step),
    stepTokens,
    [toolTokens],
    tokenizer.id,
  );
}
