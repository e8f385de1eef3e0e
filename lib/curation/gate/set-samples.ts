/**
 * A set's samples as the checks and the release gate see them: each item's approved revision (the
 * same rule as lib/review/approved-revision.ts: the trajectory is approved now and the revision is
 * the pinned one), read with its steps in one query.
 */
import type pg from "pg";
import { AppError } from "@/lib/errors/app-error";
import { pgPool } from "@/lib/db/pg-pool";
import type { CanonicalStep, ParsedStep } from "@/lib/trajectory/types";
import type { CheckSample, RawFinding } from "@/lib/curation/gate/sample";

export interface SetRef {
  id: string;
  projectId: string;
  name: string;
  maxTokensPerSample: number;
}

/** `{ trajectoryId, revision }` of every item, revision null when the item is not approved now. */
export const ITEM_REVISIONS_SQL = `SELECT i."trajectoryId", t."title",
    CASE WHEN t."status"='approved' AND r."reviewState"='approved' THEN r."number" END AS "revision",
    CASE WHEN t."status"='approved' AND r."reviewState"='approved' THEN r."stepIds" END AS "stepIds",
    t."tokensTotal", t."templateOverhead", t."toolDefinitionTokens", t."deletedAt" IS NOT NULL AS "deleted",
    CASE WHEN p."chatTemplate" IS NOT NULL AND r."templateId" = p."chatTemplate" THEN r."templateTokens" END AS "templateTokens"
  FROM "CurationItem" i
  JOIN "Trajectory" t ON t."id" = i."trajectoryId" AND t."projectId" = $1
  JOIN "Project" p ON p."id" = t."projectId"
  LEFT JOIN "Revision" r ON r."trajectoryId" = t."id" AND r."number" = t."approvedNumber"
  WHERE i."setId" = $2 AND i."projectId" = $1
  ORDER BY i."addedAt", i."trajectoryId"`;

export interface ItemRevision {
  trajectoryId: string;
  title: string;
  revision: number | null;
  stepIds: string[] | null;
  tokensTotal: number;
  templateOverhead: number;
  toolDefinitionTokens: number;
  deleted: boolean;
  templateTokens: number | null;
}

type Queryable = Pick<pg.PoolClient, "query">;

export async function findSet(projectId: string, setId: string, q: Queryable = pgPool()): Promise<SetRef> {
  const r = await q.query<SetRef>(
    `SELECT "id","projectId","name","maxTokensPerSample" FROM "CurationSet" WHERE "id"=$1 AND "projectId"=$2`,
    [setId, projectId],
  );
  const set = r.rows[0];
  if (!set)
    throw new AppError("NOT_FOUND", `curation set ${setId} not found in this project`, {
      location: { field: "setId" },
    });
  return set;
}

export async function itemRevisions(
  projectId: string,
  setId: string,
  q: Queryable = pgPool(),
): Promise<ItemRevision[]> {
  return (await q.query<ItemRevision>(ITEM_REVISIONS_SQL, [projectId, setId])).rows;
}

/** The samples to check, and a `not-approved` finding for every item without an approved revision. */
export async function loadSetSamples(
  set: SetRef,
): Promise<{ samples: CheckSample[]; unapproved: RawFinding[]; items: ItemRevision[] }> {
  const items = await itemRevisions(set.projectId, set.id);
  const approved = items.filter((i) => i.revision !== null && !i.deleted);
  const unapproved: RawFinding[] = items
    .filter((i) => i.revision === null || i.deleted)
    .map((i) => ({
      category: "validation",
      rule: "not-approved",
      trajectoryId: i.trajectoryId,
      revision: 0,
      message: i.deleted
        ? `"${i.title}" was deleted: remove it from the set`
        : `"${i.title}" has no approved revision now (edited or reopened since it was added): approve it again or remove it`,
      preview: "",
      detail: "",
    }));
  return { samples: await loadSamples(set.projectId, approved), unapproved, items };
}

/** The approved revisions of `ids` (any order; unknown or unapproved ids are left out), as items. */
export async function approvedItems(projectId: string, ids: readonly string[]): Promise<ItemRevision[]> {
  const r = await pgPool().query<ItemRevision>(
    `SELECT t."id" AS "trajectoryId", t."title", r."number" AS "revision", r."stepIds",
       t."tokensTotal", t."templateOverhead", t."toolDefinitionTokens", false AS "deleted",
       CASE WHEN p."chatTemplate" IS NOT NULL AND r."templateId" = p."chatTemplate" THEN r."templateTokens" END AS "templateTokens"
     FROM "Trajectory" t
     JOIN "Project" p ON p."id" = t."projectId"
     JOIN "Revision" r ON r."trajectoryId" = t."id" AND r."number" = t."approvedNumber" AND r."reviewState" = 'approved'
     WHERE t."projectId" = $1 AND t."id" = ANY($2) AND t."status" = 'approved' AND t."deletedAt" IS NULL`,
    [projectId, [...ids]],
  );
  const order = new Map(ids.map((id, i) => [id, i]));
  return r.rows.sort((a, b) => order.get(a.trajectoryId)! - order.get(b.trajectoryId)!);
}

/** The check samples of approved items: their revisions' steps and open `secret` annotations. */
export async function loadSamples(projectId: string, approved: readonly ItemRevision[]): Promise<CheckSample[]> {
  const ids = approved.map((i) => i.trajectoryId);
  const [steps, annotations] = await Promise.all([
    pgPool().query<{ trajectoryId: string; key: string; tokens: number; data: string }>(
      `SELECT t."id" AS "trajectoryId", s."key", s."tokens", b."data"::text AS "data"
       FROM "Trajectory" t
       JOIN "Revision" r ON r."trajectoryId" = t."id" AND r."number" = t."approvedNumber"
       CROSS JOIN LATERAL unnest(r."stepIds") WITH ORDINALITY AS u("id", "ord")
       JOIN "Step" s ON s."id" = u."id"
       JOIN "StepBody" b ON b."stepId" = s."id"
       WHERE t."projectId" = $1 AND t."id" = ANY($2)
       ORDER BY t."id", u."ord"`,
      [projectId, ids],
    ),
    pgPool().query<CheckSample["secretAnnotations"][number] & { trajectoryId: string }>(
      `SELECT "id","trajectoryId","stepKey","field","start","end","quote" FROM "Annotation"
       WHERE "projectId"=$1 AND "trajectoryId" = ANY($2) AND "label"='secret' AND "status"='open'
       ORDER BY "createdAt"`,
      [projectId, ids],
    ),
  ]);
  const stepsOf = new Map<string, CanonicalStep[]>(ids.map((id) => [id, []]));
  for (const r of steps.rows)
    stepsOf
      .get(r.trajectoryId)!
      .push({ ...(JSON.parse(r.data) as ParsedStep), key: r.key, tokens: r.tokens } as CanonicalStep);
  const annotationsOf = new Map<string, CheckSample["secretAnnotations"][number][]>();
  for (const { trajectoryId, ...a } of annotations.rows) {
    const list = annotationsOf.get(trajectoryId) ?? [];
    list.push(a);
    annotationsOf.set(trajectoryId, list);
  }
  return approved.map((i) => ({
    trajectoryId: i.trajectoryId,
    title: i.title,
    revision: i.revision!,
    steps: stepsOf.get(i.trajectoryId)!,
    tokens: {
      tokensTotal: i.tokensTotal,
      templateOverhead: i.templateOverhead,
      toolDefinitionTokens: i.toolDefinitionTokens,
      templateTokens: i.templateTokens,
    },
    secretAnnotations: annotationsOf.get(i.trajectoryId) ?? [],
  }));
}

/** `id@revision` of every sample, the identity a check run is compared by. */
export const sampleKeys = (list: ReadonlyArray<{ trajectoryId: string; revision: number | null }>) =>
  list.map((s) => `${s.trajectoryId}@${s.revision ?? "-"}`).sort();
