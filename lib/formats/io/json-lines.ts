/**
 * Streams a JSONL file one line at a time. Lines of many megabytes are fine (the line splitter
 * grows its buffer); the file is never held whole.
 */
import { createInterface } from "node:readline";
import type { FormatInput } from "@/lib/formats/types";
import { parseError } from "@/lib/formats/parse-error";

export interface JsonLine {
  /** 1-based line number in the file. */
  line: number;
  value: unknown;
}

/** Yields every non-blank line parsed as JSON; throws a located error on the first bad line. */
export async function* readJsonLines(input: FormatInput): AsyncGenerator<JsonLine> {
  const stream = input.open();
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const raw of rl) {
      line++;
      const text = line === 1 ? stripBom(raw) : raw;
      if (text.trim() === "") continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        throw parseError(input.filename, `invalid JSON (${jsonErrorReason(e)}); expected one JSON value per line`, { line });
      }
      yield { line, value };
    }
  } finally {
    rl.close();
    stream.destroy();
  }
}

export function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

export function jsonErrorReason(e: unknown): string {
  return e instanceof Error ? e.message.replace(/\s+/g, " ").slice(0, 200) : String(e);
}
