/**
 * Sub-agent links across the files of one import. An ATIF parent names its sub-agent runs by
 * session id (`subagent_trajectory_ref`, kept by the parser as `subagentSessionIds`); when a
 * trajectory with that session id is in the same project (imported in this batch or before), the
 * parent's source metadata gets `subagents: [{sessionId, trajectoryId}]` and the child's
 * `parentTrajectoryId`, so the viewer can link the two. Ids that match nothing stay listed with
 * `trajectoryId: null`.
 */
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { isRec } from "@/lib/formats/normalize/json-guards";

export interface SubagentLink {
  sessionId: string;
  trajectoryId: string | null;
}

function sessionIdsOf(meta: unknown): string[] {
  const extra = isRec(meta) && isRec(meta.extra) ? meta.extra : {};
  return Array.isArray(extra.subagentSessionIds)
    ? extra.subagentSessionIds.filter((x): x is string => typeof x === "string")
    : [];
}

/** Links the parents among `trajectoryIds` to their sub-agent trajectories; returns the links made. */
export async function linkSubagents(projectId: string, trajectoryIds: readonly string[]): Promise<SubagentLink[]> {
  if (!trajectoryIds.length) return [];
  const parents = await db().trajectory.findMany({
    where: { projectId, id: { in: [...trajectoryIds] } },
    select: { id: true, sourceMeta: true },
  });
  const wanted = new Map(parents.map((p) => [p.id, sessionIdsOf(p.sourceMeta)]));
  const all = [...new Set([...wanted.values()].flat())];
  if (!all.length) return [];
  const children = await db().trajectory.findMany({
    where: { projectId, sessionId: { in: all } },
    orderBy: { createdAt: "asc" },
    select: { id: true, sessionId: true, sourceMeta: true },
  });
  const bySession = new Map<string, (typeof children)[number]>();
  for (const c of children) if (c.sessionId && !bySession.has(c.sessionId)) bySession.set(c.sessionId, c);
  const made: SubagentLink[] = [];
  for (const p of parents) {
    const ids = wanted.get(p.id) ?? [];
    if (!ids.length) continue;
    const links = ids.map((sessionId) => ({ sessionId, trajectoryId: bySession.get(sessionId)?.id ?? null }));
    await db().trajectory.update({
      where: { id: p.id },
      data: { sourceMeta: { ...(isRec(p.sourceMeta) ? p.sourceMeta : {}), subagents: links } as Prisma.InputJsonValue },
      select: { id: true },
    });
    for (const l of links) {
      const child = l.trajectoryId ? bySession.get(l.sessionId) : undefined;
      if (!child || child.id === p.id) continue;
      await db().trajectory.update({
        where: { id: child.id },
        data: {
          sourceMeta: {
            ...(isRec(child.sourceMeta) ? child.sourceMeta : {}),
            parentTrajectoryId: p.id,
          } as Prisma.InputJsonValue,
        },
        select: { id: true },
      });
    }
    made.push(...links.filter((l) => l.trajectoryId));
  }
  return made;
}
