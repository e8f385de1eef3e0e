/**
 * `npm run db:migrate`: applies pending migrations and records them in `_prisma_migrations`,
 * exactly as `prisma migrate deploy` does, so the ordinary CLI agrees on machines that have it.
 * Running it twice is a no-op.
 */
import { openSchemaEngine } from "@/lib/db/migrations/schema-engine";
import { NO_FILTERS, SCHEMA_PATH, readMigrationList, readSchema } from "@/lib/db/migrations/migration-files";

export async function applyMigrations(url: string): Promise<string[]> {
  const schema = await readSchema();
  const engine = await openSchemaEngine({ url, schemaPath: SCHEMA_PATH, schema });
  try {
    const migrationsList = await readMigrationList();
    const out = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return out.appliedMigrationNames;
  } finally {
    engine.free();
  }
}
