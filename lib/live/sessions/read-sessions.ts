/**
 * Reading live sessions for watchers: the list (live first, then recent), one session with its step
 * index (rows, never bodies) from a position on, and step bodies on demand. Every read is scoped to
 * the project. A session past its heartbeat is marked stale on the way (lib/live/sessions/stale.ts).
 */
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { markStaleSessions } from "@/lib/live/sessions/stale";
import { toRow, type LiveStepRow } from "@/lib/live/sessions/live-step-row";

const SESSION_SELECT = {
  id: true,
  format: true,
  agent: true,
  model: true,
  queryId: true,
  cwd: true,
  title: true,
  state: true,
  control: true,
  feedbackMode: true,
  ackSeq: true,
  stepCount: true,
  tokensTotal: true,
  rewrites: true,
  startedAt: true,
  endedAt: true,
  lastHeartbeatAt: true,
  trajectoryId: true,
  createdById: true,
} as const;

export async function listLiveSessions(projectId: string, opts: { take?: number } = {}) {
  await markStaleSessions();
  const rows = await db().liveSession.findMany({
    where: { projectId },
    orderBy: [{ startedAt: "desc" }],
    take: Math.min(opts.take ?? 100, 200),
    select: SESSION_SELECT,
  });
  const order = { live: 0, stale: 1, ended: 2 } as const;
  const queryIds = [...new Set(rows.map((r) => r.queryId).filter((q): q is string => !!q))];
  const queries = queryIds.length
    ? await db().query.findMany({ where: { projectId, id: { in: queryIds } }, select: { id: true, text: true } })
    : [];
  const titles = new Map(queries.map((q) => [q.id, q.text.slice(0, 140)]));
  return rows
    .map((r) => ({ ...r, queryTitle: r.queryId ? (titles.get(r.queryId) ?? null) : null }))
    .sort((a, b) => order[a.state] - order[b.state]);
}

export async function getLiveSession(projectId: string, sessionId: string, opts: { from?: number } = {}) {
  await markStaleSessions();
  const session = await db().liveSession.findFirst({ where: { id: sessionId, projectId }, select: SESSION_SELECT });
  if (!session) throw new AppError("NOT_FOUND", `live session ${sessionId} not found in this project`);
  const steps = await db().liveStep.findMany({
    where: { sessionId, projectId, position: { gte: opts.from ?? 0 } },
    orderBy: { position: "asc" },
    select: {
      id: true,
      sessionId: true,
      position: true,
      seq: true,
      kind: true,
      preview: true,
      tokens: true,
      toolName: true,
      isError: true,
      authorName: true,
      createdAt: true,
    },
  });
  const pending = await db().liveFeedback.findMany({
    where: { sessionId, projectId, deliveredAt: null },
    orderBy: { createdAt: "asc" },
    select: { id: true, text: true, authorName: true, createdAt: true },
  });
  return { session, steps: steps.map((s): LiveStepRow => toRow(s)), pendingFeedback: pending };
}

export const MAX_BODY_IDS = 200;

export async function liveStepBodies(projectId: string, sessionId: string, ids: string[]) {
  if (ids.length > MAX_BODY_IDS)
    throw new AppError("VALIDATION", `ask for at most ${MAX_BODY_IDS} step bodies at once`, {
      location: { field: "ids" },
    });
  const rows = await db().liveStep.findMany({
    where: { projectId, sessionId, id: { in: ids } },
    select: { id: true, position: true, body: true },
  });
  return { bodies: rows.map((r) => ({ id: r.id, position: r.position, step: r.body })) };
}
