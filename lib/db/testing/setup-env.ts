// Runs in each integration test worker before its tests: point the app at the run's database.
import { fileURLToPath } from "node:url";
import { inject } from "vitest";
import { resetEnvCache } from "@/lib/env";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.LIMI_DATA_DIR = inject("dataDir");
process.env.NEXTAUTH_SECRET = "integration-test-secret-0123456789";
process.env.LIMI_DEMO = "false";
// The models folder of integration tests: lib/tokens/fixtures, whose tiny-bpe/ is offered as hf:tiny-bpe.
process.env.LIMI_MODELS_DIR = fileURLToPath(new URL("../../tokens/fixtures", import.meta.url));
// In-process servers run as one instance; tests of several instances hand the run's Redis
// (inject("redisUrl")) to the instances they start.
delete process.env.REDIS_URL;
resetEnvCache();
