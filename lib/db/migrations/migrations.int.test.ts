import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrations/apply-migrations";
import { pendingSchemaSql } from "@/lib/db/migrations/create-migration";
import { readMigrationList } from "@/lib/db/migrations/migration-files";

const url = () => inject("databaseUrl");

async function migrationRows() {
  const c = new pg.Client({ connectionString: url() });
  await c.connect();
  try {
    const r = await c.query<{ migration_name: string; finished_at: Date | null; checksum: string }>(
      "SELECT migration_name, finished_at, checksum FROM _prisma_migrations ORDER BY migration_name",
    );
    return r.rows;
  } finally {
    await c.end();
  }
}

describe("offline migrations", () => {
  it("recorded every migration folder once in _prisma_migrations, finished", async () => {
    const folders = (await readMigrationList()).migrationDirectories.map((d) => d.path);
    const rows = await migrationRows();
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
    expect(rows.every((r) => r.finished_at !== null && /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
  });

  it("running migrate again applies nothing and adds no rows", async () => {
    const before = await migrationRows();
    expect(await applyMigrations(url())).toEqual([]);
    expect(await migrationRows()).toEqual(before);
  });

  it("schema.prisma and prisma/migrations do not drift apart", async () => {
    // When this fails: run `npm run db:migration -- <name>` and commit the new folder.
    expect(await pendingSchemaSql(url())).toBe("");
  });
});
