/**
 * Builds zip archives for tests (Inspect `.eval` logs) from member files kept as plain JSON under
 * `lib/formats/fixtures/`, so no binary fixture is checked in.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { zipSync } from "fflate";

/** Every file under `dir`, keyed by its `/`-separated path relative to `dir`. */
export function readTree(dir: string): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p).split(sep).join("/")] = readFileSync(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Zips `members` in the given order (Inspect writes `_journal/start.json` first and `header.json`
 * last; `first` names the members to put ahead of the rest) and writes the archive to a fresh
 * temporary directory. Returns the archive path.
 */
export function writeZip(members: Record<string, Uint8Array>, filename: string, first: string[] = []): string {
  const ordered: Record<string, Uint8Array> = {};
  for (const name of first) if (members[name]) ordered[name] = members[name];
  for (const [name, bytes] of Object.entries(members)) if (!(name in ordered)) ordered[name] = bytes;
  const path = join(mkdtempSync(join(tmpdir(), "limi-zip-")), filename);
  writeFileSync(path, zipSync(ordered, { level: 6 }));
  return path;
}
