/**
 * A fresh database for one test run, never the user's: on TEST_DATABASE_URL's server when set,
 * else on an embedded PostgreSQL in a temporary folder. Migrated before use, removed afterwards.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { dropDatabase, ensureDatabase, withDatabase } from "@/lib/db/admin-sql";
import { freePort, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations/apply-migrations";

export interface TestDatabase {
  url: string;
  dispose(): Promise<void>;
}

export async function createTestDatabase(prefix = "limi_test"): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    const server = withDatabase(external, "postgres");
    await ensureDatabase(server, name);
    const url = withDatabase(external, name);
    await applyMigrations(url);
    return { url, dispose: () => dropDatabase(server, name) };
  }
  // mkdtemp makes a 0700 folder; the embedded server may run as another user, so open it up.
  const dir = await mkdtemp(path.join(os.tmpdir(), "limi-test-"));
  await chmod(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: dir, preferredPort: await freePort() });
  await ensureDatabase(pg.serverUrl, name);
  const url = withDatabase(pg.serverUrl, name);
  await applyMigrations(url);
  return {
    url,
    dispose: async () => {
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
