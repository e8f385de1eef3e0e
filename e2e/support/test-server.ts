/**
 * The app as the e2e tests see it: a production build on its own fresh database (an embedded
 * PostgreSQL in a temporary folder, or a new database on TEST_DATABASE_URL), with the demo seeded
 * so there is a known admin to sign in as, and a stub LLM. Removed when Playwright stops the server.
 */
import { chmod, cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/lib/db/embedded-postgres";
import { createTestDatabase } from "@/lib/db/testing/test-database";
import { startStubOpenAiServer } from "@/lib/llm/testing/stub-openai-server";
import { startServer } from "../../server";
import { e2eDatabaseUrlFile } from "./database";

const dir = await mkdtemp(path.join(os.tmpdir(), "limi-e2e-"));
await chmod(dir, 0o755);
process.env.LIMI_DATA_DIR = dir;
process.env.EMBEDDED_PG_PORT = String(await freePort());
process.env.LIMI_DEMO = "true";
// The models folder offers the export fixtures' tiny-chat tokenizer (with its chat_template) for the training view.
process.env.LIMI_MODELS_DIR = path.join(dir, "models");
await cp(
  path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../lib/export/fixtures/tiny-chat"),
  path.join(dir, "models/tiny-chat"),
  {
    recursive: true,
  },
);
process.env.NEXTAUTH_SECRET = "e2e-secret-0123456789abcdef";
// The LLM provider cannot exist here: a local OpenAI-compatible stub answers synthesis requests.
const llm = await startStubOpenAiServer();
process.env.LLM_BASE_URL = llm.baseUrl;
process.env.LLM_MODEL = "stub-model";
const external = process.env.TEST_DATABASE_URL ? await createTestDatabase("limi_e2e") : null;
if (external) process.env.DATABASE_URL = external.url;

// Where specs find this server's database, for fixtures no route makes (e2e/support/database.ts).
const dbUrlFile = e2eDatabaseUrlFile(Number(process.env.PORT));
await startServer({
  dev: false,
  onShutdown: async () => {
    await rm(dbUrlFile, { force: true });
    await llm.close();
    await external?.dispose();
    await rm(dir, { recursive: true, force: true });
  },
});
await writeFile(dbUrlFile, process.env.DATABASE_URL ?? "", { mode: 0o600 });
