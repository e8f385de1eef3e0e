/**
 * The agent's side of a live session: open, resume (and heartbeat), and append steps. Steps are
 * appended as LiveStep rows in arrival order, each insert a constant amount of work (linear in the
 * number of steps; no revision per step). Every write locks the session row, so two batches of the
 * same session never interleave, and a batch is validated whole before anything is written.
 */
import type pg from "pg";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/auth/actor";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { recordAudit } from "@/lib/audit/record-audit";
import { loadTokenizer } from "@/lib/tokens/registry";
import { stepText } from "@/lib/tokens/step-text";
import { ParsedStepSchema, type ParsedStep } from "@/lib/trajectory/types";
import { zodToAppError } from "@/lib/http/respond";
import { LIVE_LIMITS } from "@/lib/live/sessions/live-limits";
import { stepColumns, toRow, type LiveStepRow } from "@/lib/live/sessions/live-step-row";
import { notifySession, notifyStep } from "@/lib/live/sessions/live-notify";
import type { OpenSessionInput, StepsBatch } from "@/lib/live/sessions/session-schemas";
import { traceMark } from "@/lib/live/live-trace";

export interface LockedSession {
  id: string;
  projectId: string;
  state: "live" | "stale" | "ended";
  control: string;
  ackSeq: number;
  stepCount: number;
  tokensTotal: number;
  feedbackMode: string;
  trajectoryId: string | null;
}

/** The session row, locked for this transaction; NOT_FOUND when it is not one of the project's. */
export async function lockSession(client: pg.PoolClient, projectId: string, sessionId: string): Promise<LockedSession> {
  const { rows } = await client.query<LockedSession>(
    `SELECT "id","projectId","state","control","ackSeq","stepCount","tokensTotal","feedbackMode","trajectoryId"
       FROM "LiveSession" WHERE "id"=$1 AND "projectId"=$2 FOR UPDATE`,
    [sessionId, projectId],
  );
  if (!rows[0])
    throw new AppError("NOT_FOUND", `live session ${sessionId} not found in this project (open it first)`, {
      location: { field: "session" },
    });
  return rows[0];
}

function refuseEnded(s: LockedSession): void {
  if (s.state === "ended")
    throw new AppError("CONFLICT", `live session ${s.id} has ended; open a new session`, {
      location: { field: "session" },
    });
}

const counters = (s: LockedSession) => ({
  sessionId: s.id,
  state: s.state,
  control: s.control,
  stepCount: s.stepCount,
  tokensTotal: s.tokensTotal,
  ackSeq: s.ackSeq,
  trajectoryId: s.trajectoryId,
});

export async function openSession(projectId: string, actor: Actor, input: OpenSessionInput) {
  return withPgTransaction(async (client) => {
    let queryText: string | null = null;
    if (input.queryId) {
      const q = await client.query<{ text: string }>(`SELECT "text" FROM "Query" WHERE "id"=$1 AND "projectId"=$2`, [
        input.queryId,
        projectId,
      ]);
      queryText = q.rows[0]?.text ?? null;
      if (!q.rowCount)
        throw new AppError("NOT_FOUND", `query ${input.queryId} not found in this project`, {
          location: { field: "queryId" },
        });
    }
    const inserted = await client.query(
      `INSERT INTO "LiveSession" ("id","projectId","apiKeyId","createdById","format","agent","model","queryId","cwd","title","tools","feedbackMode")
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) ON CONFLICT ("id") DO NOTHING`,
      [
        input.session,
        projectId,
        actor.kind === "apiKey" ? actor.keyId : null,
        actor.user.id,
        input.format,
        input.agent ?? null,
        input.model ?? null,
        input.queryId ?? null,
        input.cwd ?? null,
        input.title ?? null,
        JSON.stringify(input.tools ?? []),
        input.feedback ?? "print",
      ],
    );
    if (!inserted.rowCount)
      throw new AppError(
        "CONFLICT",
        `live session ${input.session} is already open; resume it (session:resume) instead of opening it again`,
        { location: { field: "session" } },
      );
    await recordAudit(
      {
        projectId,
        actorId: actor.user.id,
        apiKeyId: actor.kind === "apiKey" ? actor.keyId : null,
        action: "live.open",
        targetType: "LiveSession",
        targetId: input.session,
        data: { format: input.format, agent: input.agent ?? null, queryId: input.queryId ?? null },
      },
      client,
    );
    const c = { sessionId: input.session, state: "live", control: "running", stepCount: 0, tokensTotal: 0, ackSeq: 0 };
    await notifySession(client, projectId, c);
    // The runner works on the query's text when it was given only the query id.
    return { session: input.session, ack: 0, state: "live", control: "running", queryText };
  });
}

/** Resume after a reconnect, or a heartbeat: the session is live again (a stale one resumes). */
export async function touchSession(projectId: string, sessionId: string) {
  return withPgTransaction(async (client) => {
    const s = await lockSession(client, projectId, sessionId);
    refuseEnded(s);
    await client.query(`UPDATE "LiveSession" SET "state"='live', "lastHeartbeatAt"=now() WHERE "id"=$1`, [s.id]);
    if (s.state !== "live") await notifySession(client, projectId, { ...counters(s), state: "live" });
    const pending =
      s.feedbackMode === "inject"
        ? (
            await client.query<{ id: string; text: string; authorName: string }>(
              `SELECT "id","text","authorName" FROM "LiveFeedback" WHERE "sessionId"=$1 AND "deliveredAt" IS NULL ORDER BY "createdAt"`,
              [s.id],
            )
          ).rows
        : [];
    return { session: s.id, ack: s.ackSeq, state: "live" as const, control: s.control, feedback: pending };
  });
}

interface ValidStep {
  seq: number;
  step: ParsedStep;
  body: string;
  sourceId: string | null;
  feedbackId: string | null;
}

function validStep(raw: StepsBatch["steps"][number], i: number): ValidStep {
  const parsed = ParsedStepSchema.safeParse(raw.step);
  if (!parsed.success) {
    const e = zodToAppError(parsed.error, "body");
    throw new AppError("VALIDATION", `steps[${i}] (seq ${raw.seq}): not a canonical step: ${e.message}`, {
      location: { field: `steps[${i}].step` },
    });
  }
  const body = JSON.stringify(parsed.data);
  if (Buffer.byteLength(body) > LIVE_LIMITS.maxStepBytes)
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `steps[${i}] (seq ${raw.seq}) is ${Buffer.byteLength(body)} bytes; a step may hold at most ${LIVE_LIMITS.maxStepBytes}`,
      { location: { field: `steps[${i}].step` } },
    );
  return { seq: raw.seq, step: parsed.data, body, sourceId: raw.sourceId ?? null, feedbackId: raw.feedbackId ?? null };
}

function validRewrite(raw: NonNullable<StepsBatch["rewrites"]>[number], i: number): { seq: number; body: string } {
  if (raw.step === null) return { seq: raw.seq, body: JSON.stringify({ deleted: true }) };
  const parsed = ParsedStepSchema.safeParse(raw.step);
  if (!parsed.success)
    throw new AppError(
      "VALIDATION",
      `rewrites[${i}] (seq ${raw.seq}): not a canonical step: ${zodToAppError(parsed.error, "body").message}`,
      { location: { field: `rewrites[${i}].step` } },
    );
  const body = JSON.stringify(parsed.data);
  if (Buffer.byteLength(body) > LIVE_LIMITS.maxStepBytes)
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `rewrites[${i}] (seq ${raw.seq}) is over ${LIVE_LIMITS.maxStepBytes} bytes`,
      {
        location: { field: `rewrites[${i}].step` },
      },
    );
  return { seq: raw.seq, body };
}

export interface AppendResult {
  /** The highest sequence number up to which every step is stored. */
  ack: number;
  stored: number;
  duplicates: number;
  /** Steps past a hole were not stored: resend from `expected`. */
  gap: { expected: number; received: number } | null;
  rewritten: number;
  control: string;
}

export interface StoredFeedback {
  authorId: string | null;
  authorName: string | null;
}

/** Inserts one step at the session's next position; the caller holds the session lock. */
export async function insertLiveStep(
  client: pg.PoolClient,
  s: LockedSession,
  v: { seq: number | null; step: ParsedStep; body: string; sourceId: string | null; tokens: number } & StoredFeedback,
): Promise<LiveStepRow> {
  const cols = stepColumns(v.step);
  const id = randomUUID();
  const { rows } = await client.query<{ createdAt: Date }>(
    `INSERT INTO "LiveStep" ("id","sessionId","projectId","position","seq","sourceId","kind","preview","tokens","toolName","isError","authorId","authorName","body","bodyBytes")
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING "createdAt"`,
    [
      id,
      s.id,
      s.projectId,
      s.stepCount,
      v.seq,
      v.sourceId,
      cols.kind,
      cols.preview,
      v.tokens,
      cols.toolName,
      cols.isError,
      v.authorId,
      v.authorName,
      v.body,
      Buffer.byteLength(v.body),
    ],
  );
  const row = toRow({
    id,
    sessionId: s.id,
    position: s.stepCount,
    seq: v.seq,
    ...cols,
    tokens: v.tokens,
    authorName: v.authorName,
    createdAt: rows[0].createdAt,
  });
  s.stepCount++;
  s.tokensTotal += v.tokens;
  return row;
}

export async function projectTokenizer(client: pg.PoolClient, projectId: string) {
  const { rows } = await client.query<{ tokenizer: string }>(`SELECT "tokenizer" FROM "Project" WHERE "id"=$1`, [
    projectId,
  ]);
  return loadTokenizer(rows[0]?.tokenizer);
}

export async function appendSteps(projectId: string, batch: StepsBatch): Promise<AppendResult> {
  // The whole batch is checked before the session is touched: nothing partial is written.
  const steps = batch.steps.map(validStep).sort((a, b) => a.seq - b.seq);
  const rewrites = (batch.rewrites ?? []).map(validRewrite);
  traceMark("5 steps validated");
  const out = await withPgTransaction(async (client) => {
    traceMark("6 pool connection + BEGIN");
    const s = await lockSession(client, projectId, batch.session);
    traceMark("7 session locked");
    refuseEnded(s);
    const farthest = steps.at(-1)?.seq ?? 0;
    if (farthest > s.ackSeq + LIVE_LIMITS.maxSeqAhead)
      throw new AppError(
        "VALIDATION",
        `seq ${farthest} is too far ahead: the session has every step up to ${s.ackSeq}, and a step may be at most ${LIVE_LIMITS.maxSeqAhead} past it`,
        { location: { field: "steps" } },
      );
    if (s.stepCount + steps.length > LIVE_LIMITS.maxSteps)
      throw new AppError("PAYLOAD_TOO_LARGE", `a live session holds at most ${LIVE_LIMITS.maxSteps} steps`, {
        location: { field: "steps" },
      });
    for (const r of rewrites)
      if (r.seq > s.ackSeq && !steps.some((v) => v.seq === r.seq))
        throw new AppError("VALIDATION", `a rewrite names seq ${r.seq}, which was never stored`, {
          location: { field: "rewrites" },
        });
    const tokenizer = await projectTokenizer(client, projectId);
    const result: AppendResult = { ack: s.ackSeq, stored: 0, duplicates: 0, gap: null, rewritten: 0, control: "" };
    const rows: LiveStepRow[] = [];
    for (const v of steps) {
      if (v.seq <= s.ackSeq) {
        result.duplicates++;
        continue;
      }
      if (v.seq > s.ackSeq + 1) {
        result.gap = { expected: s.ackSeq + 1, received: v.seq };
        break;
      }
      let author: StoredFeedback = { authorId: null, authorName: null };
      if (v.feedbackId) author = await takeFeedback(client, s, v);
      const row = await insertLiveStep(client, s, {
        ...v,
        ...author,
        tokens: tokenizer.count(stepText(v.step)),
      });
      s.ackSeq = v.seq;
      result.stored++;
      rows.push(row);
    }
    for (const r of rewrites) {
      if (r.seq > s.ackSeq) continue;
      const u = await client.query(
        `UPDATE "LiveStep" SET "rewritten"=$3 WHERE "sessionId"=$1 AND "seq"=$2 AND ("body"::text <> $3::jsonb::text)`,
        [s.id, r.seq, r.body],
      );
      result.rewritten += u.rowCount ?? 0;
    }
    await client.query(
      `UPDATE "LiveSession" SET "ackSeq"=$2, "stepCount"=$3, "tokensTotal"=$4, "state"='live', "lastHeartbeatAt"=now(),
         "rewrites" = "rewrites" + $5 WHERE "id"=$1`,
      [s.id, s.ackSeq, s.stepCount, s.tokensTotal, result.rewritten],
    );
    for (const row of rows) await notifyStep(client, projectId, row);
    if (rows.length || s.state !== "live")
      await notifySession(client, projectId, { ...counters(s), state: "live" }, { watchers: s.state !== "live" });
    result.ack = s.ackSeq;
    result.control = s.control;
    traceMark("8 rows + NOTIFY queued");
    return result;
  });
  traceMark("8b committed");
  return out;
}

async function takeFeedback(client: pg.PoolClient, s: LockedSession, v: ValidStep): Promise<StoredFeedback> {
  if (v.step.kind !== "human")
    throw new AppError("VALIDATION", `seq ${v.seq}: feedback is delivered as a human step`, {
      location: { field: "steps" },
    });
  const { rows } = await client.query<{ authorId: string; authorName: string }>(
    `UPDATE "LiveFeedback" SET "deliveredAt"=now() WHERE "id"=$1 AND "sessionId"=$2 AND "deliveredAt" IS NULL
     RETURNING "authorId","authorName"`,
    [v.feedbackId, s.id],
  );
  if (!rows[0])
    throw new AppError("NOT_FOUND", `feedback ${v.feedbackId} is not waiting in this session`, {
      location: { field: "steps" },
    });
  return rows[0];
}
