/**
 * The export core's contract. A release export job (or the CLI) hands in a re-openable source of
 * samples (each a pinned revision in canonical form plus its metadata), a format and a sink; the
 * core validates the whole set first, then writes each file in turn and returns the file list
 * with sha256. Nothing here reads the database: the job is a thin wrapper around `exportSamples`.
 */
import type { ParsedStep, ToolDefinition } from "@/lib/trajectory/types";

/** A canonical step with its stable key (the key is what DPO pairs and PRM labels refer to). */
export type ExportStep = ParsedStep & { key: string };

/** Per-sample metadata the job reads from the release; it goes to `manifest.json` and the card. */
export interface SampleMeta {
  trajectoryId: string;
  revision: number;
  domain?: string;
  query?: { text: string; source?: string };
  /** Token counts: by the project's tokenizer, and exactly under the chat template when known. */
  tokens?: { tokenizer?: string; count?: number; template?: string; templateCount?: number };
  /** Reviewers' scores, as the review module records them (reviewer → score). */
  scores?: Record<string, number>;
}

export interface ExportSample {
  meta: SampleMeta;
  tools: readonly ToolDefinition[];
  /** The pinned (approved) revision's steps. */
  steps: readonly ExportStep[];
  /** Revision 1 of the same trajectory: only `dpo` reads it. */
  firstRevisionSteps?: readonly ExportStep[];
  /** The first-error step key (adjudicated, else unanimous), null when there is none: only `prm` reads it. */
  firstErrorStepKey?: string | null;
}

/**
 * Where the samples come from. `open` is called once per pass (validation, then one pass per
 * data file), so 10,000 samples are never held in memory at once; each pass must yield the same
 * samples in the same order (a release pins revisions, so a database cursor does).
 */
export interface SampleSource {
  open(): AsyncIterable<ExportSample>;
}

export const EXPORT_FORMATS = ["limi", "openai", "sharegpt", "hf-messages", "atif", "dpo", "prm"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  /** Dataset name used in the card, the sharegpt `dataset_info.json` entry and file names. */
  name: string;
  /** `limi`: append LIMI's plain-text tool catalogue to the system prompt. */
  toolsInSystemPrompt?: boolean;
  /** `limi`: repeat the set N times in the data files (LIMI used 2). Default 1. */
  repeat?: number;
  /** What the set is: a release (number, approver, notes) or an ad-hoc `--ids` set (unreleased). */
  release?: { number: number; approvedBy?: string; notes?: string; createdAt?: string } | null;
  project?: { slug: string; name?: string };
  /** The release's selection criteria (target size, quotas, token rule), shown in the card. */
  selection?: { targetSize?: number; quotas?: Record<string, number>; maxTokens?: number; notes?: string };
  /** Card front matter extras. */
  license?: string;
  tags?: readonly string[];
  /** Rows per parquet row group (default 16, a few MB at LIMI sizes): bounds memory while streaming. */
  rowGroupSize?: number;
  /** Called after each sample of each pass. */
  onProgress?: (p: ExportProgress) => void;
}

export interface ExportProgress {
  pass: string;
  done: number;
}

/** One file being written; the core writes files one at a time, in a fixed order. */
export interface FileWriter {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** A directory, a zip stream, memory in tests. `commit` makes the files visible; `abort` leaves nothing. */
export interface ExportSink {
  open(path: string): Promise<FileWriter>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export interface ExportedFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface ExportResult {
  files: ExportedFile[];
  manifest: Manifest;
}

export interface ManifestSample {
  trajectoryId: string;
  revision: number;
  domain: string | null;
  query: { text: string; source: string | null } | null;
  tokens: SampleMeta["tokens"] | null;
  scores: Record<string, number> | null;
  /** sha256 of the sample's `{tools, messages}` JSON (as in the `limi` export, before repetition). */
  sha256: string;
}

export interface Manifest {
  format: ExportFormat;
  name: string;
  project: { slug: string; name?: string } | null;
  release: { number: number; approvedBy?: string; notes?: string; createdAt?: string } | null;
  unreleased: boolean;
  selection: ExportOptions["selection"] | null;
  options: { toolsInSystemPrompt: boolean; repeat: number };
  counts: { samples: number; rows: number; skipped: Record<string, number> };
  /** Lossy conversions, counted (e.g. sharegpt has no place for text beside a tool call). */
  notes: string[];
  files: ExportedFile[];
  samples: ManifestSample[];
}
