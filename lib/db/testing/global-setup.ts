import type { TestProject } from "vitest/node";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing/test-database";

let database: TestDatabase | undefined;

export async function setup(project: TestProject) {
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
