/**
 * The export core's entry point. Pass 1 reads the whole set: per-sample checks, the value shapes
 * of `{tools, messages}` (one type per argument name; the parquet schema) and the statistics;
 * any problem refuses the export before a file is opened. Then the format writes its data files
 * (one pass over the source each, so memory holds a row group or a line, not the set), then
 * `manifest.json` and the dataset card. Every file is hashed as it is written. On any failure
 * the sink is aborted, so nothing partial is left.
 */
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import { datasetCard } from "@/lib/export/dataset-card";
import type { ExportContext, FormatWriter, PreparedSample } from "@/lib/export/format-writer";
import { toLimiSample, type LimiSample } from "@/lib/export/limi-format";
import { ShapeCollector } from "@/lib/export/parquet/value-shape";
import { addToStats, emptyStats } from "@/lib/export/set-stats";
import { withToolCatalogue } from "@/lib/export/tool-catalogue";
import {
  type ExportFormat,
  type ExportedFile,
  type ExportOptions,
  type ExportResult,
  type ExportSample,
  type ExportSink,
  type FileWriter,
  type Manifest,
  type ManifestSample,
  type SampleSource,
} from "@/lib/export/types";
import { conflictProblems, refuse, sampleProblems, type SetProblem } from "@/lib/export/validate-set";
import { atifWriter } from "@/lib/export/writers/atif";
import { dpoWriter } from "@/lib/export/writers/dpo";
import { hfMessagesWriter } from "@/lib/export/writers/hf-messages";
import { limiWriter } from "@/lib/export/writers/limi";
import { openaiWriter } from "@/lib/export/writers/openai";
import { prmWriter } from "@/lib/export/writers/prm";
import { sharegptWriter } from "@/lib/export/writers/sharegpt";

const WRITERS: Record<ExportFormat, FormatWriter> = {
  limi: limiWriter,
  openai: openaiWriter,
  sharegpt: sharegptWriter,
  "hf-messages": hfMessagesWriter,
  atif: atifWriter,
  dpo: dpoWriter,
  prm: prmWriter,
};

export { parseExportFormat } from "@/lib/export/export-format";

const MAX_REPEAT = 100;
const NOTE_NAMES = 5;

const sampleName = (s: ExportSample) => s.meta.trajectoryId;

function prepareLimi(sample: ExportSample, toolsInSystemPrompt: boolean): LimiSample {
  const limi = toLimiSample(sample.tools, sample.steps);
  return toolsInSystemPrompt ? withToolCatalogue(limi) : limi;
}

function checkOptions(format: ExportFormat, options: ExportOptions): void {
  const repeat = options.repeat ?? 1;
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > MAX_REPEAT)
    throw new AppError("BAD_REQUEST", `repeat must be a whole number from 1 to ${MAX_REPEAT}, got ${repeat}`, {
      location: { field: "repeat" },
    });
  if (format !== "limi" && (repeat !== 1 || options.toolsInSystemPrompt))
    throw new AppError("BAD_REQUEST", "repeat and toolsInSystemPrompt are options of the limi format only", {
      location: { field: "format" },
    });
  if (!options.name.trim())
    throw new AppError("BAD_REQUEST", "the dataset needs a name", { location: { field: "name" } });
  const rg = options.rowGroupSize ?? 16;
  if (!Number.isInteger(rg) || rg < 1)
    throw new AppError("BAD_REQUEST", `rowGroupSize must be a positive whole number, got ${rg}`, {
      location: { field: "rowGroupSize" },
    });
}

/**
 * Exports `source` as `format` into `sink`. Returns the files written (data files, then
 * `manifest.json`, then `README.md`) with their size and sha256, and the manifest.
 * Throws AppError VALIDATION (nothing written) when the set cannot be exported as asked.
 */
export async function exportSamples(
  source: SampleSource,
  format: ExportFormat,
  options: ExportOptions,
  sink: ExportSink,
): Promise<ExportResult> {
  checkOptions(format, options);
  const writer = WRITERS[format];
  const opts = {
    ...options,
    repeat: options.repeat ?? 1,
    toolsInSystemPrompt: options.toolsInSystemPrompt ?? false,
    rowGroupSize: options.rowGroupSize ?? 16,
  };
  const progress = (pass: string, done: number) => options.onProgress?.({ pass, done });

  // Pass 1: validate, infer shapes, gather statistics and the manifest's per-sample entries.
  const shapes = new ShapeCollector();
  const stats = emptyStats();
  const samples: ManifestSample[] = [];
  const problems: SetProblem[] = [];
  const seen = new Set<string>();
  for await (const sample of source.open()) {
    const name = sampleName(sample);
    const key = `${name}@${sample.meta.revision}`;
    if (seen.has(key))
      problems.push({ sample: name, message: `sample ${name} revision ${sample.meta.revision} is in the set twice` });
    seen.add(key);
    problems.push(...sampleProblems(sample, name, format));
    const limi = prepareLimi(sample, opts.toolsInSystemPrompt);
    shapes.add("tools", limi.tools, name);
    shapes.add("messages", limi.messages, name);
    addToStats(stats, sample, limi);
    const m = sample.meta;
    samples.push({
      trajectoryId: m.trajectoryId,
      revision: m.revision,
      domain: m.domain ?? null,
      query: m.query ? { text: m.query.text, source: m.query.source ?? null } : null,
      tokens: m.tokens ?? null,
      scores: m.scores ?? null,
      // Filled in the first write pass, from the JSON the limi writer makes anyway.
      sha256: "",
    });
    progress("validate", samples.length);
  }
  if (samples.length === 0) problems.push({ message: "the set is empty" });
  problems.push(...conflictProblems(shapes.conflicts(), format));
  if (problems.length > 0) {
    await sink.abort();
    refuse(problems);
  }

  const files: ExportedFile[] = [];
  const skipped = new Map<string, Set<string>>();
  const notes = new Map<string, { count: number; names: string[] }>();
  const paths = new Set<string>();
  const open = async (path: string): Promise<FileWriter> => {
    if (paths.has(path)) throw new Error(`export wrote ${path} twice`);
    paths.add(path);
    const inner = await sink.open(path);
    const hash = createHash("sha256");
    let bytes = 0;
    return {
      async write(chunk) {
        hash.update(chunk);
        bytes += chunk.length;
        await inner.write(chunk);
      },
      async close() {
        await inner.close();
        files.push({ path, bytes, sha256: hash.digest("hex") });
      },
    };
  };
  const ctx: ExportContext = {
    options: opts,
    shapes,
    open,
    async *samples(pass: string): AsyncGenerator<PreparedSample> {
      let index = 0;
      for await (const sample of source.open()) {
        if (index >= samples.length || samples[index].trajectoryId !== sample.meta.trajectoryId)
          throw new Error(`the sample source changed between passes (at sample ${index + 1}, pass ${pass})`);
        const limi = prepareLimi(sample, opts.toolsInSystemPrompt);
        let json: string | undefined;
        const prepared: PreparedSample = {
          sample,
          limi,
          index,
          name: sampleName(sample),
          json: () => (json ??= JSON.stringify(limi)),
        };
        yield prepared;
        const entry = samples[index];
        if (!entry.sha256) entry.sha256 = createHash("sha256").update(prepared.json()).digest("hex");
        index++;
        progress(pass, index);
      }
      if (index !== samples.length) throw new Error(`the sample source changed between passes (pass ${pass})`);
    },
    skip(reason, sample) {
      let s = skipped.get(reason);
      if (!s) skipped.set(reason, (s = new Set()));
      s.add(sample);
    },
    note(what, sample) {
      let n = notes.get(what);
      if (!n) notes.set(what, (n = { count: 0, names: [] }));
      if (n.names.includes(sample)) return;
      n.count++;
      if (n.names.length < NOTE_NAMES) n.names.push(sample);
    },
  };

  try {
    const rows = await writer.write(ctx);
    const manifest: Manifest = {
      format,
      name: options.name,
      project: options.project ?? null,
      release: options.release ?? null,
      unreleased: !options.release,
      selection: options.selection ?? null,
      options: { toolsInSystemPrompt: opts.toolsInSystemPrompt, repeat: opts.repeat },
      counts: {
        samples: samples.length,
        rows,
        skipped: Object.fromEntries([...skipped.entries()].map(([k, v]) => [k, v.size])),
      },
      notes: [...notes.entries()].map(
        ([what, n]) => `${what}: ${n.count} (${n.names.join(", ")}${n.count > n.names.length ? ", …" : ""})`,
      ),
      files: [...files],
      samples,
    };
    const enc = (s: string) => Buffer.from(s, "utf8");
    const m = await open("manifest.json");
    await m.write(enc(`${JSON.stringify(manifest, null, 2)}\n`));
    await m.close();
    const card = await open("README.md");
    await card.write(enc(datasetCard(manifest, stats, writer, options)));
    await card.close();
    await sink.commit();
    return { files, manifest };
  } catch (e) {
    await sink.abort();
    throw e;
  }
}
