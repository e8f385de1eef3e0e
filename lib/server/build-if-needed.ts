/**
 * `npm start` builds when there is no production build, or when a source file is newer than it
 * (a `git pull` since the last build). The check walks only the source folders, in milliseconds.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { logInfo } from "@/lib/log";

const SOURCE_DIRS = ["app", "components", "lib", "public"];
const SOURCE_FILES = ["next.config.ts", "package.json", "postcss.config.mjs", "tsconfig.json"];

// A folder's own mtime changes when an entry is added or removed, so a deleted page counts too.
function newestMtime(dir: string): number {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function buildIsStale(root: string): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const dirs = SOURCE_DIRS.map((d) => path.join(root, d)).filter(existsSync);
  const files = SOURCE_FILES.map((f) => path.join(root, f)).filter(existsSync);
  return Math.max(...dirs.map(newestMtime), ...files.map((f) => statSync(f).mtimeMs)) > built;
}

export function buildIfNeeded(root: string): void {
  if (!buildIsStale(root)) return;
  logInfo("building the app (next build); this takes a minute the first time");
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) throw new Error(`next build failed with exit code ${r.status}`);
}
