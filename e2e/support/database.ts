/** The e2e server's database (its URL is left in a file by test-server.ts), for fixtures no route makes. */
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const e2eDatabaseUrlFile = (port: number) => path.join(os.tmpdir(), `limi-e2e-${port}.database-url`);

export async function withE2eDatabase<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const port = Number(process.env.E2E_PORT ?? 3217);
  const client = new pg.Client({ connectionString: (await readFile(e2eDatabaseUrlFile(port), "utf8")).trim() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Release `number` of the given approved trajectories, pinned to their approved revisions (as curation will lock one). */
export async function makeE2eRelease(slug: string, trajectoryIds: string[]): Promise<number> {
  return withE2eDatabase(async (c) => {
    const { rows } = await c.query<{ id: string }>(`SELECT "id" FROM "Project" WHERE "slug"=$1`, [slug]);
    const projectId = rows[0].id;
    const setId = `set-${Date.now()}-${Math.random().toString(16).slice(2)}`;
    await c.query(
      `INSERT INTO "CurationSet" ("id","projectId","name","targetSize","updatedAt") VALUES ($1,$2,$1,$3,now())`,
      [setId, projectId, trajectoryIds.length],
    );
    const n = (
      await c.query<{ n: number }>(`SELECT coalesce(max("number"),0)+1 AS n FROM "Release" WHERE "projectId"=$1`, [
        projectId,
      ])
    ).rows[0].n;
    const releaseId = `rel-${setId}`;
    await c.query(
      `INSERT INTO "Release" ("id","projectId","setId","number","validation","tokenRule") VALUES ($1,$2,$3,$4,'{}','{"maxTokensPerSample":125000}')`,
      [releaseId, projectId, setId, n],
    );
    for (const [i, id] of trajectoryIds.entries()) {
      const t = await c.query<{ approvedNumber: number }>(
        `SELECT "approvedNumber" FROM "Trajectory" WHERE "id"=$1 AND "status"='approved'`,
        [id],
      );
      await c.query(
        `INSERT INTO "ReleaseItem" ("releaseId","trajectoryId","projectId","revisionNumber","position") VALUES ($1,$2,$3,$4,$5)`,
        [releaseId, id, projectId, t.rows[0].approvedNumber, i],
      );
    }
    return n;
  });
}

/** A curation set of `trajectoryIds` in project `slug`; returns its id. */
export async function makeCurationSet(slug: string, name: string, trajectoryIds: string[]): Promise<string> {
  return withE2eDatabase(async (c) => {
    const p = await c.query<{ id: string }>(`SELECT "id" FROM "Project" WHERE "slug"=$1`, [slug]);
    const projectId = p.rows[0].id;
    const s = await c.query<{ id: string }>(
      `INSERT INTO "CurationSet" ("id","projectId","name","updatedAt") VALUES (gen_random_uuid()::text,$1,$2,now()) RETURNING "id"`,
      [projectId, name],
    );
    for (const t of trajectoryIds)
      await c.query(`INSERT INTO "CurationItem" ("setId","trajectoryId","projectId") VALUES ($1,$2,$3)`, [
        s.rows[0].id,
        t,
        projectId,
      ]);
    return s.rows[0].id;
  });
}
