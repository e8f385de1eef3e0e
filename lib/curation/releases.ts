/**
 * Releases: locking a set makes an immutable, numbered release that pins each item's approved
 * revision, with the approver, notes, the gate's result (lib/curation/gate/release-gate.ts), the
 * token rule used and, when the target or a quota is not met exactly, the lead's override reason.
 * Nothing ever updates a Release or ReleaseItem row; a later revision of a released trajectory
 * changes its head, never the pinned number.
 */
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { db, type Tx } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { recordAudit } from "@/lib/audit/record-audit";
import { PROJECT_EVENTS_CHANNEL } from "@/lib/live/project-events";
import { assertReleasable } from "@/lib/curation/gate/release-gate";
import { curationRoom } from "@/lib/curation/curation-room";
import { progressOf, type CurationSetRow } from "@/lib/curation/sets";
import { tokenCountSql, tokenRuleRecord } from "@/lib/curation/token-rule";
import type { ReleaseSchema } from "@/lib/curation/schemas";

interface LockItem {
  id: string;
  title: string;
  domain: string | null;
  tokens: number;
  approvedNumber: number | null;
  approved: boolean;
}

async function notifyTx(tx: Tx, projectId: string, room: string, event: string, data: Record<string, unknown>) {
  // The same NOTIFY as lib/live/project-events.ts, on the Prisma transaction (delivered at COMMIT).
  const payload = JSON.stringify({ projectId, room, event, data }).slice(0, 7900);
  await tx.$queryRawUnsafe(`SELECT 1 AS ok FROM (SELECT pg_notify($1, $2)) n`, PROJECT_EVENTS_CHANNEL, payload);
}

export async function lockRelease(
  projectId: string,
  setId: string,
  input: z.infer<typeof ReleaseSchema>,
  actorId: string,
) {
  return db().$transaction(
    async (tx) => {
      const sets = await tx.$queryRawUnsafe<CurationSetRow[]>(
        `SELECT "id","name","targetSize","quotas","maxTokensPerSample","version" FROM "CurationSet"
         WHERE "id"=$1 AND "projectId"=$2 FOR UPDATE`,
        setId,
        projectId,
      );
      const set = sets[0];
      if (!set)
        throw new AppError("NOT_FOUND", `curation set ${setId} not found in this project`, {
          location: { field: "setId" },
        });
      if (input.expectedVersion !== undefined && input.expectedVersion !== set.version)
        throw new AppError(
          "CONFLICT",
          `the set "${set.name}" changed while you were releasing (version ${input.expectedVersion} → ${set.version}): look at it again`,
        );
      const items = await tx.$queryRawUnsafe<LockItem[]>(
        `SELECT t."id", t."title", t."domain", ${tokenCountSql("t")}::int AS "tokens", t."approvedNumber",
           (t."status"='approved' AND t."deletedAt" IS NULL AND EXISTS (SELECT 1 FROM "Revision" r WHERE r."trajectoryId"=t."id"
             AND r."number"=t."approvedNumber" AND r."reviewState"='approved')) AS "approved"
         FROM "CurationItem" i JOIN "Trajectory" t ON t."id"=i."trajectoryId"
         WHERE i."setId"=$1 AND i."projectId"=$2 ORDER BY i."addedAt", t."id" FOR SHARE OF t`,
        setId,
        projectId,
      );
      if (!items.length)
        throw new AppError(
          "VALIDATION",
          `the set "${set.name}" is empty: add approved trajectories before releasing it`,
          {
            location: { field: "setId" },
          },
        );
      const lost = items.find((i) => !i.approved);
      if (lost)
        throw new AppError(
          "CONFLICT",
          `"${lost.title}" (${lost.id}) is no longer approved (edited or sent back to review since it was added): remove it or approve it again`,
        );
      const over = items.find((i) => i.tokens > set.maxTokensPerSample);
      if (over)
        throw new AppError(
          "VALIDATION",
          `"${over.title}" counts ${over.tokens.toLocaleString("en")} tokens under the token rule, over the set's maximum of ${set.maxTokensPerSample.toLocaleString("en")}`,
        );
      const { unmet } = progressOf(set, items);
      if (unmet.length && !input.override)
        throw new AppError(
          "VALIDATION",
          `the target and quotas must be met exactly (${unmet.join("; ")}): fill the set, or release with an override and a reason`,
          { location: { field: "override" }, details: { unmet } },
        );
      const gate = await assertReleasable(tx, projectId, setId);
      // One release number at a time per project (two sets released at once get n and n+1).
      await tx.$queryRawUnsafe(
        `SELECT 1 AS ok FROM (SELECT pg_advisory_xact_lock(hashtext($1))) l`,
        `release:${projectId}`,
      );
      const last = await tx.release.aggregate({ where: { projectId }, _max: { number: true } });
      const number = (last._max.number ?? 0) + 1;
      const override = unmet.length && input.override ? { reason: input.override.reason, byId: actorId, unmet } : null;
      const release = await tx.release.create({
        data: {
          projectId,
          setId,
          number,
          approvedById: actorId,
          notes: input.notes,
          validation: { findings: gate.findings, waivers: gate.waivers, checkedAt: new Date().toISOString() } as never,
          tokenRule: tokenRuleRecord(
            set.maxTokensPerSample,
            (await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { chatTemplate: true } }))
              .chatTemplate,
          ),
          ...(override ? { override } : {}),
        },
        select: { id: true, number: true, createdAt: true },
      });
      await tx.releaseItem.createMany({
        data: items.map((i, position) => ({
          releaseId: release.id,
          trajectoryId: i.id,
          projectId,
          revisionNumber: i.approvedNumber!,
          position,
        })),
      });
      await recordAudit(
        {
          projectId,
          actorId,
          action: override ? "curation.release.override" : "curation.release.create",
          targetType: "Release",
          targetId: release.id,
          data: { number, setId, items: items.length, ...(override ? { override } : {}) },
        },
        tx,
      );
      await notifyTx(tx, projectId, curationRoom(setId), "curation:changed", {
        setId,
        version: set.version,
        kind: "released",
        number,
        by: actorId,
      });
      return { id: release.id, number, items: items.length, override, createdAt: release.createdAt };
    },
    { timeout: 60_000 },
  );
}

export async function listReleases(projectId: string) {
  const r = await pgPool().query(
    `SELECT rl."number", rl."createdAt", rl."notes", rl."override", rl."tokenRule", s."name" AS "setName", rl."setId",
       u."name" AS "approvedBy", (SELECT count(*)::int FROM "ReleaseItem" ri WHERE ri."releaseId"=rl."id") AS "items"
     FROM "Release" rl JOIN "CurationSet" s ON s."id"=rl."setId" LEFT JOIN "User" u ON u."id"=rl."approvedById"
     WHERE rl."projectId"=$1 ORDER BY rl."number" DESC LIMIT 1000`,
    [projectId],
  );
  return { releases: r.rows };
}

export interface ReleaseItemRow {
  position: number;
  trajectoryId: string;
  revisionNumber: number;
  title: string;
  domain: string | null;
  headNumber: number;
}

export async function getRelease(projectId: string, number: number) {
  const r = await pgPool().query(
    `SELECT rl."id", rl."number", rl."createdAt", rl."notes", rl."override", rl."tokenRule", rl."validation", rl."setId",
       s."name" AS "setName", u."name" AS "approvedBy", rl."approvedById"
     FROM "Release" rl JOIN "CurationSet" s ON s."id"=rl."setId" LEFT JOIN "User" u ON u."id"=rl."approvedById"
     WHERE rl."projectId"=$1 AND rl."number"=$2`,
    [projectId, number],
  );
  const release = r.rows[0];
  if (!release)
    throw new AppError("NOT_FOUND", `release ${number} not found in this project`, { location: { field: "number" } });
  const items = await pgPool().query<ReleaseItemRow>(
    `SELECT ri."position", ri."trajectoryId", ri."revisionNumber", t."title", t."domain", t."headNumber"
     FROM "ReleaseItem" ri JOIN "Trajectory" t ON t."id"=ri."trajectoryId"
     WHERE ri."releaseId"=$1 AND ri."projectId"=$2 ORDER BY ri."position"`,
    [release.id, projectId],
  );
  const { id: _id, ...rest } = release;
  return { release: rest, items: items.rows };
}

/** What changed from release `from` to release `to`: added, removed, and items whose pinned revision differs. */
export async function compareReleases(projectId: string, from: number, to: number) {
  const [a, b] = await Promise.all([getRelease(projectId, from), getRelease(projectId, to)]);
  const inA = new Map(a.items.map((i) => [i.trajectoryId, i]));
  const inB = new Map(b.items.map((i) => [i.trajectoryId, i]));
  const pick = (i: ReleaseItemRow) => ({
    trajectoryId: i.trajectoryId,
    title: i.title,
    domain: i.domain,
    revisionNumber: i.revisionNumber,
  });
  return {
    from,
    to,
    added: b.items.filter((i) => !inA.has(i.trajectoryId)).map(pick),
    removed: a.items.filter((i) => !inB.has(i.trajectoryId)).map(pick),
    changed: b.items
      .filter((i) => inA.has(i.trajectoryId) && inA.get(i.trajectoryId)!.revisionNumber !== i.revisionNumber)
      .map((i) => ({
        ...pick(i),
        fromRevision: inA.get(i.trajectoryId)!.revisionNumber,
        toRevision: i.revisionNumber,
      })),
    unchanged: b.items.filter((i) => inA.get(i.trajectoryId)?.revisionNumber === i.revisionNumber).length,
  };
}
