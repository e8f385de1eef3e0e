/** `FormatInput`s for tests: a file on disk, or bytes held in memory. */
import { createReadStream, statSync } from "node:fs";
import { basename } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { FormatInput } from "@/lib/formats/types";

export function fileInput(path: string): FormatInput {
  return { filename: basename(path), size: statSync(path).size, path, open: () => createReadStream(path) };
}

/** Streams in small chunks so line splitting across chunk borders is exercised. */
export function memoryInput(content: string | Buffer, filename = "input.json", chunkSize = 64 * 1024): FormatInput {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return {
    filename,
    size: bytes.length,
    open: () => {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
      return Readable.from(chunks);
    },
  };
}

/** Absolute path of a fixture under `lib/formats/fixtures/`. */
export function fixturePath(rel: string): string {
  return fileURLToPath(new URL(`../fixtures/${rel}`, import.meta.url));
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
