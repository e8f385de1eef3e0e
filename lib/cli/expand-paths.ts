/**
 * Turns the CLI's path arguments into files: a file is itself, a directory is every file below it
 * (hidden folders skipped), anything else is a glob. An argument that matches nothing is reported
 * as a missing file rather than silently dropped.
 */
import { existsSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { glob } from "tinyglobby";

export interface ExpandedPaths {
  files: Array<{ path: string; name: string }>;
  missing: string[];
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(p)));
    else if (entry.isFile()) out.push(p);
  }
  return out.sort();
}

export async function expandPaths(args: readonly string[], cwd = process.cwd()): Promise<ExpandedPaths> {
  const seen = new Set<string>();
  const files: ExpandedPaths["files"] = [];
  const missing: string[] = [];
  const add = (p: string) => {
    const abs = path.resolve(cwd, p);
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push({ path: abs, name: path.relative(cwd, abs) || path.basename(abs) });
  };
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    if (existsSync(abs)) {
      if (statSync(abs).isDirectory()) (await walk(abs)).forEach(add);
      else add(abs);
      continue;
    }
    const matches = await glob(arg, { cwd, onlyFiles: true, dot: false, absolute: true });
    if (matches.length) matches.sort().forEach(add);
    else missing.push(arg);
  }
  return { files, missing };
}
