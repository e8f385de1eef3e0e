/**
 * The e2e server's own database (its URL is left in a file by test-server.ts), for the few fixtures
 * no route makes: a curation set with its items (the set board's routes are another module's).
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export async function withE2eDatabase<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const port = process.env.E2E_PORT ?? "3217";
  const url = readFileSync(path.join(os.tmpdir(), `limi-e2e-db-${port}.url`), "utf8").trim();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
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
