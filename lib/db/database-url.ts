/**
 * Decides which PostgreSQL the process talks to: DATABASE_URL when set, else the embedded server
 * (started on demand). The result is written back to process.env.DATABASE_URL so that every module
 * copy in the process (server.ts and the Next.js bundle) sees the same database.
 */
import { env, resetEnvCache } from "@/lib/env";
import { EMBEDDED_DATABASE, startEmbeddedPostgres, type EmbeddedHandle } from "@/lib/db/embedded-postgres";
import { ensureDatabase, withDatabase } from "@/lib/db/admin-sql";

export interface ResolvedDatabase {
  url: string;
  embedded: EmbeddedHandle | null;
}

export async function resolveDatabase(): Promise<ResolvedDatabase> {
  const e = env();
  if (e.DATABASE_URL) return { url: e.DATABASE_URL, embedded: null };
  const embedded = await startEmbeddedPostgres({ dataDir: e.dataDir, preferredPort: e.EMBEDDED_PG_PORT });
  await ensureDatabase(embedded.serverUrl, EMBEDDED_DATABASE);
  const url = withDatabase(embedded.serverUrl, EMBEDDED_DATABASE);
  process.env.DATABASE_URL = url;
  resetEnvCache();
  return { url, embedded };
}
