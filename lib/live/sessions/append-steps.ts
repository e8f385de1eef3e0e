/**
 * Appending an agent's steps to a live session (`session:steps` on the agent socket, and the HTTP
 * fallback). The batch is validated whole before the session is touched, so nothing partial is
 * written. Then one transaction of four round trips, whatever the batch holds: BEGIN; the session
 * row locked (two batches of a session never interleave), with the project's tokenizer and the
 * transaction's timestamp; one statement that inserts every new LiveStep row (constant work per
 * step), moves the session's counters and queues the NOTIFYs in order (a step's index row each,
 * then the session's counters); COMMIT. The ack is the highest contiguous seq stored, answered after
 * COMMIT: acknowledged means stored. A resent seq stores nothing; steps past a hole are not stored
 * and the hole is reported. Rewrites of sent steps and feedback delivered as a step (both rare)
 * take their own statements.
 */
import type pg from "pg";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { loadTokenizer } from "@/lib/tokens/registry";
import { stepText } from "@/lib/tokens/step-text";
import { ParsedStepSchema, type ParsedStep } from "@/lib/trajectory/types";
import { zodToAppError } from "@/lib/http/respond";
import { PROJECT_EVENTS_CHANNEL, projectEventPayload } from "@/lib/live/project-events";
import { LIVE_LIMITS } from "@/lib/live/sessions/live-limits";
import { stepColumns, toRow, type LiveStepRow } from "@/lib/live/sessions/live-step-row";
import { sessionEvents, stepEvent } from "@/lib/live/sessions/live-notify";
import type { StepsBatch } from "@/lib/live/sessions/session-schemas";
import type { LockedSession, StoredFeedback } from "@/lib/live/sessions/session-writes";
import { traceMark } from "@/lib/live/live-trace";
import { groupCommit, type Outcome } from "@/lib/live/sessions/group-commit";

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

type SessionForAppend = LockedSession & { tokenizer: string; now: Date };

const LOCK_COLUMNS = `s."id",s."projectId",s."state",s."control",s."ackSeq",s."stepCount",s."tokensTotal",s."feedbackMode",
  s."trajectoryId", p."tokenizer", CURRENT_TIMESTAMP::timestamp(3) AS "now"`;

/**
 * The sessions' rows locked in id order (so transactions on any instance lock them in one order),
 * with each project's tokenizer and the timestamp their new rows get (`now()`, the column default).
 */
async function lockForAppend(client: pg.PoolClient, sessionIds: string[]): Promise<Map<string, SessionForAppend>> {
  const { rows } = await client.query<SessionForAppend>(
    `SELECT ${LOCK_COLUMNS}
       FROM "LiveSession" s JOIN "Project" p ON p."id"=s."projectId"
      WHERE s."id" = ANY($1::text[]) ORDER BY s."id" FOR UPDATE OF s`,
    [[...new Set(sessionIds)].sort()],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** A new row: its columns, and the index row watchers get. */
interface NewRow {
  row: LiveStepRow;
  projectId: string;
  sourceId: string | null;
  authorId: string | null;
  body: string;
}

interface Writes {
  rows: NewRow[];
  /** Sessions whose counters move (each once, with its final counters). */
  sessions: Map<string, SessionForAppend>;
  /** NOTIFY payloads in the order watchers get them. */
  notices: string[];
}

/**
 * Inserts the rows (already numbered), moves the counters and queues the notifications, in one
 * statement for every session of the transaction. The data-modifying CTEs run once whatever the
 * outer query reads; the outer query calls pg_notify once per payload in array order, so watchers
 * get each session's rows in position order.
 */
async function write(client: pg.PoolClient, w: Writes): Promise<void> {
  const col = <T>(f: (r: NewRow) => T) => w.rows.map(f);
  const sessions = [...w.sessions.values()];
  await client.query(
    `WITH ins AS (
       INSERT INTO "LiveStep" ("id","sessionId","projectId","position","seq","sourceId","kind","preview","tokens",
                               "toolName","isError","authorId","authorName","body","bodyBytes")
       SELECT r.id, r.sid, r.pid, r.pos, r.seq, r.src, r.kind, r.preview, r.tokens, r.tool, r.err, r.aid, r.aname,
              r.body::jsonb, r.bytes
         FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[],
                     $9::int[], $10::text[], $11::boolean[], $12::text[], $13::text[], $14::text[], $15::int[])
           AS r(id, sid, pid, pos, seq, src, kind, preview, tokens, tool, err, aid, aname, body, bytes)
     ), upd AS (
       UPDATE "LiveSession" AS s
          SET "ackSeq"=u.ack, "stepCount"=u.count, "tokensTotal"=u.tokens, "state"='live', "lastHeartbeatAt"=now()
         FROM unnest($16::text[], $17::int[], $18::int[], $19::int[]) AS u(id, ack, count, tokens)
        WHERE s."id"=u.id
     )
     SELECT pg_notify($20, n) FROM unnest($21::text[]) AS n`,
    [
      col((r) => r.row.id),
      col((r) => r.row.sessionId),
      col((r) => r.projectId),
      col((r) => r.row.position),
      col((r) => r.row.seq),
      col((r) => r.sourceId),
      col((r) => r.row.kind),
      col((r) => r.row.preview),
      col((r) => r.row.tokens),
      col((r) => r.row.toolName),
      col((r) => r.row.isError),
      col((r) => r.authorId),
      col((r) => r.row.authorName),
      col((r) => r.body),
      col((r) => Buffer.byteLength(r.body)),
      sessions.map((s) => s.id),
      sessions.map((s) => s.ackSeq),
      sessions.map((s) => s.stepCount),
      sessions.map((s) => s.tokensTotal),
      PROJECT_EVENTS_CHANNEL,
      w.notices,
    ],
  );
}

interface AppendJob {
  sessionId: string;
  projectId: string;
  steps: ValidStep[];
  rewrites: Array<{ seq: number; body: string }>;
}

/** Plain appends share transactions (group-commit.ts); one delivering feedback or rewrites runs alone. */
const appendTogether = groupCommit(appendBatch, appendAlone);

export async function appendSteps(projectId: string, batch: StepsBatch): Promise<AppendResult> {
  const steps = batch.steps.map(validStep).sort((a, b) => a.seq - b.seq);
  const rewrites = (batch.rewrites ?? []).map(validRewrite);
  traceMark("5 steps validated");
  const job: AppendJob = { sessionId: batch.session, projectId, steps, rewrites };
  const out =
    rewrites.length || steps.some((v) => v.feedbackId)
      ? await withPgTransaction((client) => appendAlone(client, job))
      : await appendTogether(job);
  traceMark("8 committed");
  return out;
}

/**
 * Plans one append on its locked session: checks first (a refusal is an AppError before anything
 * is written, as group-commit.ts requires), then numbers the new rows and moves the counters in
 * memory. `author` delivers feedback (only appends that run alone have any).
 */
async function plan(
  s: SessionForAppend | undefined,
  job: AppendJob,
  w: Writes,
  author: (v: ValidStep, s: SessionForAppend) => Promise<StoredFeedback>,
): Promise<AppendResult> {
  const { sessionId, projectId, steps, rewrites } = job;
  if (!s || s.projectId !== projectId)
    throw new AppError("NOT_FOUND", `live session ${sessionId} not found in this project (open it first)`, {
      location: { field: "session" },
    });
  if (s.state === "ended")
    throw new AppError("CONFLICT", `live session ${sessionId} has ended; open a new session`, {
      location: { field: "session" },
    });
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
  const tokenizer = await loadTokenizer(s.tokenizer);
  const wasLive = s.state === "live";
  const result: AppendResult = { ack: s.ackSeq, stored: 0, duplicates: 0, gap: null, rewritten: 0, control: "" };
  const rows: NewRow[] = [];
  for (const v of steps) {
    if (v.seq <= s.ackSeq) {
      result.duplicates++;
      continue;
    }
    if (v.seq > s.ackSeq + 1) {
      result.gap = { expected: s.ackSeq + 1, received: v.seq };
      break;
    }
    const by = v.feedbackId ? await author(v, s) : { authorId: null, authorName: null };
    const tokens = tokenizer.count(stepText(v.step));
    const row = toRow({
      id: randomUUID(),
      sessionId: s.id,
      position: s.stepCount,
      seq: v.seq,
      ...stepColumns(v.step),
      tokens,
      authorName: by.authorName,
      createdAt: s.now,
    });
    rows.push({ row, projectId, sourceId: v.sourceId, authorId: by.authorId, body: v.body });
    s.stepCount++;
    s.tokensTotal += tokens;
    s.ackSeq = v.seq;
    result.stored++;
  }
  s.state = "live";
  w.rows.push(...rows);
  w.sessions.set(s.id, s);
  // Watchers get the rows, then the counters; the project room (the sessions list) gets the
  // counters when something changed, the watchers too when the session was stale.
  const events = rows.map((r) => stepEvent(projectId, r.row));
  if (rows.length || !wasLive)
    events.push(
      ...sessionEvents(
        projectId,
        {
          sessionId: s.id,
          state: "live",
          control: s.control,
          stepCount: s.stepCount,
          tokensTotal: s.tokensTotal,
          ackSeq: s.ackSeq,
          trajectoryId: s.trajectoryId,
        },
        { watchers: !wasLive },
      ),
    );
  w.notices.push(...events.map(projectEventPayload));
  result.ack = s.ackSeq;
  result.control = s.control;
  return result;
}

const noFeedback = async (): Promise<StoredFeedback> => {
  throw new AppError("INTERNAL", "feedback is delivered by appends that run alone");
};

/**
 * Several appends in one transaction: every session locked in one statement, each append planned
 * (a refused one changes nothing: it is planned on a copy of its session), one statement writes all.
 */
async function appendBatch(client: pg.PoolClient, jobs: AppendJob[]): Promise<Array<Outcome<AppendResult>>> {
  const locked = await lockForAppend(
    client,
    jobs.map((j) => j.sessionId),
  );
  const w: Writes = { rows: [], sessions: new Map(), notices: [] };
  const outcomes: Array<Outcome<AppendResult>> = [];
  for (const job of jobs) {
    const current = locked.get(job.sessionId);
    const copy = current && { ...current };
    const mark = { rows: w.rows.length, notices: w.notices.length };
    try {
      outcomes.push({ ok: true, value: await plan(copy, job, w, noFeedback) });
      locked.set(job.sessionId, copy!);
    } catch (e) {
      w.rows.length = mark.rows;
      w.notices.length = mark.notices;
      outcomes.push({ ok: false, error: e });
    }
  }
  await write(client, w);
  return outcomes;
}

/** One append in the caller's transaction, with feedback delivered and rewrites recorded. */
async function appendAlone(client: pg.PoolClient, job: AppendJob): Promise<AppendResult> {
  const locked = await lockForAppend(client, [job.sessionId]);
  const w: Writes = { rows: [], sessions: new Map(), notices: [] };
  const result = await plan(locked.get(job.sessionId), job, w, (v, s) => takeFeedback(client, s, v));
  await write(client, w);
  const s = w.sessions.get(job.sessionId)!;
  for (const r of job.rewrites) {
    if (r.seq > s.ackSeq) continue;
    const u = await client.query(
      `UPDATE "LiveStep" SET "rewritten"=$3 WHERE "sessionId"=$1 AND "seq"=$2 AND ("body"::text <> $3::jsonb::text)`,
      [s.id, r.seq, r.body],
    );
    result.rewritten += u.rowCount ?? 0;
  }
  if (result.rewritten)
    await client.query(`UPDATE "LiveSession" SET "rewrites"="rewrites"+$2 WHERE "id"=$1`, [s.id, result.rewritten]);
  return result;
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
