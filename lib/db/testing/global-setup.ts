import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing/test-database";

let database: TestDatabase | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject) {
  database = await createTestDatabase();
  // Kept originals and temporary uploads go to a folder of the run's own, never the user's .data.
  dataDir = await mkdtemp(path.join(os.tmpdir(), "limi-test-data-"));
  await chmod(dataDir, 0o755);
  project.provide("databaseUrl", database.url);
  project.provide("dataDir", dataDir);
}

export async function teardown() {
  await database?.dispose();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    dataDir: string;
  }
}
