/**
 * The contract every transcript format module fulfils. A module detects its format from a small
 * sample (never the whole file) and parses a file into one or more canonical trajectories,
 * streaming where the format is line-based.
 */
import type { Readable } from "node:stream";
import type { ParsedTrajectory } from "@/lib/trajectory/types";

export interface FormatInput {
  /** The name shown in messages: the path as the user gave it, or the upload's file name. */
  filename: string;
  /** Size in bytes. */
  size: number;
  /** Opens a fresh byte stream over the whole file; may be called more than once. */
  open(): Readable;
  /** Path on disk when there is one (zip members are read by random access through it). */
  path?: string;
  /** Receives file-level findings that belong to no trajectory (e.g. a cut-off last JSONL line). */
  warn?: (message: string) => void;
  /**
   * The longest JSONL line read (one line is one JSON document, parsed whole); longer lines are
   * refused with 413 before they are joined. The importer sets the document limit; none when absent.
   */
  maxLineBytes?: number;
}

/** What detection sees: the first bytes only. */
export interface DetectSample {
  filename: string;
  /** Up to `DETECT_HEAD_BYTES` of the file, decoded as UTF-8 (may end mid-record). */
  head: string;
  /** True when the head starts with a zip signature. */
  isZip: boolean;
  /** Complete JSON lines parsed from the head when the file looks like JSONL (else null). */
  records: unknown[] | null;
  /** The parsed document when the whole file fitted in the head and is valid JSON (else undefined). */
  document: unknown;
}

export interface ParseOptions {
  /** Whole-document JSON larger than this is refused with a clear message. */
  maxDocumentBytes: number;
  /** Archives: the inflated bytes of all members together, and the number of members. */
  archive?: ArchiveLimits;
}

export interface ArchiveLimits {
  maxInflatedBytes: number;
  maxMembers: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxInflatedBytes: 512 * 1024 * 1024, maxMembers: 20_000 };

export interface FormatModule {
  /** Stable registry name, used by `--format`. */
  name: string;
  label: string;
  /** The shape the format needs, named when a forced `--format` does not fit a file. */
  expects?: string;
  /** Confidence 0..1 that the sample is this format; 0 means "not this". */
  detect(sample: DetectSample): number;
  /**
   * Yields canonical trajectories. Must throw an AppError (via `parseError`) naming the file and
   * the line or byte offset for input it cannot read; the importer then writes nothing.
   */
  parse(input: FormatInput, opts: ParseOptions): AsyncIterable<ParsedTrajectory>;
}

export const DETECT_HEAD_BYTES = 256 * 1024;
export const DEFAULT_MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
