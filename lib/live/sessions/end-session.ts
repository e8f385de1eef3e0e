/**
 * The end of a live session: its steps, in the order they arrived, become revision 1 of a new
 * trajectory, written once through the trajectory store with its token statistics, and the
 * trajectory enters the review flow (when the project queues new trajectories), all in one
 * transaction with the session's own `ended` state. Steps the source rewrote after they were sent
 * then become revision 2 "source rewritten" (lib/trajectory/store/write-revision.ts), so revision 1
 * stays what was seen live. Ending twice answers the same trajectory.
 */
import type pg from "pg";
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/auth/actor";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { recordAudit } from "@/lib/audit/record-audit";
import { notifyProjectEvent } from "@/lib/live/project-events";
import { computeTokenStatsOffThread } from "@/lib/tokens/count-pool";
import { storeTrajectory } from "@/lib/trajectory/store/insert-trajectory";
import { writeRevision, revisionAuthor, type RevisionStep } from "@/lib/trajectory/store/write-revision";
import { readTools } from "@/lib/trajectory/store/read-revision";
import { queueNewTrajectory } from "@/lib/review/send-to-review";
import { ParsedStepSchema, type ParsedStep, type ParsedTrajectory, type ToolDefinition } from "@/lib/trajectory/types";
import { lockSession } from "@/lib/live/sessions/session-writes";
import { notifySession } from "@/lib/live/sessions/live-notify";

export const SOURCE_REWRITTEN = "source rewritten";

interface EndRow {
  position: number;
  body: ParsedStep;
  rewritten: (ParsedStep | { deleted: true }) | null;
  authorId: string | null;
  authorName: string | null;
  createdAt: Date;
}

export interface EndResult {
  session: string;
  trajectoryId: string | null;
  revision: number | null;
  steps: number;
}

export async function endSession(projectId: string, sessionId: string, actor: Actor): Promise<EndResult> {
  const ended = await withPgTransaction(async (client) => {
    const s = await lockSession(client, projectId, sessionId);
    if (s.state === "ended") return { again: true as const, trajectoryId: s.trajectoryId, rows: [] as EndRow[] };
    const meta = await client.query<{
      format: string;
      agent: string | null;
      model: string | null;
      cwd: string | null;
      title: string | null;
      queryId: string | null;
      tools: ToolDefinition[];
      createdById: string;
      startedAt: Date;
      tokenizer: string;
    }>(
      `SELECT l."format",l."agent",l."model",l."cwd",l."title",l."queryId",l."tools",l."createdById",l."startedAt",p."tokenizer"
         FROM "LiveSession" l JOIN "Project" p ON p."id"=l."projectId" WHERE l."id"=$1`,
      [s.id],
    );
    const m = meta.rows[0];
    const { rows } = await client.query<EndRow>(
      `SELECT "position","body","rewritten","authorId","authorName","createdAt" FROM "LiveStep" WHERE "sessionId"=$1 ORDER BY "position"`,
      [s.id],
    );
    let trajectoryId: string | null = null;
    const endedAt = new Date();
    if (rows.length) {
      const steps = rows.map((r) => r.body);
      const feedback = rows
        .map((r, step) => ({ step, authorId: r.authorId, authorName: r.authorName, at: r.createdAt.toISOString() }))
        .filter((f) => f.authorId);
      const parsed: ParsedTrajectory = {
        format: m.format,
        ...(m.title ? { title: m.title } : {}),
        tools: m.tools,
        steps,
        source: {
          ...(m.agent ? { agent: m.agent } : {}),
          ...(m.model ? { model: m.model } : {}),
          ...(m.cwd ? { cwd: m.cwd } : {}),
          sessionId: s.id,
          startedAt: m.startedAt.toISOString(),
          endedAt: endedAt.toISOString(),
          extra: { live: { sessionId: s.id, feedback } },
        },
        warnings: [],
      };
      const stats = await computeTokenStatsOffThread(steps, m.tools, m.tokenizer);
      const stored = await storeTrajectory(client, {
        projectId,
        parsed,
        stats,
        createdById: m.createdById,
        queryId: m.queryId,
        fallbackTitle: `Live session ${s.id.slice(0, 8)}`,
      });
      trajectoryId = stored.trajectoryId;
      if (stored.status === "imported") await queueNewTrajectory(client, projectId, trajectoryId, m.createdById);
      await notifyProjectEvent(client, { projectId, event: "trajectories:changed", data: { imported: 1 } });
    }
    await client.query(
      `UPDATE "LiveSession" SET "state"='ended', "endedAt"=$2, "trajectoryId"=$3, "control"='running' WHERE "id"=$1`,
      [s.id, endedAt, trajectoryId],
    );
    await recordAudit(
      {
        projectId,
        actorId: actor.user.id,
        apiKeyId: actor.kind === "apiKey" ? actor.keyId : null,
        action: "live.end",
        targetType: "LiveSession",
        targetId: s.id,
        data: { trajectoryId, steps: rows.length },
      },
      client,
    );
    await notifySession(client, projectId, {
      sessionId: s.id,
      state: "ended",
      control: "running",
      stepCount: s.stepCount,
      tokensTotal: s.tokensTotal,
      ackSeq: s.ackSeq,
      trajectoryId,
    });
    return { again: false as const, trajectoryId, rows };
  });
  if (ended.again || !ended.trajectoryId)
    return { session: sessionId, trajectoryId: ended.trajectoryId, revision: ended.trajectoryId ? 1 : null, steps: 0 };
  const revision = ended.rows.some((r) => r.rewritten)
    ? await writeRewrite(projectId, ended.trajectoryId, ended.rows, actor)
    : 1;
  return { session: sessionId, trajectoryId: ended.trajectoryId, revision, steps: ended.rows.length };
}

/** Revision 2 "source rewritten": the steps as the source has them at the end. */
async function writeRewrite(projectId: string, trajectoryId: string, rows: EndRow[], actor: Actor): Promise<number> {
  const head = await withPgTransaction(async (client: pg.PoolClient) => {
    const { rows: t } = await client.query<{
      headNumber: number;
      headRevisionId: string;
      tokenizer: string;
      stepIds: string[];
    }>(
      `SELECT t."headNumber", t."headRevisionId", t."tokenizer", r."stepIds" FROM "Trajectory" t
         JOIN "Revision" r ON r."id" = t."headRevisionId" WHERE t."id"=$1 AND t."projectId"=$2`,
      [trajectoryId, projectId],
    );
    return t[0];
  });
  // Content that was already stored under another trajectory (a duplicate) is not rewritten here.
  if (!head || head.headNumber !== 1 || head.stepIds.length !== rows.length) return head?.headNumber ?? 1;
  const steps = rows.flatMap((r, i): RevisionStep[] => {
    if (!r.rewritten) return [{ key: `s${i}`, rowId: head.stepIds[i], version: 1, step: r.body }];
    if ("deleted" in r.rewritten) return [];
    return [{ key: `s${i}`, rowId: null, version: 1, step: ParsedStepSchema.parse(r.rewritten) }];
  });
  const stats = await computeTokenStatsOffThread(
    steps.map((s) => s.step),
    await readTools(trajectoryId),
    head.tokenizer,
  );
  return writeRevision({
    projectId,
    trajectoryId,
    base: { number: 1, id: head.headRevisionId },
    author: revisionAuthor(actor),
    reason: SOURCE_REWRITTEN,
    ops: [],
    steps,
    stats,
    action: "live.rewrite",
    reanchor: "changed",
    conflict: async (n) => new AppError("CONFLICT", `the trajectory moved to revision ${n} before the rewrite`),
  });
}
