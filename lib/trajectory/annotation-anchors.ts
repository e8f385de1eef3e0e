/**
 * Keeps annotations on their text when their own step changes: a range annotation is moved to
 * where its quote now stands when the quote occurs exactly once, and marked outdated otherwise.
 * Whole-step annotations follow the step. Edits of other steps never touch an annotation.
 */
import type pg from "pg";
import type { ParsedStep } from "@/lib/trajectory/types";

export function fieldText(step: ParsedStep, field: string | null): string | null {
  if (field === "text" && "text" in step) return step.text;
  if (field === "output" && step.kind === "tool_result") return step.output;
  if (field === "arguments" && step.kind === "tool_call")
    return step.arguments ? JSON.stringify(step.arguments, null, 2) : (step.argumentsRaw ?? "");
  return null;
}

/** Where a quote stands now: its single occurrence, or null when missing or ambiguous. */
export function relocate(text: string, quote: string): { start: number; end: number } | null {
  const first = text.indexOf(quote);
  if (first < 0 || text.indexOf(quote, first + 1) >= 0) return null;
  return { start: first, end: first + quote.length };
}

export async function reanchorAnnotations(
  client: pg.PoolClient,
  trajectoryId: string,
  changed: Array<{ key: string; version: number; step: ParsedStep }>,
): Promise<void> {
  if (!changed.length) return;
  const byKey = new Map(changed.map((c) => [c.key, c]));
  const { rows } = await client.query<{
    id: string;
    stepKey: string;
    field: string | null;
    quote: string | null;
    anchorVersion: number;
  }>(
    `SELECT "id","stepKey","field","quote","anchorVersion" FROM "Annotation" WHERE "trajectoryId" = $1 AND "stepKey" = ANY($2)`,
    [trajectoryId, [...byKey.keys()]],
  );
  for (const a of rows) {
    const c = byKey.get(a.stepKey)!;
    if (a.anchorVersion === c.version) continue;
    if (!a.quote) {
      await client.query(
        `UPDATE "Annotation" SET "anchorVersion"=$2, "outdated"=false, "updatedAt"=now() WHERE "id"=$1`,
        [a.id, c.version],
      );
      continue;
    }
    const text = fieldText(c.step, a.field);
    const at = text === null ? null : relocate(text, a.quote);
    await client.query(
      at
        ? `UPDATE "Annotation" SET "anchorVersion"=$2, "start"=$3, "end"=$4, "outdated"=false, "updatedAt"=now() WHERE "id"=$1`
        : `UPDATE "Annotation" SET "anchorVersion"=$2, "outdated"=true, "updatedAt"=now() WHERE "id"=$1`,
      at ? [a.id, c.version, at.start, at.end] : [a.id, c.version],
    );
  }
}
