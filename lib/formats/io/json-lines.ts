/**
 * Streams a JSONL file one line at a time. Lines of many megabytes are fine (a line's chunks are
 * joined only when it ends); the file is never held whole. Lines are split here rather than with
 * node:readline, whose async iterator reads up to a thousand lines ahead of a slow consumer:
 * with 150 KB lines that is hundreds of MB held for nothing. Here the stream is read only as fast
 * as lines are consumed.
 */
import type { FormatInput } from "@/lib/formats/types";
import { parseError } from "@/lib/formats/parse-error";
import { AppError } from "@/lib/errors/app-error";

export interface JsonLine {
  /** 1-based line number in the file. */
  line: number;
  value: unknown;
}

/**
 * Yields every non-blank line parsed as JSON; throws a located error on the first bad line, with
 * one exception: a last line that is a cut-off JSON value (a live session copied mid-write) is
 * dropped and reported through `onCutLine` (default `input.warn`). A bad line followed by any other
 * line, or a last line that is malformed rather than cut, still rejects the file.
 */
export async function* readJsonLines(
  input: FormatInput,
  onCutLine: ((message: string, line: number) => void) | undefined = input.warn,
): AsyncGenerator<JsonLine> {
  let line = 0;
  let cut: { line: number; error: unknown } | null = null;
  for await (const raw of readLines(input)) {
    line++;
    const text = line === 1 ? stripBom(raw) : raw;
    if (text.trim() === "") continue;
    if (cut) throw badLine(input, cut.line, cut.error);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      if (!isCutOff(text, e)) throw badLine(input, line, e);
      cut = { line, error: e };
      continue;
    }
    yield { line, value };
  }
  if (cut)
    onCutLine?.(
      `line ${cut.line} is cut off (the file ends mid-record, as when a live session is copied while written); it was not imported`,
      cut.line,
    );
}

function badLine(input: FormatInput, line: number, e: unknown) {
  return parseError(input.filename, `invalid JSON (${jsonErrorReason(e)}); expected one JSON value per line`, {
    line,
  });
}

/** The text is the start of a JSON value that ends too early (not a value with a syntax error). */
export function isCutOff(text: string, e: unknown): boolean {
  const t = text.trimEnd();
  if (!/^\s*[[{]/.test(t)) return false;
  const msg = e instanceof Error ? e.message : "";
  if (/Unexpected end of JSON input|Unterminated string/i.test(msg)) return true;
  // V8 names the position of the failure: at the very end of the text means the value was cut.
  const at = /at position (\d+)/.exec(msg);
  return at !== null && Number(at[1]) >= t.length;
}

const NEWLINE = 0x0a;

function lineTooLong(input: FormatInput, line: number, max: number): AppError {
  return new AppError(
    "PAYLOAD_TOO_LARGE",
    `${input.filename} line ${line}: the line is over the ${(max / 1024 / 1024).toFixed(1)} MiB limit for one JSON document (IMPORT_MAX_DOCUMENT_MB); split the trajectory or raise the limit`,
    { location: { file: input.filename, line } },
  );
}

/**
 * Lines of the file as strings (without "\n" or a trailing "\r"), read with backpressure. A line
 * longer than `input.maxLineBytes` is refused as soon as its bytes pass the limit.
 */
export async function* readLines(input: FormatInput): AsyncGenerator<string> {
  const stream = input.open();
  const max = input.maxLineBytes ?? Infinity;
  let line = 1;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const take = (tail: Buffer) => {
    if (pendingBytes + tail.length > max) throw lineTooLong(input, line, max);
    line++;
    const bytes = pending.length ? Buffer.concat([...pending, tail]) : tail;
    pending = [];
    pendingBytes = 0;
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
      if (start < buf.length) {
        pending.push(buf.subarray(start));
        pendingBytes += buf.length - start;
        if (pendingBytes > max) throw lineTooLong(input, line, max);
      }
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
