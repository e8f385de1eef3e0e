/**
 * The import's format modules, made incremental for the recorder: each time the transcript changes
 * it is read again and parsed by the same module `limi import` uses (no second parser), and the
 * recorder compares the result with what it already sent (lib/cli/record/step-diff.ts). A cut-off
 * last JSONL line is what the importer already tolerates (a live copy); a whole-document file
 * caught mid-write (Gemini CLI, SII) fails to parse and is simply read again on its next change.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { parseFile } from "@/lib/formats/detect";
import { DEFAULT_MAX_DOCUMENT_BYTES, type FormatInput } from "@/lib/formats/types";
import type { ParsedTrajectory } from "@/lib/trajectory/types";

export interface Snapshot {
  format: string;
  trajectory: ParsedTrajectory;
  /** The file's size when read. */
  size: number;
}

/**
 * The file's trajectory now (the last one when the file holds several: a request log repeats the
 * conversation so far in each request), or null when it cannot be read yet (empty, or mid-write).
 */
export async function readSnapshot(file: string, format: string): Promise<Snapshot | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return null;
  }
  if (!bytes.length) return null;
  const input: FormatInput = {
    filename: path.basename(file),
    size: bytes.length,
    path: file,
    open: () => Readable.from([bytes]),
    warn: () => undefined,
  };
  try {
    let last: ParsedTrajectory | null = null;
    for await (const t of await parseFile(input, { format, maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES })) last = t;
    if (!last || !last.steps.length) return null;
    return { format: last.format, trajectory: last, size: bytes.length };
  } catch {
    return null;
  }
}
