/** The query pool: list, create, edit, decide (accept/reject), in bulk too. */
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { can, type Role } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { forbiddenMessage } from "@/lib/auth/forbidden-message";
import { requireDomain } from "@/lib/queries/domains";
import { findDuplicatesAmong, findNearDuplicates } from "@/lib/queries/near-duplicates";
import {
  DIFFICULTIES,
  MAX_QUERY_TEXT,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  QUERY_SOURCES,
  QUERY_STATUSES,
} from "@/lib/queries/query-fields";

export { DIFFICULTIES, QUERY_SOURCES, QUERY_STATUSES };

const Tags = z.array(z.string().trim().min(1).max(MAX_TAG_LENGTH)).max(MAX_TAGS);
export const NewQuerySchema = z.object({
  text: z.string().trim().min(1, "the query text is empty").max(MAX_QUERY_TEXT),
  domain: z.string().trim().min(1),
  difficulty: z.enum(DIFFICULTIES).nullish(),
  tags: Tags.default([]),
});
export const QueryPatchSchema = z.object({
  text: z.string().trim().min(1, "the query text is empty").max(MAX_QUERY_TEXT).optional(),
  domain: z.string().trim().min(1).optional(),
  difficulty: z.enum(DIFFICULTIES).nullish(),
  tags: Tags.optional(),
  status: z.enum(QUERY_STATUSES).optional(),
  /** Accept even though near-duplicates exist. */
  force: z.boolean().optional(),
});
export const QueryListSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(QUERY_STATUSES).optional(),
  domain: z.string().max(64).optional(),
  source: z.enum(QUERY_SOURCES).optional(),
  difficulty: z.enum(DIFFICULTIES).optional(),
  tag: z.string().max(40).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(["createdAt", "updatedAt"]).default("createdAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
});

const ROW_SELECT = {
  id: true,
  text: true,
  domain: true,
  difficulty: true,
  tags: true,
  source: true,
  status: true,
  provenance: true,
  createdAt: true,
  updatedAt: true,
  prId: true,
  authorId: true,
} as const;

type Row = Prisma.QueryGetPayload<{ select: typeof ROW_SELECT }>;

async function decorate(projectId: string, rows: Row[]) {
  const ids = rows.map((r) => r.id);
  const authorIds = [...new Set(rows.map((r) => r.authorId).filter((x): x is string => !!x))];
  const [counts, approved, authors] = await Promise.all([
    db().trajectory.groupBy({
      by: ["queryId"],
      where: { projectId, queryId: { in: ids }, deletedAt: null },
      _count: { _all: true },
    }),
    db().trajectory.groupBy({
      by: ["queryId"],
      where: { projectId, queryId: { in: ids }, status: "approved", deletedAt: null },
      _count: { _all: true },
    }),
    db().user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true, email: true } }),
  ]);
  const total = new Map(counts.map((c) => [c.queryId, c._count._all]));
  const ok = new Map(approved.map((c) => [c.queryId, c._count._all]));
  const people = new Map(authors.map((a) => [a.id, { name: a.name, email: a.email }]));
  return rows.map(({ authorId, ...r }) => ({
    ...r,
    author: authorId ? (people.get(authorId) ?? null) : null,
    trajectoryCount: total.get(r.id) ?? 0,
    approvedCount: ok.get(r.id) ?? 0,
  }));
}

export async function listQueries(projectId: string, q: z.infer<typeof QueryListSchema>) {
  const where: Prisma.QueryWhereInput = { projectId };
  if (q.status) where.status = q.status;
  if (q.domain) where.domain = q.domain;
  if (q.source) where.source = q.source;
  if (q.difficulty) where.difficulty = q.difficulty;
  if (q.tag) where.tags = { has: q.tag };
  if (q.q) where.text = { contains: q.q, mode: "insensitive" };
  const [total, rows] = await db().$transaction([
    db().query.count({ where }),
    db().query.findMany({
      where,
      orderBy: [{ [q.sort]: q.order }, { id: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: ROW_SELECT,
    }),
  ]);
  return {
    items: await decorate(projectId, rows),
    total,
    page: q.page,
    pageSize: q.pageSize,
    pageCount: Math.max(1, Math.ceil(total / q.pageSize)),
  };
}

export async function createQuery(projectId: string, input: z.infer<typeof NewQuerySchema>, authorId: string | null) {
  await requireDomain(projectId, input.domain);
  const duplicates = await findNearDuplicates(projectId, input.text);
  const row = await db().$transaction(async (tx) => {
    const created = await tx.query.create({
      data: {
        projectId,
        text: input.text,
        domain: input.domain,
        difficulty: input.difficulty ?? null,
        tags: input.tags,
        source: "human",
        authorId,
      },
      select: ROW_SELECT,
    });
    await recordAudit(
      { projectId, actorId: authorId, action: "query.create", targetType: "Query", targetId: created.id },
      tx,
    );
    return created;
  });
  return { query: (await decorate(projectId, [row]))[0], duplicates };
}

export async function getQuery(projectId: string, id: string) {
  const row = await db().query.findFirst({ where: { id, projectId }, select: ROW_SELECT });
  if (!row) throw new AppError("NOT_FOUND", `query ${id} not found in this project`);
  const [pr, trajectories] = await Promise.all([
    row.prId
      ? db().pullRequest.findFirst({
          where: { id: row.prId, projectId },
          select: {
            id: true,
            repo: true,
            number: true,
            title: true,
            body: true,
            patch: true,
            changedFiles: true,
            url: true,
            commit: true,
            mergedAt: true,
          },
        })
      : null,
    // The attempts at this task, newest first; the counts in `query` cover all of them.
    db().trajectory.findMany({
      where: { projectId, queryId: id, deletedAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: 100,
      select: { id: true, title: true, status: true, agent: true, format: true, tokensTotal: true, createdAt: true },
    }),
  ]);
  return {
    query: (await decorate(projectId, [row]))[0],
    pr,
    trajectories,
    duplicates: await findNearDuplicates(projectId, row.text, { excludeId: id }),
  };
}

export async function updateQuery(
  projectId: string,
  id: string,
  patch: z.infer<typeof QueryPatchSchema>,
  actor: { id: string; role: Role },
) {
  const current = await db().query.findFirst({
    where: { id, projectId },
    select: { id: true, text: true, status: true },
  });
  if (!current) throw new AppError("NOT_FOUND", `query ${id} not found in this project`);
  if (patch.status && patch.status !== current.status && !can(actor.role, "query.decide")) {
    throw new AppError("FORBIDDEN", forbiddenMessage(actor.role, "query.decide"), {
      location: { field: "status" },
    });
  }
  if (patch.domain) await requireDomain(projectId, patch.domain);
  if (patch.status === "accepted" && current.status !== "accepted" && !patch.force) {
    const duplicates = await findNearDuplicates(projectId, patch.text ?? current.text, { excludeId: id });
    if (duplicates.length) {
      throw new AppError(
        "CONFLICT",
        `this query is ${Math.round(duplicates[0].similarity * 100)}% similar to ${duplicates.length} other quer${duplicates.length === 1 ? "y" : "ies"}; accept anyway with force`,
        { details: { duplicates } },
      );
    }
  }
  const decided = patch.status && patch.status !== current.status;
  const row = await db().$transaction(async (tx) => {
    const updated = await tx.query.update({
      where: { id },
      data: {
        text: patch.text,
        domain: patch.domain,
        difficulty: patch.difficulty === undefined ? undefined : patch.difficulty,
        tags: patch.tags,
        status: patch.status,
        ...(decided ? { decidedById: actor.id, decidedAt: new Date() } : {}),
      },
      select: ROW_SELECT,
    });
    await recordAudit(
      {
        projectId,
        actorId: actor.id,
        action: decided ? `query.${patch.status}` : "query.edit",
        targetType: "Query",
        targetId: id,
      },
      tx,
    );
    return updated;
  });
  return { query: (await decorate(projectId, [row]))[0] };
}

export const BulkStatusSchema = z.object({
  ids: z.array(z.string().min(1)).min(1).max(1000),
  status: z.enum(QUERY_STATUSES),
  /** Accept even though some of them have near-duplicates. */
  force: z.boolean().optional(),
});

/** Accepting in bulk asks for the same confirmation as one by one: near-duplicates are listed first. */
export async function bulkSetStatus(projectId: string, input: z.infer<typeof BulkStatusSchema>, actorId: string) {
  if (input.status === "accepted" && !input.force) {
    const groups = await findDuplicatesAmong(projectId, input.ids);
    if (groups.length) {
      throw new AppError(
        "CONFLICT",
        `${groups.length} of the ${input.ids.length} selected queries ${groups.length === 1 ? "has" : "have"} near-duplicates; accept anyway with force`,
        { details: { groups } },
      );
    }
  }
  const count = await db().$transaction(async (tx) => {
    const { count } = await tx.query.updateMany({
      where: { projectId, id: { in: input.ids } },
      data: { status: input.status, decidedById: actorId, decidedAt: new Date() },
    });
    await recordAudit(
      { projectId, actorId, action: `query.bulk.${input.status}`, targetType: "Query", data: { count } },
      tx,
    );
    return count;
  });
  return { updated: count };
}
