/**
 * What a killed import leaves behind, removed at start-up: uploads and half-written blobs in
 * `tmp/`, and kept originals in `sources/` that no SourceFile row refers to (written before a COMMIT
 * that never came). Files of a process still running (a `limi import` beside the server) are kept:
 * temp files carry their writer's pid in the name, and a blob not committed yet has a
 * `.pending-<pid>` marker next to it.
 */
import { readdir, rm, unlink } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db/client";
import { sourceDirs } from "@/lib/import/source-store";

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, under another user.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const list = (dir: string) => readdir(dir).catch(() => [] as string[]);

export interface SweepResult {
  tempFiles: number;
  originals: number;
}

export async function sweepImportLeftovers(): Promise<SweepResult> {
  const { sources, tmp } = sourceDirs();
  let tempFiles = 0;
  for (const name of await list(tmp)) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (alive(pid) && pid !== process.pid) continue;
    await rm(path.join(tmp, name), { recursive: true, force: true });
    tempFiles++;
  }

  const blobs = new Map<string, string>();
  const inFlight = new Set<string>();
  for (const shard of await list(sources)) {
    for (const name of await list(path.join(sources, shard))) {
      const file = path.join(sources, shard, name);
      const pending = /^([0-9a-f]{64})\.gz\.pending-(\d+)$/.exec(name);
      if (pending) {
        if (alive(Number(pending[2])) && Number(pending[2]) !== process.pid) inFlight.add(pending[1]);
        else await unlink(file).catch(() => undefined);
        continue;
      }
      const blob = /^([0-9a-f]{64})\.gz$/.exec(name);
      if (blob) blobs.set(blob[1], file);
    }
  }
  const candidates = [...blobs.keys()].filter((sha) => !inFlight.has(sha));
  const referenced = new Set<string>();
  for (let i = 0; i < candidates.length; i += 1000) {
    const rows = await db().sourceFile.findMany({
      where: { sha256: { in: candidates.slice(i, i + 1000) } },
      select: { sha256: true },
      distinct: ["sha256"],
    });
    for (const r of rows) referenced.add(r.sha256);
  }
  let originals = 0;
  for (const sha of candidates) {
    if (referenced.has(sha)) continue;
    await unlink(blobs.get(sha)!).catch(() => undefined);
    originals++;
  }
  return { tempFiles, originals };
}
