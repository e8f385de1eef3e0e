/**
 * The trajectories list: server-side pagination, sorting and filters over indexed columns. It
 * never touches step bodies.
 */
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import type { TrajectoryListQuery } from "@/lib/trajectory/list-query";

export const TRAJECTORY_LIST_SELECT = {
  id: true,
  title: true,
  status: true,
  domain: true,
  format: true,
  agent: true,
  model: true,
  stepCount: true,
  tokensTotal: true,
  tokensHuman: true,
  tokensAssistant: true,
  tokensReasoning: true,
  tokensToolCall: true,
  tokensToolOutput: true,
  toolCallCount: true,
  failedToolCallCount: true,
  humanTurnCount: true,
  createdAt: true,
} as const;

export async function listTrajectories(projectId: string, q: TrajectoryListQuery) {
  // Deleted trajectories are hidden from every list.
  const where: Prisma.TrajectoryWhereInput = { projectId, deletedAt: null };
  if (q.format) where.format = q.format;
  if (q.agent) where.agent = q.agent;
  if (q.domain) where.domain = q.domain;
  if (q.status) where.status = q.status;
  if (q.minTokens !== undefined || q.maxTokens !== undefined)
    where.tokensTotal = { gte: q.minTokens, lte: q.maxTokens };
  if (q.minToolCalls !== undefined) where.toolCallCount = { gte: q.minToolCalls };
  // "Human feedback" means a human turn after the task itself.
  if (q.hasHumanFeedback !== undefined) where.humanTurnCount = q.hasHumanFeedback ? { gte: 2 } : { lte: 1 };
  if (q.q)
    where.OR = [
      { title: { contains: q.q, mode: "insensitive" } },
      { firstHumanMessage: { contains: q.q, mode: "insensitive" } },
    ];

  // A page past the end shows the last page (and says which was asked for) instead of an empty one.
  const total = await db().trajectory.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / q.pageSize));
  const page = Math.min(q.page, pageCount);
  const items = await db().trajectory.findMany({
    where,
    // Nullable columns sort with the empty ones last either way.
    orderBy: [
      NULLABLE_SORTS.has(q.sort) ? { [q.sort]: { sort: q.order, nulls: "last" } } : { [q.sort]: q.order },
      { id: "asc" },
    ],
    skip: (page - 1) * q.pageSize,
    take: q.pageSize,
    select: TRAJECTORY_LIST_SELECT,
  });
  return { items, total, page, requestedPage: q.page, pageSize: q.pageSize, pageCount };
}

const NULLABLE_SORTS: ReadonlySet<string> = new Set(["domain", "agent"]);
