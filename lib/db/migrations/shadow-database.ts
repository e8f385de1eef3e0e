/**
 * Creating a migration and checking drift compare schema.prisma with what the existing migrations
 * build. The migrations are applied to a scratch ("shadow") database created beside the target and
 * dropped afterwards; the engine then diffs that database against the schema. (The WASM engine's
 * own shadow-database path is not usable through the pg adapter, so the project does it itself.)
 */
import { randomBytes } from "node:crypto";
import { dropDatabase, ensureDatabase, withDatabase } from "@/lib/db/admin-sql";

export async function withShadowDatabase<T>(url: string, fn: (shadowUrl: string) => Promise<T>): Promise<T> {
  const name = `limi_shadow_${randomBytes(4).toString("hex")}`;
  const server = withDatabase(url, "postgres");
  await ensureDatabase(server, name);
  try {
    return await fn(withDatabase(url, name));
  } finally {
    await dropDatabase(server, name);
  }
}
