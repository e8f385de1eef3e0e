/**
 * Curation sets: create, edit, delete, add and remove items. Every write locks the set's row
 * (SELECT … FOR UPDATE) in one transaction, so two leads filling the last slot at once are
 * serialised: the first adds, the second finds the set full and gets a 409 naming who filled it.
 * Each write bumps the set's version, writes its audit row and queues a live event (NOTIFY, sent
 * to the set's board room at COMMIT) in that same transaction.
 */
import type pg from "pg";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { pgPool, withPgTransaction } from "@/lib/db/pg-pool";
import { recordAudit } from "@/lib/audit/record-audit";
import { notifyProjectEvent } from "@/lib/live/project-events";
import { projectDomains } from "@/lib/queries/domains";
import { curationRoom } from "@/lib/curation/curation-room";
import { tokenCountSql } from "@/lib/curation/token-rule";
import { AGREEMENT_SQL, APPROVED_FROM, APPROVED_WHERE, SCORE_SQL, type PoolRow } from "@/lib/curation/pool-sql";
import type { AddItemsSchema, CreateSetSchema, UpdateSetSchema } from "@/lib/curation/schemas";

export interface CurationSetRow {
  id: string;
  name: string;
  targetSize: number;
  quotas: Record<string, number>;
  maxTokensPerSample: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const SET_COLUMNS = `"id","name","targetSize","quotas","maxTokensPerSample","version","createdAt","updatedAt"`;

async function audit(
  client: pg.PoolClient,
  projectId: string,
  actorId: string,
  action: string,
  setId: string,
  data: object,
) {
  await recordAudit(
    { projectId, actorId, action, targetType: "CurationSet", targetId: setId, data: data as never },
    client,
  );
}

async function notify(
  client: pg.PoolClient,
  projectId: string,
  setId: string,
  version: number,
  kind: string,
  by: string,
) {
  await notifyProjectEvent(client, {
    projectId,
    room: curationRoom(setId),
    event: "curation:changed",
    data: { setId, version, kind, by },
  });
}

async function checkQuotas(projectId: string, quotas: Record<string, number>, targetSize: number) {
  const sum = Object.values(quotas).reduce((s, v) => s + v, 0);
  if (sum > targetSize)
    throw new AppError(
      "VALIDATION",
      `quotas add up to ${sum}, over the target size of ${targetSize}: lower a quota or raise the target`,
      { location: { field: "quotas" } },
    );
  const domains = new Set(await projectDomains(projectId));
  for (const d of Object.keys(quotas))
    if (!domains.has(d))
      throw new AppError(
        "VALIDATION",
        `quotas: "${d}" is not one of the project's domains (${[...domains].join(", ")})`,
        {
          location: { field: `quotas.${d}` },
        },
      );
}

export async function listSets(projectId: string) {
  const r = await pgPool().query(
    `SELECT s."id", s."name", s."targetSize", s."quotas", s."maxTokensPerSample", s."version", s."createdAt", s."updatedAt",
       (SELECT count(*)::int FROM "CurationItem" i WHERE i."setId" = s."id") AS "itemCount",
       (SELECT max(rl."number") FROM "Release" rl WHERE rl."setId" = s."id") AS "lastRelease"
     FROM "CurationSet" s WHERE s."projectId" = $1 ORDER BY s."createdAt" DESC LIMIT 500`,
    [projectId],
  );
  return { sets: r.rows };
}

export async function createSet(projectId: string, input: z.infer<typeof CreateSetSchema>, actorId: string) {
  await checkQuotas(projectId, input.quotas, input.targetSize);
  return withPgTransaction(async (client) => {
    const dup = await client.query(`SELECT 1 FROM "CurationSet" WHERE "projectId"=$1 AND "name"=$2`, [
      projectId,
      input.name,
    ]);
    if (dup.rowCount)
      throw new AppError("CONFLICT", `a set named "${input.name}" already exists`, { location: { field: "name" } });
    const r = await client.query<CurationSetRow>(
      `INSERT INTO "CurationSet" ("id","projectId","name","targetSize","quotas","maxTokensPerSample","createdById","updatedAt")
       VALUES (gen_random_uuid()::text,$1,$2,$3,$4,$5,$6,now()) RETURNING ${SET_COLUMNS}`,
      [projectId, input.name, input.targetSize, JSON.stringify(input.quotas), input.maxTokensPerSample, actorId],
    );
    const set = r.rows[0];
    await audit(client, projectId, actorId, "curation.set.create", set.id, {
      name: set.name,
      targetSize: set.targetSize,
      quotas: set.quotas,
      maxTokensPerSample: set.maxTokensPerSample,
    });
    return set;
  });
}

/** Locks the set's row for the rest of the transaction; 404 for another project's or an unknown set. */
async function lockSet(client: pg.PoolClient, projectId: string, setId: string, expectedVersion?: number) {
  const r = await client.query<CurationSetRow>(
    `SELECT ${SET_COLUMNS} FROM "CurationSet" WHERE "id"=$1 AND "projectId"=$2 FOR UPDATE`,
    [setId, projectId],
  );
  const set = r.rows[0];
  if (!set)
    throw new AppError("NOT_FOUND", `curation set ${setId} not found in this project`, {
      location: { field: "setId" },
    });
  if (expectedVersion !== undefined && expectedVersion !== set.version)
    throw new AppError(
      "CONFLICT",
      `the set "${set.name}" changed while you were working (version ${expectedVersion} → ${set.version}): reload the board and try again`,
      { details: { version: set.version } },
    );
  return set;
}

export async function updateSet(
  projectId: string,
  setId: string,
  input: z.infer<typeof UpdateSetSchema>,
  actorId: string,
) {
  return withPgTransaction(async (client) => {
    const set = await lockSet(client, projectId, setId, input.expectedVersion);
    const next = {
      name: input.name ?? set.name,
      targetSize: input.targetSize ?? set.targetSize,
      quotas: input.quotas ?? set.quotas,
      maxTokensPerSample: input.maxTokensPerSample ?? set.maxTokensPerSample,
    };
    await checkQuotas(projectId, next.quotas, next.targetSize);
    if (next.name !== set.name) {
      const dup = await client.query(`SELECT 1 FROM "CurationSet" WHERE "projectId"=$1 AND "name"=$2 AND "id"<>$3`, [
        projectId,
        next.name,
        setId,
      ]);
      if (dup.rowCount)
        throw new AppError("CONFLICT", `a set named "${next.name}" already exists`, { location: { field: "name" } });
    }
    const r = await client.query<CurationSetRow>(
      `UPDATE "CurationSet" SET "name"=$3,"targetSize"=$4,"quotas"=$5,"maxTokensPerSample"=$6,"version"="version"+1,"updatedAt"=now()
       WHERE "id"=$1 AND "projectId"=$2 RETURNING ${SET_COLUMNS}`,
      [setId, projectId, next.name, next.targetSize, JSON.stringify(next.quotas), next.maxTokensPerSample],
    );
    await audit(client, projectId, actorId, "curation.set.update", setId, {
      before: { ...set, createdAt: undefined, updatedAt: undefined },
      after: next,
    });
    await notify(client, projectId, setId, r.rows[0].version, "set", actorId);
    return r.rows[0];
  });
}

export async function deleteSet(projectId: string, setId: string, actorId: string) {
  return withPgTransaction(async (client) => {
    const set = await lockSet(client, projectId, setId);
    const rel = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Release" WHERE "setId"=$1`, [setId]);
    if (rel.rows[0].n > 0)
      throw new AppError(
        "CONFLICT",
        `the set "${set.name}" has ${rel.rows[0].n} release(s) and is kept as their record`,
      );
    await client.query(`DELETE FROM "CurationSet" WHERE "id"=$1`, [setId]);
    await audit(client, projectId, actorId, "curation.set.delete", setId, { name: set.name });
    await notify(client, projectId, setId, set.version + 1, "deleted", actorId);
    return { deleted: setId };
  });
}

export interface SetItem extends PoolRow {
  approved: boolean;
  addedAt: Date;
  addedById: string | null;
  addedByName: string | null;
}

export interface Progress {
  count: number;
  target: number;
  byDomain: { domain: string; count: number; quota: number | null }[];
  overLimit: string[];
  /** Messages for a target or quota not met exactly (a release needs an override then). */
  unmet: string[];
}

export function progressOf(
  set: Pick<CurationSetRow, "targetSize" | "quotas" | "maxTokensPerSample">,
  items: readonly { domain: string | null; tokens: number; title: string }[],
): Progress {
  const counts = new Map<string, number>();
  for (const it of items) counts.set(it.domain ?? "(none)", (counts.get(it.domain ?? "(none)") ?? 0) + 1);
  const domains = new Set([...Object.keys(set.quotas), ...counts.keys()]);
  const byDomain = [...domains].sort().map((domain) => ({
    domain,
    count: counts.get(domain) ?? 0,
    quota: set.quotas[domain] ?? null,
  }));
  const unmet: string[] = [];
  if (items.length !== set.targetSize) unmet.push(`${items.length} of the target ${set.targetSize}`);
  for (const d of byDomain)
    if (d.quota !== null && d.count !== d.quota) unmet.push(`${d.domain}: ${d.count} of the quota ${d.quota}`);
  return {
    count: items.length,
    target: set.targetSize,
    byDomain,
    overLimit: items.filter((i) => i.tokens > set.maxTokensPerSample).map((i) => i.title),
    unmet,
  };
}

/** One set with its items (each with the board's columns) and its progress. */
export async function getSet(projectId: string, setId: string) {
  const s = await pgPool().query<CurationSetRow>(
    `SELECT ${SET_COLUMNS} FROM "CurationSet" WHERE "id"=$1 AND "projectId"=$2`,
    [setId, projectId],
  );
  const set = s.rows[0];
  if (!set)
    throw new AppError("NOT_FOUND", `curation set ${setId} not found in this project`, {
      location: { field: "setId" },
    });
  const r = await pgPool().query<SetItem>(
    `SELECT t."id", t."title", t."domain", t."approvedNumber" AS "revisionNumber",
       ${tokenCountSql("t")}::int AS "tokens", t."tokensTotal", t."toolCallCount", t."failedToolCallCount",
       t."humanTurnCount", t."stepCount", q."source"::text AS "querySource", t."queryId",
       coalesce(q."text", t."firstHumanMessage") AS "queryText",
       ${SCORE_SQL} AS "score", ${AGREEMENT_SQL} AS "agreement",
       (t."status" = 'approved' AND t."deletedAt" IS NULL AND EXISTS (SELECT 1 FROM "Revision" r WHERE r."trajectoryId"=t."id"
          AND r."number"=t."approvedNumber" AND r."reviewState"='approved')) AS "approved",
       i."addedAt", i."addedById", u."name" AS "addedByName"
     FROM "CurationItem" i JOIN "Trajectory" t ON t."id" = i."trajectoryId"
     LEFT JOIN "Query" q ON q."id" = t."queryId" LEFT JOIN "User" u ON u."id" = i."addedById"
     WHERE i."setId" = $1 AND i."projectId" = $2 ORDER BY i."addedAt", t."id"`,
    [setId, projectId],
  );
  const releases = await pgPool().query(
    `SELECT "number","createdAt" FROM "Release" WHERE "setId"=$1 AND "projectId"=$2 ORDER BY "number" DESC`,
    [setId, projectId],
  );
  return { set, items: r.rows, progress: progressOf(set, r.rows), releases: releases.rows };
}

interface Candidate {
  id: string;
  title: string;
  domain: string | null;
  tokens: number;
}

/**
 * Adds approved trajectories. Refused, naming the trajectory: one not in the approved pool (422),
 * one already in the set or a stale expectedVersion (409), one over the token rule (422). Past the
 * target or a domain's quota: 409 with the warning, unless `force` (the person saw it and went on).
 */
export async function addItems(
  projectId: string,
  setId: string,
  input: z.infer<typeof AddItemsSchema>,
  actorId: string,
) {
  const ids = [...new Set(input.trajectoryIds)];
  return withPgTransaction(async (client) => {
    const set = await lockSet(client, projectId, setId, input.expectedVersion);
    const found = await client.query<Candidate>(
      `SELECT t."id", t."title", t."domain", ${tokenCountSql("t")}::int AS "tokens"
       FROM ${APPROVED_FROM} WHERE ${APPROVED_WHERE} AND t."id" = ANY($2::text[])`,
      [projectId, ids],
    );
    const byId = new Map(found.rows.map((c) => [c.id, c]));
    for (const [i, id] of ids.entries()) {
      if (byId.has(id)) continue;
      const t = await client.query<{ title: string; status: string }>(
        `SELECT "title", "status"::text AS "status" FROM "Trajectory" WHERE "id"=$1 AND "projectId"=$2 AND "deletedAt" IS NULL`,
        [id, projectId],
      );
      if (!t.rows[0])
        throw new AppError("NOT_FOUND", `trajectoryIds[${i}]: trajectory ${id} not found in this project`, {
          location: { field: `trajectoryIds[${i}]` },
        });
      throw new AppError(
        "VALIDATION",
        `trajectoryIds[${i}]: "${t.rows[0].title}" (${id}) has no approved revision (its state is ${t.rows[0].status.replace("_", " ")}); only approved trajectories enter a set`,
        { location: { field: `trajectoryIds[${i}]` } },
      );
    }
    const already = await client.query<{ trajectoryId: string }>(
      `SELECT "trajectoryId" FROM "CurationItem" WHERE "setId"=$1 AND "trajectoryId" = ANY($2::text[])`,
      [setId, ids],
    );
    if (already.rowCount) {
      const t = byId.get(already.rows[0].trajectoryId)!;
      throw new AppError("CONFLICT", `"${t.title}" (${t.id}) is already in the set "${set.name}"`, {
        location: { field: `trajectoryIds[${ids.indexOf(t.id)}]` },
      });
    }
    for (const [i, id] of ids.entries()) {
      const c = byId.get(id)!;
      if (c.tokens > set.maxTokensPerSample)
        throw new AppError(
          "VALIDATION",
          `trajectoryIds[${i}]: "${c.title}" counts ${c.tokens.toLocaleString("en")} tokens under the token rule, over the set's maximum of ${set.maxTokensPerSample.toLocaleString("en")}`,
          { location: { field: `trajectoryIds[${i}]` } },
        );
    }
    const current = await client.query<{ domain: string | null; n: number }>(
      `SELECT t."domain", count(*)::int AS n FROM "CurationItem" i JOIN "Trajectory" t ON t."id"=i."trajectoryId"
       WHERE i."setId"=$1 GROUP BY t."domain"`,
      [setId],
    );
    const count = current.rows.reduce((s, r) => s + r.n, 0);
    const perDomain = new Map(current.rows.map((r) => [r.domain ?? "(none)", r.n]));
    const warnings: string[] = [];
    if (count + ids.length > set.targetSize) {
      const last = await client.query<{ name: string | null; addedAt: Date }>(
        `SELECT u."name", i."addedAt" FROM "CurationItem" i LEFT JOIN "User" u ON u."id"=i."addedById"
         WHERE i."setId"=$1 ORDER BY i."addedAt" DESC LIMIT 1`,
        [setId],
      );
      const who = last.rows[0] ? ` (the latest was added by ${last.rows[0].name ?? "someone"})` : "";
      warnings.push(
        count >= set.targetSize
          ? `the set "${set.name}" is already full: ${count} of the target ${set.targetSize}${who}`
          : `adding ${ids.length} would make ${count + ids.length}, past the target ${set.targetSize}`,
      );
    }
    const adding = new Map<string, number>();
    for (const id of ids) {
      const d = byId.get(id)!.domain ?? "(none)";
      adding.set(d, (adding.get(d) ?? 0) + 1);
    }
    for (const [d, n] of adding) {
      const quota = set.quotas[d];
      if (quota !== undefined && (perDomain.get(d) ?? 0) + n > quota)
        warnings.push(`${d} would have ${(perDomain.get(d) ?? 0) + n}, past its quota of ${quota}`);
    }
    if (warnings.length && !input.force)
      throw new AppError("CONFLICT", `${warnings.join("; ")}. Nothing was added; add anyway to go past it.`, {
        details: { warnings, version: set.version },
      });
    // Items added together keep the order they were given: the set (and a release of it) lists
    // items by time added (a millisecond column), and one statement's rows would otherwise share
    // the transaction's time.
    await client.query(
      `INSERT INTO "CurationItem" ("setId","trajectoryId","projectId","addedById","addedAt")
       SELECT $1, u.id, $3, $4, now() + (u.ord - 1) * interval '1 millisecond'
         FROM unnest($2::text[]) WITH ORDINALITY AS u(id, ord)`,
      [setId, ids, projectId, actorId],
    );
    const v = await client.query<{ version: number }>(
      `UPDATE "CurationSet" SET "version"="version"+1,"updatedAt"=now() WHERE "id"=$1 RETURNING "version"`,
      [setId],
    );
    await audit(client, projectId, actorId, "curation.item.add", setId, {
      trajectoryIds: ids,
      forced: warnings.length ? warnings : undefined,
    } as object);
    await notify(client, projectId, setId, v.rows[0].version, "items", actorId);
    return { added: ids.length, version: v.rows[0].version, warnings };
  });
}

export async function removeItem(projectId: string, setId: string, trajectoryId: string, actorId: string) {
  return withPgTransaction(async (client) => {
    await lockSet(client, projectId, setId);
    const d = await client.query(
      `DELETE FROM "CurationItem" WHERE "setId"=$1 AND "trajectoryId"=$2 AND "projectId"=$3`,
      [setId, trajectoryId, projectId],
    );
    if (!d.rowCount)
      throw new AppError("NOT_FOUND", `trajectory ${trajectoryId} is not in this set`, {
        location: { field: "trajectoryId" },
      });
    const v = await client.query<{ version: number }>(
      `UPDATE "CurationSet" SET "version"="version"+1,"updatedAt"=now() WHERE "id"=$1 RETURNING "version"`,
      [setId],
    );
    await audit(client, projectId, actorId, "curation.item.remove", setId, { trajectoryId });
    await notify(client, projectId, setId, v.rows[0].version, "items", actorId);
    return { removed: trajectoryId, version: v.rows[0].version };
  });
}
