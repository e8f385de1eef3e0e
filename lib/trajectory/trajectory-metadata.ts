/**
 * A trajectory's metadata: its title, domain and the query it attempts. Metadata is not content:
 * changing it makes no revision and never makes a review stale. One trajectory from the viewer or
 * many from the list go through the same function, in one transaction with one audit row each.
 */
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { requireDomain } from "@/lib/queries/domains";

export const MAX_BULK_TRAJECTORIES = 500;

const MetadataFields = z
  .object({
    title: z.string().trim().min(1, "the title cannot be empty").max(200).optional(),
    /** null clears it. */
    domain: z.string().trim().min(1).max(64).nullable().optional(),
    /** null unlinks the query. */
    queryId: z.string().trim().min(1).max(64).nullable().optional(),
  })
  .strict();

export const TrajectoryMetadataSchema = MetadataFields.refine((p) => Object.keys(p).length > 0, {
  message: "nothing to change: give title, domain or queryId",
});
export type TrajectoryMetadata = z.infer<typeof TrajectoryMetadataSchema>;

export const BulkMetadataSchema = z
  .object({
    ids: z.array(z.string().min(1).max(64)).min(1).max(MAX_BULK_TRAJECTORIES),
    // A title is per trajectory: bulk sets domain and query only.
    set: MetadataFields.omit({ title: true }).strict(),
  })
  .strict()
  .refine((b) => Object.keys(b.set).length > 0, { message: "nothing to change: give set.domain or set.queryId" });

export const METADATA_SELECT = { id: true, title: true, domain: true, queryId: true } as const;

export async function updateTrajectoryMetadata(
  projectId: string,
  ids: readonly string[],
  patch: TrajectoryMetadata,
  actor: Actor,
) {
  const unique = [...new Set(ids)];
  if (patch.domain) await requireDomain(projectId, patch.domain, { field: "domain" });
  if (patch.queryId) {
    const q = await db().query.findFirst({ where: { id: patch.queryId, projectId }, select: { id: true } });
    if (!q)
      throw new AppError("VALIDATION", `query ${patch.queryId} is not in this project`, {
        location: { field: "queryId" },
      });
  }
  return db().$transaction(async (tx) => {
    const before = await tx.trajectory.findMany({
      where: { id: { in: unique }, projectId, deletedAt: null },
      select: METADATA_SELECT,
    });
    if (before.length !== unique.length) {
      const found = new Set(before.map((t) => t.id));
      const missing = unique.filter((id) => !found.has(id));
      throw new AppError("NOT_FOUND", `trajectory ${missing.slice(0, 5).join(", ")} not found in this project`, {
        location: { field: "ids" },
      });
    }
    await tx.trajectory.updateMany({ where: { id: { in: unique }, projectId, deletedAt: null }, data: patch });
    for (const t of before) {
      const changed = Object.fromEntries(
        Object.entries(patch).filter(([k, v]) => t[k as keyof typeof t] !== v),
      ) as TrajectoryMetadata;
      if (!Object.keys(changed).length) continue;
      const was = Object.fromEntries(Object.keys(changed).map((k) => [k, t[k as keyof typeof t]]));
      // Written with the transaction's client, so the log never holds a change that did not commit.
      await recordAudit(
        {
          projectId,
          actorId: actor.user.id,
          apiKeyId: actor.kind === "apiKey" ? actor.keyId : null,
          action: "trajectory.metadata",
          targetType: "Trajectory",
          targetId: t.id,
          data: { from: was, to: changed },
        },
        tx,
      );
    }
    const after = await tx.trajectory.findMany({
      where: { id: { in: unique }, projectId },
      select: METADATA_SELECT,
      orderBy: { id: "asc" },
    });
    return { trajectories: after };
  });
}
