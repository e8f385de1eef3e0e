/**
 * The trajectories list: server-side pagination, sorting and filters over indexed columns. It
 * never touches step bodies.
 */
import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";

export const TRAJECTORY_SORTS = [
  "createdAt",
  "title",
  "tokensTotal",
  "stepCount",
  "toolCallCount",
  "humanTurnCount",
  "failedToolCallCount",
] as const;
export const TRAJECTORY_STATUSES = [
  "imported",
  "in_review",
  "changes_requested",
  "reviewed",
  "approved",
  "rejected",
] as const;

export const TrajectoryListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  sort: z.enum(TRAJECTORY_SORTS).default("createdAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
  q: z.string().trim().max(200).optional(),
  format: z.string().trim().max(64).optional(),
  domain: z.string().trim().max(64).optional(),
  status: z.enum(TRAJECTORY_STATUSES).optional(),
  minTokens: z.coerce.number().int().min(0).optional(),
  maxTokens: z.coerce.number().int().min(0).optional(),
  minToolCalls: z.coerce.number().int().min(0).optional(),
  hasHumanFeedback: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});
export type TrajectoryListQuery = z.infer<typeof TrajectoryListQuerySchema>;

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
  const where: Prisma.TrajectoryWhereInput = { projectId };
  if (q.format) where.format = q.format;
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

  const [total, items] = await db().$transaction([
    db().trajectory.count({ where }),
    db().trajectory.findMany({
      where,
      orderBy: [{ [q.sort]: q.order }, { id: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: TRAJECTORY_LIST_SELECT,
    }),
  ]);
  return { items, total, page: q.page, pageSize: q.pageSize, pageCount: Math.max(1, Math.ceil(total / q.pageSize)) };
}
