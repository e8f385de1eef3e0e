/**
 * What each format module gets from the core: passes over the prepared set, files to write
 * (hashed and counted by the core), the set's value shapes (for parquet), and a way to count
 * what a format could not carry so the manifest says so.
 */
import type { LimiSample } from "@/lib/export/limi-format";
import type { ShapeCollector } from "@/lib/export/parquet/value-shape";
import type { ExportFormat, ExportOptions, ExportSample, FileWriter } from "@/lib/export/types";

export interface PreparedSample {
  sample: ExportSample;
  /** `{tools, messages}` as the `limi` export writes it (catalogue applied when asked). */
  limi: LimiSample;
  /** 0-based position in the set. */
  index: number;
  /** How findings and notes name the sample. */
  name: string;
  /** `JSON.stringify(limi)`, made once per pass and shared with the manifest's sha256. */
  json(): string;
}

export interface ExportContext {
  options: ExportOptions & { repeat: number; toolsInSystemPrompt: boolean; rowGroupSize: number };
  /** One pass over the set; each call re-opens the source. */
  samples(pass: string): AsyncIterable<PreparedSample>;
  open(path: string): Promise<FileWriter>;
  shapes: ShapeCollector;
  /** A sample (or a part of one) this format leaves out, counted by reason in the manifest. */
  skip(reason: string, sample: string): void;
  /** Something the format cannot carry, counted in the manifest's notes. */
  note(what: string, sample: string): void;
}

export interface FormatWriter {
  format: ExportFormat;
  /** The card's `configs` entry: the data files a Hugging Face loader should read. */
  dataFiles: string;
  /** Card tags describing the layout. */
  tags: readonly string[];
  /** Writes the data files; returns the number of rows written. */
  write(ctx: ExportContext): Promise<number>;
}

/** Every prepared sample `times` times over, in set order each time (LIMI's `list * n`). */
export async function* repeated(ctx: ExportContext, pass: string, times: number): AsyncGenerator<PreparedSample> {
  for (let r = 0; r < times; r++) yield* ctx.samples(times > 1 ? `${pass} (copy ${r + 1} of ${times})` : pass);
}
