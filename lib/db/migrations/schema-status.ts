/** Whether every migration folder has been applied; commands refuse to run on a stale schema. */
import { AppError } from "@/lib/errors/app-error";
import { withServerClient } from "@/lib/db/admin-sql";
import { readMigrationList } from "@/lib/db/migrations/migration-files";

export async function pendingMigrations(url: string): Promise<string[]> {
  const folders = (await readMigrationList()).migrationDirectories.map((d) => d.path);
  const applied = await withServerClient(url, async (c) => {
    const exists = await c.query("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS ok");
    if (!exists.rows[0].ok) return new Set<string>();
    const r = await c.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    return new Set(r.rows.map((x) => x.migration_name));
  });
  return folders.filter((f) => !applied.has(f));
}

export async function requireCurrentSchema(url: string): Promise<void> {
  const pending = await pendingMigrations(url);
  if (pending.length)
    throw new AppError(
      "CONFLICT",
      `the database schema is behind (${pending.length} migration(s) pending: ${pending.join(", ")}); run \`npx limi db migrate\` or start the app`,
    );
}
