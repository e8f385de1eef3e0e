/**
 * UK AISI Inspect AI eval logs: the `.eval` zip (`header.json` or `_journal/start.json`,
 * `samples/<id>_epoch_<n>.json`, `summaries.json`, …) and the single-document `.json` log
 * (`{version, status, eval, plan, results, stats, samples}`). Every sample is one trajectory;
 * `.eval` members are read one at a time.
 */
import {
  DEFAULT_ARCHIVE_LIMITS,
  type DetectSample,
  type FormatInput,
  type FormatModule,
  type ParseOptions,
} from "@/lib/formats/types";
import type { ParsedTrajectory } from "@/lib/trajectory/types";
import { parseError } from "@/lib/formats/parse-error";
import { readJsonDocument } from "@/lib/formats/io/json-document";
import { EvalArchive, memberFile } from "@/lib/formats/inspect-ai/eval-zip";
import { inspectSampleTrajectory, type EvalHeader } from "@/lib/formats/inspect-ai/sample";
import { isRec } from "@/lib/formats/normalize/json-guards";

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

async function startsWithZipMagic(input: FormatInput): Promise<boolean> {
  const stream = input.open();
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      // The first chunk of a file stream is far longer than four bytes.
      return buf.length >= 4 && buf.subarray(0, 4).equals(ZIP_MAGIC);
    }
    return false;
  } finally {
    stream.destroy();
  }
}

async function* parseEval(input: FormatInput, opts: ParseOptions): AsyncGenerator<ParsedTrajectory> {
  const archive = await EvalArchive.open(input, opts.archive ?? DEFAULT_ARCHIVE_LIMITS);
  try {
    let header: EvalHeader | undefined;
    for (const name of ["header.json", "_journal/start.json"]) {
      if (!archive.has(name)) continue;
      const h = await archive.readJson(name, opts.maxDocumentBytes);
      if (!isRec(h) || !isRec(h.eval))
        throw parseError(
          memberFile(input, name),
          "expected the eval header {version, eval: {task, model, ...}, plan}",
          { field: "eval" },
        );
      header = h;
      break;
    }
    const samples = archive.sampleNames();
    if (!header && !samples.length) {
      throw parseError(
        input.filename,
        "the zip has no header.json, _journal/start.json or samples/ members; this is not an Inspect .eval log",
        { offset: 0 },
      );
    }
    if (!samples.length)
      throw parseError(
        input.filename,
        "the log holds no samples yet (a started or header-only run); nothing to import",
        { field: "samples/" },
      );
    for (const name of samples) {
      const sample = await archive.readJson(name, opts.maxDocumentBytes);
      yield inspectSampleTrajectory(memberFile(input, name), sample, header ?? {}, {});
    }
  } finally {
    archive.close();
  }
}

async function* parseJsonLog(input: FormatInput, opts: ParseOptions): AsyncGenerator<ParsedTrajectory> {
  const doc = await readJsonDocument(input, opts.maxDocumentBytes);
  if (!isRec(doc) || !isRec(doc.eval)) {
    throw parseError(
      input.filename,
      "expected an Inspect eval log {version, status, eval: {...}, samples: [...]}",
      isRec(doc) ? { field: "eval" } : { offset: 0 },
    );
  }
  const samples = doc.samples;
  if (samples !== undefined && !Array.isArray(samples))
    throw parseError(input.filename, "expected `samples` to be an array", { field: "samples" });
  if (!samples || !samples.length)
    throw parseError(
      input.filename,
      "the log holds no samples (written without samples, or not finished); nothing to import",
      { field: "samples" },
    );
  const header: EvalHeader = {
    version: doc.version,
    status: doc.status,
    eval: doc.eval,
    plan: doc.plan,
    results: doc.results,
    stats: doc.stats,
  };
  for (let i = 0; i < samples.length; i++)
    yield inspectSampleTrajectory(input.filename, samples[i], header, { field: `samples[${i}]` });
}

async function* parse(input: FormatInput, opts: ParseOptions): AsyncGenerator<ParsedTrajectory> {
  if (/\.eval$/i.test(input.filename) || (await startsWithZipMagic(input))) yield* parseEval(input, opts);
  else yield* parseJsonLog(input, opts);
}

const HEAD_JSON_LOG = /^\s*\{\s*"version"\s*:\s*\d+\s*,\s*"status"\s*:\s*"(started|success|cancelled|error)"/;
const HEAD_ZIP_MEMBER = /_journal\/start\.json|header\.json|samples\/[^\s/]+_epoch_\d+\.json/;

function detect(sample: DetectSample): number {
  if (sample.isZip) {
    // Member names show in the head when a sampler decodes zip bytes; otherwise the zip magic and
    // the extension are the evidence (no other registered format is a zip).
    if (/\.eval$/i.test(sample.filename) || HEAD_ZIP_MEMBER.test(sample.head)) return 0.95;
    return 0.5;
  }
  const doc = sample.document;
  if (doc !== undefined) {
    if (isRec(doc) && isRec(doc.eval) && typeof doc.eval.task === "string" && typeof doc.version === "number")
      return 0.95;
    return 0;
  }
  if (sample.records) return 0;
  if (HEAD_JSON_LOG.test(sample.head)) return 0.9;
  if (
    /^\s*\{/.test(sample.head) &&
    /"eval"\s*:\s*\{/.test(sample.head) &&
    /"eval_id"\s*:/.test(sample.head) &&
    /"task"\s*:/.test(sample.head)
  )
    return 0.7;
  return 0;
}

export const inspectAiFormat: FormatModule = {
  name: "inspect-ai",
  label: "Inspect AI eval log (.eval, .json)",
  detect,
  parse,
};
