/**
 * Original transcript files, kept gzip-compressed in the data folder and addressed by the sha256
 * of their bytes, so the same file uploaded twice is stored once. Files can be hundreds of MB:
 * everything here streams.
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { chmod, mkdir, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { createGunzip, createGzip } from "node:zlib";
import { env } from "@/lib/env";

export const sourceDirs = () => ({
  sources: path.join(env().dataDir, "sources"),
  tmp: path.join(env().dataDir, "tmp"),
});
const dirs = sourceDirs;

/** Originals and uploads are other people's data: folders only this user may enter. */
async function mkdirPrivate(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Folders made by earlier versions were world-readable.
  await chmod(dir, 0o700);
}

export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const h = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: h.digest("hex"), size };
}

/**
 * A temporary file in the data folder (same file system as the store, so renames are atomic). Its
 * name starts with this process's pid, so a start-up after a crash can tell abandoned files from
 * those of a process still running (a CLI import beside the server).
 */
export async function tempPath(suffix = ""): Promise<string> {
  await mkdirPrivate(dirs().tmp);
  return path.join(dirs().tmp, `${process.pid}-${Date.now().toString(36)}-${randomBytes(6).toString("hex")}${suffix}`);
}

export const blobPath = (sha256: string) => path.join(dirs().sources, sha256.slice(0, 2), `${sha256}.gz`);
/** Marks a blob written by a live import that has not committed yet: the start-up sweep leaves it alone. */
export const pendingMarker = (sha256: string, pid = process.pid) => `${blobPath(sha256)}.pending-${pid}`;

export interface StoredSource {
  sha256: string;
  compressedSize: number;
  /** True when this call wrote the blob (so a rollback should remove it). */
  created: boolean;
}

/** Compresses `file` into the store unless a blob with this hash exists already. */
export async function keepSource(file: string, sha256: string): Promise<StoredSource> {
  const target = blobPath(sha256);
  if (existsSync(target)) return { sha256, compressedSize: (await stat(target)).size, created: false };
  await mkdirPrivate(dirs().sources);
  await mkdirPrivate(path.dirname(target));
  await writeFile(pendingMarker(sha256), "");
  const tmp = await tempPath(".gz");
  // Level 1: transcripts compress ~8× even so, at several times the speed of the default level.
  await pipeline(createReadStream(file), createGzip({ level: 1 }), createWriteStream(tmp));
  await rename(tmp, target);
  return { sha256, compressedSize: (await stat(target)).size, created: true };
}

export async function discardSource(sha256: string): Promise<void> {
  await unlink(blobPath(sha256)).catch(() => undefined);
  await settleSource(sha256);
}

/** The import that wrote the blob has finished (committed or not): drop its pending marker. */
export async function settleSource(sha256: string): Promise<void> {
  await unlink(pendingMarker(sha256)).catch(() => undefined);
}

export function openSource(sha256: string): Readable | null {
  const p = blobPath(sha256);
  return existsSync(p) ? createReadStream(p).pipe(createGunzip()) : null;
}
