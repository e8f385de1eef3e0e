/**
 * Stores an import of pull requests with the LIMI filters applied: every PR is kept as a row
 * (kept or not, with the filter that removed it) so the page can show what each filter did.
 */
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { filterPrs } from "@/lib/queries/pull-requests/pr-filters";
import { prKey, type PullRequest } from "@/lib/queries/pull-requests/pr-types";

const bool = z.enum(["true", "false"]).transform((v) => v === "true");

/** The LIMI filters, as query-string options (REST) or flags (CLI). */
export const PrFilterParamsSchema = z.object({
  maxPatchTokens: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  excludeDocsOnly: z.union([z.boolean(), bool]).default(true),
  singleFileOnly: z.union([z.boolean(), bool]).default(false),
  maxPerRepo: z.coerce.number().int().min(1).max(100_000).default(5),
  seed: z.coerce.number().int().default(0),
});
export type PrFilterParams = z.infer<typeof PrFilterParamsSchema>;

export const PR_IMPORT_SELECT = {
  id: true,
  sourceKind: true,
  sourceName: true,
  total: true,
  kept: true,
  removed: true,
  options: true,
  createdAt: true,
} as const;

export async function createPrImport(
  projectId: string,
  input: {
    prs: PullRequest[];
    sourceKind: "file" | "git";
    sourceName: string;
    filters: PrFilterParams;
    actorId: string | null;
  },
) {
  if (!input.prs.length)
    throw new AppError("VALIDATION", `${input.sourceName}: no pull requests found`, {
      location: { file: input.sourceName },
    });
  const result = filterPrs(input.prs, input.filters);
  const kept = new Set(result.kept.map(prKey));
  return db().$transaction(async (tx) => {
    const imp = await tx.prImport.create({
      data: {
        projectId,
        sourceKind: input.sourceKind,
        sourceName: input.sourceName,
        options: input.filters as unknown as Prisma.InputJsonValue,
        total: input.prs.length,
        kept: result.kept.length,
        removed: result.removed,
        createdById: input.actorId,
      },
      select: PR_IMPORT_SELECT,
    });
    await tx.pullRequest.createMany({
      data: input.prs.map((pr) => ({
        projectId,
        importId: imp.id,
        repo: pr.repo,
        number: pr.number,
        title: pr.title,
        body: pr.body ?? "",
        patch: pr.patch,
        changedFiles: pr.changedFiles,
        mergedAt: pr.mergedAt ? new Date(pr.mergedAt) : null,
        commit: pr.commit ?? null,
        url: pr.url ?? null,
        patchTruncated: pr.patchTruncated ?? false,
        kept: kept.has(prKey(pr)),
        removedBy: result.removedBy.get(prKey(pr)) ?? null,
      })),
      skipDuplicates: true,
    });
    await recordAudit(
      {
        projectId,
        actorId: input.actorId,
        action: "pr.import",
        targetType: "PrImport",
        targetId: imp.id,
        data: { total: imp.total, kept: imp.kept },
      },
      tx,
    );
    return imp;
  });
}

export async function listPrImports(projectId: string) {
  return db().prImport.findMany({
    where: { projectId },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: PR_IMPORT_SELECT,
  });
}

export async function getPrImport(projectId: string, id: string, kept?: boolean) {
  const imp = await db().prImport.findFirst({ where: { id, projectId }, select: PR_IMPORT_SELECT });
  if (!imp) throw new AppError("NOT_FOUND", `PR import ${id} not found in this project`);
  const prs = await db().pullRequest.findMany({
    where: { importId: id, projectId, ...(kept === undefined ? {} : { kept }) },
    orderBy: [{ repo: "asc" }, { number: "asc" }],
    take: 2000,
    select: {
      id: true,
      repo: true,
      number: true,
      title: true,
      changedFiles: true,
      kept: true,
      removedBy: true,
      url: true,
    },
  });
  return { import: imp, prs };
}

type PrRow = {
  id: string;
  repo: string;
  number: number;
  title: string;
  body: string;
  patch: string;
  changedFiles: string[];
  mergedAt: Date | null;
  commit: string | null;
  url: string | null;
  patchTruncated: boolean;
};

/** A stored PR in the shape filtering, prompts and synthesis take. */
export function rowToPullRequest(r: PrRow): PullRequest & { id: string } {
  return {
    id: r.id,
    repo: r.repo,
    number: r.number,
    title: r.title,
    body: r.body || undefined,
    patch: r.patch,
    changedFiles: r.changedFiles,
    mergedAt: r.mergedAt?.toISOString(),
    commit: r.commit ?? undefined,
    url: r.url ?? undefined,
    stars: undefined,
    patchTruncated: r.patchTruncated,
  };
}

/** The kept PRs of an import, in the shape synthesis takes. */
export async function keptPullRequests(
  projectId: string,
  importId: string,
): Promise<Array<PullRequest & { id: string }>> {
  const rows = await db().pullRequest.findMany({
    where: { projectId, importId, kept: true },
    orderBy: [{ repo: "asc" }, { number: "asc" }],
  });
  return rows.map(rowToPullRequest);
}
