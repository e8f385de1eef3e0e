// postinstall: `prisma generate` offline. The Prisma CLI downloads a native schema engine at
// start-up unless PRISMA_SCHEMA_ENGINE_BINARY names an existing file; generate never runs that
// engine, so any file will do (node itself). Migrations use the WASM engine (lib/db/migrations).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cli = path.join(root, "node_modules/prisma/build/index.js");
if (!existsSync(cli)) process.exit(0); // installed without dev tooling; nothing to generate with
const r = spawnSync(process.execPath, [cli, "generate"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  },
});
process.exit(r.status ?? 1);
