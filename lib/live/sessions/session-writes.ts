/**
 * The agent's side of a live session: open, resume (and heartbeat); appending steps is
 * append-steps.ts. Every write locks the session row, so two writes of the same session never
 * interleave; insertLiveStep appends one row (feedback typed in a browser).
 */
import type pg from "pg";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/auth/actor";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { recordAudit } from "@/lib/audit/record-audit";
import { loadTokenizer } from "@/lib/tokens/registry";
import type { ParsedStep } from "@/lib/trajectory/types";
import { stepColumns, toRow, type LiveStepRow } from "@/lib/live/sessions/live-step-row";
import { notifySession } from "@/lib/live/sessions/live-notify";
import type { OpenSessionInput } from "@/lib/live/sessions/session-schemas";

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
