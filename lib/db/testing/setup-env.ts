// Runs in each integration test worker before its tests: point the app at the run's database.
import { inject } from "vitest";
import { resetEnvCache } from "@/lib/env";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.LIMI_DATA_DIR = inject("dataDir");
process.env.NEXTAUTH_SECRET = "integration-test-secret-0123456789";
process.env.LIMI_DEMO = "false";
// In-process servers run as one instance; tests of several instances hand the run's Redis
// (inject("redisUrl")) to the instances they start.
delete process.env.REDIS_URL;
resetEnvCache();
