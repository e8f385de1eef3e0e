/**
 * Format detection and the one entry point importers call. Detection reads only the first
 * `DETECT_HEAD_BYTES` of a file; parsing then streams (JSONL) or reads a capped document.
 */
import { AppError } from "@/lib/errors/app-error";
import {
  DETECT_HEAD_BYTES,
  type ArchiveLimits,
  type DetectSample,
  type FormatInput,
  type FormatModule,
} from "@/lib/formats/types";
import type { ParsedTrajectory } from "@/lib/trajectory/types";
import { parseError } from "@/lib/formats/parse-error";
import { jsonErrorReason, stripBom } from "@/lib/formats/io/json-lines";
import { locateJsonError } from "@/lib/formats/io/json-document";
import { FORMAT_MODULES, formatNames, getFormat } from "@/lib/formats/registry";

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

async function readHead(input: FormatInput, limit: number): Promise<Buffer> {
  const stream = input.open();
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      parts.push(buf);
      size += buf.length;
      if (size >= limit) break;
    }
  } finally {
    stream.destroy();
  }
  const all = Buffer.concat(parts);
  return all.length > limit ? all.subarray(0, limit) : all;
}

/** Complete JSON lines at the start of the head, or null when the first line is not JSON. */
function headRecords(head: string, complete: boolean): unknown[] | null {
  const lines = head.split("\n");
  // The last piece may be cut mid-record unless the whole file is in the head.
  if (!complete) lines.pop();
  const records: unknown[] = [];
  for (const line of lines) {
    if (line.trim() === "") continue;
    try {
      records.push(JSON.parse(line));
    } catch {
      // A line that does not parse ends the run: what came before is still a usable sample.
      break;
    }
  }
  return records.length ? records : null;
}

export async function readDetectSample(input: FormatInput): Promise<DetectSample> {
  const bytes = await readHead(input, DETECT_HEAD_BYTES);
  const isZip = bytes.subarray(0, 4).equals(ZIP_MAGIC);
  const complete = bytes.length >= input.size;
  const head = isZip ? "" : stripBom(bytes.toString("utf8"));
  let document: unknown;
  if (complete && !isZip) {
    try {
      document = JSON.parse(head);
    } catch {
      // Not one JSON document (JSONL, or not JSON at all): `records`/`head` carry the evidence.
      document = undefined;
    }
  }
  return { filename: input.filename, head, isZip, records: isZip ? null : headRecords(head, complete), document };
}

/**
 * When no format matched because the text is broken JSON, say where it breaks: that is the
 * useful message, not "unknown format". Only for files whose start was read whole.
 */
function locateBrokenJson(sample: DetectSample): AppError | null {
  const text = sample.head;
  if (sample.isZip || !/^\s*[[{]/.test(text)) return null;
  const lines = text.split("\n");
  // The head holds the whole file when it is shorter than the detection window.
  const complete = Buffer.byteLength(text) < DETECT_HEAD_BYTES;
  // JSONL: the first line parses, a later one does not. All lines parsing is valid JSONL.
  let allParsed = true;
  for (let i = 0; i < lines.length - 1 || (complete && i < lines.length); i++) {
    if (lines[i].trim() === "") continue;
    try {
      JSON.parse(lines[i]);
    } catch (e) {
      allParsed = false;
      if (i === 0) break;
      return parseError(sample.filename, `invalid JSON (${jsonErrorReason(e)}); expected one JSON value per line`, {
        line: i + 1,
      });
    }
  }
  if (allParsed) return null;
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    const where = locateJsonError(text, e);
    // A document cut by the detection window is not evidence of anything.
    if (!complete && where.offset !== undefined && where.offset >= Buffer.byteLength(text)) return null;
    return parseError(
      sample.filename,
      `invalid JSON (${jsonErrorReason(e)})`,
      where.line ? { line: where.line } : { offset: where.offset },
    );
  }
}

export interface Detection {
  module: FormatModule;
  confidence: number;
  /** Every module's score, best first, for diagnostics. */
  scores: { name: string; confidence: number }[];
}

/** Runs every detector; the highest score wins, ties go to the earlier registry entry. */
export function detectSample(
  sample: DetectSample,
  modules: readonly FormatModule[] = FORMAT_MODULES,
): Detection | null {
  const scores = modules.map((m, i) => {
    const c = m.detect(sample);
    return { m, i, confidence: Number.isFinite(c) ? Math.max(0, Math.min(1, c)) : 0 };
  });
  const ranked = [...scores].sort((a, b) => b.confidence - a.confidence || a.i - b.i);
  const best = ranked[0];
  if (!best || best.confidence <= 0) return null;
  return {
    module: best.m,
    confidence: best.confidence,
    scores: ranked.map((s) => ({ name: s.m.name, confidence: s.confidence })),
  };
}

export async function detectInput(input: FormatInput): Promise<Detection> {
  const sample = await readDetectSample(input);
  if (!sample.isZip && sample.head.trim() === "")
    throw parseError(input.filename, "the file is empty; nothing to import");
  const found = detectSample(sample);
  if (!found) {
    const jsonError = locateBrokenJson(sample);
    if (jsonError) throw jsonError;
    throw new AppError(
      "UNSUPPORTED_FORMAT",
      `${input.filename}: not a recognised transcript format; known formats: ${formatNames().join(", ")} (pass --format to force one)`,
      {
        location: { file: input.filename },
        details: { formats: formatNames() },
      },
    );
  }
  return found;
}

/**
 * A forced format still has to fit: its own detector must see its shape in the file. Otherwise a
 * reader would skip everything it does not know and import garbage (empty arguments, lost
 * prompts), so the file is refused, naming what was expected and what the file looks like.
 */
async function forcedMisfit(input: FormatInput, forced: FormatModule): Promise<AppError | null> {
  const sample = await readDetectSample(input);
  if (!sample.isZip && sample.head.trim() === "") return null;
  if (forced.detect(sample) > 0) return null;
  const found = detectSample(sample);
  const looks = found ? `it looks like ${found.module.name} (${found.module.label})` : "no known format matches it";
  const expected = forced.expects ? `: expected ${forced.expects}` : "";
  return parseError(input.filename, `does not fit --format ${forced.name} (${forced.label})${expected}; ${looks}`, {
    offset: 0,
  });
}

/**
 * The reader's own located error wins (it says which line or field broke); a reader that would
 * produce trajectories from a file its detector rejects is stopped before the first one.
 */
async function* refuseOutput(
  parsed: AsyncIterable<ParsedTrajectory>,
  misfit: AppError,
): AsyncGenerator<ParsedTrajectory> {
  for await (const _ of parsed) throw misfit;
  throw misfit;
}

export interface ParseFileOptions {
  /** `auto` detects; otherwise a registry name. */
  format: string;
  maxDocumentBytes: number;
  archive?: ArchiveLimits;
}

/**
 * Detects (or validates the forced name) before returning, so a wrong name or an unknown format
 * fails fast; errors in the data surface while iterating, located by the parser.
 */
export async function parseFile(input: FormatInput, opts: ParseFileOptions): Promise<AsyncIterable<ParsedTrajectory>> {
  let format: FormatModule;
  if (opts.format === "auto") format = (await detectInput(input)).module;
  else {
    const forced = getFormat(opts.format);
    if (!forced) {
      throw new AppError(
        "BAD_REQUEST",
        `unknown format \`${opts.format}\`; valid formats: auto, ${formatNames().join(", ")}`,
        { details: { formats: formatNames() } },
      );
    }
    format = forced;
    const misfit = await forcedMisfit(input, forced);
    if (misfit) return refuseOutput(format.parse(input, { maxDocumentBytes: opts.maxDocumentBytes }), misfit);
  }
  return format.parse(input, { maxDocumentBytes: opts.maxDocumentBytes, archive: opts.archive });
}
