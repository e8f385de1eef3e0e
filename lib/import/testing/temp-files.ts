/** Writes test input files into a temporary folder. */
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export async function tempFile(name: string, content: string | Buffer): Promise<{ path: string; name: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "limi-import-"));
  const p = path.join(dir, name);
  await writeFile(p, content);
  return { path: p, name };
}
