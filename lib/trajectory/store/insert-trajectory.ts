/**
 * Writes one parsed trajectory: the trajectory row with its statistics, tool definitions, the step
 * index, the step bodies (kept apart) and revision 1, the immutable original. Runs on the caller's
 * transaction (lib/db/pg-pool.ts), with COPY for the step rows, so a file that fails half-way
 * writes nothing and a 5,000-step trajectory is a handful of round trips.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { ParsedStep, ParsedTrajectory } from "@/lib/trajectory/types";
import { contentHashOf } from "@/lib/trajectory/content-hash";
import { copyRows, type CopyValue } from "@/lib/db/copy-rows";
import { stepText } from "@/lib/tokens/step-text";
import type { TokenStats } from "@/lib/tokens/stats";
import { statisticsColumns } from "@/lib/trajectory/store/statistics";

/** Characters of a step's text kept in its index row (`preview`). */
export const PREVIEW_CHARS = 280;
const TITLE_CHARS = 140;

export interface StoreInput {
  projectId: string;
  parsed: ParsedTrajectory;
  stats: TokenStats;
  createdById?: string | null;
  domain?: string | null;
  queryId?: string | null;
  sourceFileId?: string | null;
  /** Used for the title when the source has none and no human message exists. */
  fallbackTitle?: string;
}

export type StoreResult = { status: "imported"; trajectoryId: string } | { status: "duplicate"; trajectoryId: string };

const oneLine = (s: string, n: number) => s.replace(/\s+/g, " ").trim().slice(0, n);

export function firstHumanText(steps: readonly ParsedStep[]): string {
  const h = steps.find((s) => s.kind === "human" && !s.sidechain);
  return h && "text" in h ? h.text : "";
}

export const STEP_COLUMNS = [
  "id",
  "projectId",
  "trajectoryId",
  "key",
  "version",
  "kind",
  "seq",
  "timestamp",
  "tokens",
  "usage",
  "toolName",
  "callId",
  "isError",
  "truncated",
  "hidden",
  "orphan",
  "sidechain",
  "preview",
  "bodyBytes",
] as const;

/** The index row of a step, in STEP_COLUMNS order. */
export function stepIndexRow(
  step: ParsedStep,
  ids: { id: string; projectId: string; trajectoryId: string; key: string; version: number; seq: number },
  tokens: number,
  bodyBytes: number,
): CopyValue[] {
  const isCall = step.kind === "tool_call";
  const isResult = step.kind === "tool_result";
  return [
    ids.id,
    ids.projectId,
    ids.trajectoryId,
    ids.key,
    ids.version,
    step.kind,
    ids.seq,
    step.timestamp ?? null,
    tokens,
    step.usage ?? null,
    isCall ? step.name : isResult ? (step.name ?? null) : null,
    isCall || isResult ? step.callId : null,
    isResult ? step.isError : step.kind === "error",
    isResult ? step.truncated : false,
    step.kind === "reasoning" ? step.hidden : false,
    (isCall || isResult) && step.orphan === true,
    step.sidechain === true,
    stepText(step).slice(0, PREVIEW_CHARS),
    bodyBytes,
  ];
}

export async function storeTrajectory(client: pg.PoolClient, input: StoreInput): Promise<StoreResult> {
  const { parsed, stats, projectId } = input;
  const bodies = parsed.steps.map((s) => JSON.stringify(s));
  const hash = contentHashOf(JSON.stringify(parsed.tools), bodies);
  const human = firstHumanText(parsed.steps);
  const trajectoryId = randomUUID();
  const revisionId = randomUUID();
  const src = parsed.source;

  const row: Array<[string, unknown]> = [
    ["id", trajectoryId],
    ["projectId", projectId],
    ["title", oneLine(parsed.title || human || input.fallbackTitle || "Untitled trajectory", TITLE_CHARS)],
    ["domain", input.domain ?? null],
    ["queryId", input.queryId ?? null],
    ["contentHash", hash],
    ["sourceFileId", input.sourceFileId ?? null],
    ["format", parsed.format],
    ["agent", src.agent ?? null],
    ["model", src.model ?? null],
    ["cwd", src.cwd ?? null],
    ["sessionId", src.sessionId ?? null],
    ["startedAt", src.startedAt ?? null],
    ["endedAt", src.endedAt ?? null],
    ["sourceMeta", JSON.stringify({ ...src, usage: parsed.usage, warnings: parsed.warnings })],
    ["headRevisionId", revisionId],
    ["headNumber", 1],
    ...statisticsColumns(stats, parsed.steps.length),
    ["firstHumanMessage", human.slice(0, 2000)],
    ["createdById", input.createdById ?? null],
  ];
  const inserted = await client.query<{ id: string }>(
    `INSERT INTO "Trajectory" (${row.map(([c]) => `"${c}"`).join(",")},"updatedAt")
     VALUES (${row.map((_, i) => `$${i + 1}`).join(",")},now())
     ON CONFLICT ("projectId","contentHash") DO NOTHING RETURNING "id"`,
    row.map(([, v]) => v),
  );
  if (!inserted.rowCount) {
    const existing = await client.query<{ id: string }>(
      `SELECT "id" FROM "Trajectory" WHERE "projectId" = $1 AND "contentHash" = $2`,
      [projectId, hash],
    );
    return { status: "duplicate", trajectoryId: existing.rows[0].id };
  }

  if (parsed.tools.length) {
    await copyRows(
      client,
      "ToolDefinition",
      ["id", "projectId", "trajectoryId", "position", "name", "description", "parameters"],
      parsed.tools.map((tool, position) => [
        randomUUID(),
        projectId,
        trajectoryId,
        position,
        tool.name,
        tool.description ?? null,
        tool.parameters ?? null,
      ]),
    );
  }

  const stepIds = parsed.steps.map(() => randomUUID());
  await copyRows(
    client,
    "Step",
    STEP_COLUMNS,
    parsed.steps.map((s, seq) =>
      stepIndexRow(
        s,
        { id: stepIds[seq], projectId, trajectoryId, key: `s${seq}`, version: 1, seq },
        stats.stepTokens[seq] ?? 0,
        Buffer.byteLength(bodies[seq]),
      ),
    ),
  );
  await copyRows(
    client,
    "StepBody",
    ["stepId", "data"],
    bodies.map((b, i) => [stepIds[i], b]),
  );
  await client.query(
    `INSERT INTO "Revision" ("id","projectId","trajectoryId","number","authorId","reason","ops","stepIds") VALUES ($1,$2,$3,1,$4,'imported original','[]',$5)`,
    [revisionId, projectId, trajectoryId, input.createdById ?? null, stepIds],
  );
  return { status: "imported", trajectoryId };
}
