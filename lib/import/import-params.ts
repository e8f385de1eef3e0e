/** The options every way in accepts (CLI flags, REST query, upload form), validated once. */
import { z } from "zod";
import { formatNames } from "@/lib/formats/registry";
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { requireDomain } from "@/lib/queries/domains";

export const ImportParamsSchema = z.object({
  format: z
    .string()
    .default("auto")
    .superRefine((f, ctx) => {
      if (f !== "auto" && !formatNames().includes(f))
        ctx.addIssue({
          code: "custom",
          message: `unknown format "${f}"; valid formats: auto, ${formatNames().join(", ")}`,
        });
    }),
  domain: z.string().trim().min(1).max(64).optional(),
  queryId: z.string().trim().min(1).max(64).optional(),
});
export type ImportParams = z.infer<typeof ImportParamsSchema>;

/**
 * The import's `domain` and `queryId` point into the project: the domain must be one of the
 * project's, the query one of its queries. Checked before any file is read, so a typo is a clear
 * 4xx naming the parameter rather than a foreign-key error per file.
 */
export async function checkImportTargets(
  projectId: string,
  params: { domain?: string | null; queryId?: string | null },
): Promise<void> {
  if (params.domain) await requireDomain(projectId, params.domain);
  if (params.queryId) {
    const q = await db().query.findFirst({ where: { id: params.queryId, projectId }, select: { id: true } });
    if (!q)
      throw new AppError("NOT_FOUND", `queryId: query ${params.queryId} not found in this project`, {
        location: { field: "queryId" },
      });
  }
}
