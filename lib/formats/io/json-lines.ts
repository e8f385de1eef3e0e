/**
 * Streams a JSONL file one line at a time. Lines of many megabytes are fine (a line's chunks are
 * joined only when it ends); the file is never held whole. Lines are split here rather than with
 * node:readline, whose async iterator reads up to a thousand lines ahead of a slow consumer:
 * with 150 KB lines that is hundreds of MB held for nothing. Here the stream is read only as fast
 * as lines are consumed.
 */
import type { FormatInput } from "@/lib/formats/types";
import { parseError } from "@/lib/formats/parse-error";

export interface JsonLine {
  /** 1-based line number in the file. */
  line: number;
  value: unknown;
}

/** Yields every non-blank line parsed as JSON; throws a located error on the first bad line. */
export async function* readJsonLines(input: FormatInput): AsyncGenerator<JsonLine> {
  let line = 0;
  for await (const raw of readLines(input)) {
    line++;
    const text = line === 1 ? stripBom(raw) : raw;
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw parseError(input.filename, `invalid JSON (${jsonErrorReason(e)}); expected one JSON value per line`, {
        line,
      });
    }
    yield { line, value };
  }
}

const NEWLINE = 0x0a;

/** Lines of the file as strings (without "\n" or a trailing "\r"), read with backpressure. */
export async function* readLines(input: FormatInput): AsyncGenerator<string> {
  const stream = input.open();
  let pending: Buffer[] = [];
  const take = (tail: Buffer) => {
    const bytes = pending.length ? Buffer.concat([...pending, tail]) : tail;
    pending = [];
    const end = bytes.length && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    return bytes.toString("utf8", 0, end);
  };
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      let start = 0;
      for (let nl = buf.indexOf(NEWLINE, start); nl >= 0; nl = buf.indexOf(NEWLINE, start)) {
        yield take(buf.subarray(start, nl));
        start = nl + 1;
      }
      if (start < buf.length) pending.push(buf.subarray(start));
    }
    if (pending.length) yield take(Buffer.alloc(0));
  } finally {
    stream.destroy();
  }
}

export function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

export function jsonErrorReason(e: unknown): string {
  return e instanceof Error ? e.message.replace(/\s+/g, " ").slice(0, 200) : String(e);
}
