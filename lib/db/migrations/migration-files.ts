/** Reads prisma/migrations in the shape the schema engine expects (what the Prisma CLI sends it). */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";

export const PROJECT_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../..");
export const SCHEMA_PATH = path.join(PROJECT_ROOT, "prisma/schema.prisma");
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma/migrations");
export const NO_FILTERS = { externalTables: [], externalEnums: [] };

export async function readSchema(): Promise<string> {
  return readFile(SCHEMA_PATH, "utf8");
}

export async function readMigrationList(baseDir = MIGRATIONS_DIR): Promise<MigrationList> {
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const dirs = existsSync(baseDir)
    ? (await readdir(baseDir, { withFileTypes: true }))
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const migrationDirectories = await Promise.all(
    dirs.map(async (name) => {
      const file = path.join(baseDir, name, "migration.sql");
      const content = existsSync(file)
        ? ({ tag: "ok", value: await readFile(file, "utf8") } as const)
        : ({ tag: "error", value: `${file} is missing` } as const);
      return { path: name, migrationFile: { path: "migration.sql", content } };
    }),
  );
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}
