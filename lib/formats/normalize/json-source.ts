/**
 * Dataset-style formats (OpenAI chat, HF messages, ShareGPT, Anthropic and Responses bodies) come
 * either as one JSON document or as JSONL. The first non-blank line decides: when it is a complete
 * JSON value the file is streamed line by line, otherwise it is read as one capped document.
 */
import type { FormatInput } from "@/lib/formats/types";
import { readJsonLines, stripBom, type JsonLine } from "@/lib/formats/io/json-lines";
import { readJsonDocument } from "@/lib/formats/io/json-document";
import { parseError } from "@/lib/formats/parse-error";
import type { Where } from "@/lib/formats/normalize/finalize";

export type JsonSource = { kind: "document"; value: unknown } | { kind: "lines"; lines: AsyncGenerator<JsonLine> };

export async function openJsonSource(input: FormatInput, maxDocumentBytes: number): Promise<JsonSource> {
  const first = await firstLine(input, maxDocumentBytes);
  if (first !== null) {
    try {
      JSON.parse(first);
      return { kind: "lines", lines: readJsonLines(input) };
    } catch {
      // Not a complete value on its own line: a pretty-printed document (or garbage, which the
      // document reader reports with its position).
    }
  }
  return { kind: "document", value: await readJsonDocument(input, maxDocumentBytes) };
}

/** The first non-blank line, or null when there is none or it is longer than `cap` bytes. */
async function firstLine(input: FormatInput, cap: number): Promise<string | null> {
  const stream = input.open();
  let parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      let buf = chunk as Buffer;
      let nl = buf.indexOf(10);
      while (nl !== -1) {
        const line = stripBom(Buffer.concat([...parts, buf.subarray(0, nl)]).toString("utf8"));
        if (line.trim() !== "") return line;
        parts = [];
        size = 0;
        buf = buf.subarray(nl + 1);
        nl = buf.indexOf(10);
      }
      parts.push(buf);
      size += buf.length;
      if (size > cap) return null;
    }
    const rest = stripBom(Buffer.concat(parts).toString("utf8"));
    return rest.trim() === "" ? null : rest;
  } finally {
    stream.destroy();
  }
}

export interface SampleUnit {
  value: unknown;
  line?: number;
}

/**
 * One trajectory's worth of input: either a whole sample object (a request, a dataset row) or a
 * run of units (bare messages/items, one per array element or JSONL line) that form one trajectory.
 */
export type Sample =
  { kind: "sample"; value: unknown; where: Where } | { kind: "units"; units: SampleUnit[]; where: Where };

/**
 * Streams samples out of a document or JSONL file. `isUnit` tells a bare message/item (grouped
 * into a single trajectory) from a sample object (its own trajectory).
 */
export async function* readSamples(
  input: FormatInput,
  maxDocumentBytes: number,
  isUnit: (v: unknown) => boolean,
  expected: string,
): AsyncGenerator<Sample> {
  let count = 0;
  for await (const s of samplesOf(input, maxDocumentBytes, isUnit)) {
    count++;
    yield s;
  }
  if (!count) throw parseError(input.filename, `found no samples; expected ${expected}`);
}

async function* samplesOf(
  input: FormatInput,
  maxDocumentBytes: number,
  isUnit: (v: unknown) => boolean,
): AsyncGenerator<Sample> {
  const src = await openJsonSource(input, maxDocumentBytes);
  if (src.kind === "document") {
    yield* documentSamples(src.value, {}, isUnit);
    return;
  }
  let units: SampleUnit[] = [];
  let firstUnitLine = 0;
  for await (const { line, value } of src.lines) {
    if (isUnit(value)) {
      if (!units.length) firstUnitLine = line;
      units.push({ value, line });
      continue;
    }
    yield* documentSamples(value, { line }, isUnit);
  }
  if (units.length) {
    yield { kind: "units", units, where: { line: firstUnitLine } };
    units = [];
  }
}

function* documentSamples(value: unknown, where: Where, isUnit: (v: unknown) => boolean): Generator<Sample> {
  if (!Array.isArray(value)) {
    yield { kind: "sample", value, where };
    return;
  }
  if (value.length && isUnit(value[0])) {
    yield { kind: "units", units: value.map((v) => ({ value: v, line: where.line })), where };
    return;
  }
  for (let i = 0; i < value.length; i++) {
    yield { kind: "sample", value: value[i], where: { ...where, field: `[${i}]` } };
  }
}
