/**
 * Random-access reading of an Inspect `.eval` archive: the central directory is listed once and
 * members are inflated one at a time, so a multi-GB log never sits in memory whole. An archive is
 * bounded before anything is inflated: its member count and the inflated size its directory
 * declares (yauzl checks while inflating that no member yields more than it declared), so a small
 * zip cannot expand to gigabytes.
 */
import yauzl, { type Entry, type ZipFile } from "yauzl";
import type { ArchiveLimits, FormatInput } from "@/lib/formats/types";
import { parseError } from "@/lib/formats/parse-error";
import { jsonErrorReason } from "@/lib/formats/io/json-lines";
import { formatBytes, locateJsonError } from "@/lib/formats/io/json-document";
import { AppError } from "@/lib/errors/app-error";

export class EvalArchive {
  private constructor(
    private readonly input: FormatInput,
    private readonly zip: ZipFile,
    readonly entries: Map<string, Entry>,
  ) {}

  static async open(input: FormatInput, limits: ArchiveLimits): Promise<EvalArchive> {
    if (!input.path) {
      throw new AppError(
        "BAD_REQUEST",
        `${input.filename}: an Inspect .eval archive is read by random access and needs a file on disk; save the upload to a file first`,
        {
          location: { file: input.filename },
        },
      );
    }
    let zip: ZipFile;
    try {
      zip = await yauzl.openPromise(input.path, { autoClose: false, lazyEntries: true });
    } catch (e) {
      throw zipError(input, e);
    }
    if (zip.entryCount > limits.maxMembers) {
      zip.close();
      throw new AppError(
        "PAYLOAD_TOO_LARGE",
        `${input.filename}: the archive has ${zip.entryCount} members, over the limit of ${limits.maxMembers} (IMPORT_MAX_ARCHIVE_MEMBERS)`,
        { location: { file: input.filename } },
      );
    }
    const entries = new Map<string, Entry>();
    let inflated = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        entries.set(entry.fileName, entry);
        inflated += entry.uncompressedSize;
        if (inflated > limits.maxInflatedBytes) {
          zip.close();
          throw new AppError(
            "PAYLOAD_TOO_LARGE",
            `${input.filename}: the archive inflates to more than ${formatBytes(limits.maxInflatedBytes)} (IMPORT_MAX_ARCHIVE_MB); at ${entry.fileName} it reached ${formatBytes(inflated)}`,
            { location: { file: input.filename, field: entry.fileName } },
          );
        }
      }
    } catch (e) {
      zip.close();
      if (e instanceof AppError) throw e;
      throw zipError(input, e);
    }
    return new EvalArchive(input, zip, entries);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Member names under `samples/`, in natural order (`2_epoch_1` before `10_epoch_1`). */
  sampleNames(): string[] {
    return [...this.entries.keys()]
      .filter((n) => n.startsWith("samples/") && n.endsWith(".json"))
      .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  }

  /** Inflates and parses one member; refuses members over `maxBytes` before reading them. */
  async readJson(name: string, maxBytes: number): Promise<unknown> {
    const entry = this.entries.get(name);
    const file = memberFile(this.input, name);
    if (!entry) throw parseError(this.input.filename, `the archive has no member ${name}`, { field: name });
    if (entry.uncompressedSize > maxBytes) {
      throw new AppError(
        "PAYLOAD_TOO_LARGE",
        `${file}: the member is ${formatBytes(entry.uncompressedSize)}, over the ${formatBytes(maxBytes)} limit for one JSON document`,
        {
          location: { file },
        },
      );
    }
    const chunks: Buffer[] = [];
    try {
      const stream = await this.zip.openReadStreamPromise(entry);
      for await (const chunk of stream) chunks.push(chunk as Buffer);
    } catch (e) {
      throw parseError(file, `the member cannot be inflated (${jsonErrorReason(e)}); the archive is corrupt`, {
        offset: entry.relativeOffsetOfLocalHeader,
      });
    }
    const text = Buffer.concat(chunks).toString("utf8");
    try {
      return JSON.parse(text);
    } catch (e) {
      const { line, offset } = locateJsonError(text, e);
      throw parseError(file, `invalid JSON (${jsonErrorReason(e)})`, line ? { line } : { offset });
    }
  }

  close(): void {
    this.zip.close();
  }
}

/** How messages name a member: `run.eval member samples/1_epoch_1.json`. */
export function memberFile(input: FormatInput, name: string): string {
  return `${input.filename} member ${name}`;
}

function zipError(input: FormatInput, e: unknown): AppError {
  const reason = jsonErrorReason(e);
  // yauzl names the offset of a bad structure in hex; a missing end record is searched at the end.
  const hex = /0x([0-9a-f]+)/i.exec(reason);
  const offset = hex ? parseInt(hex[1], 16) : input.size;
  return parseError(
    input.filename,
    `not a readable zip archive (${reason}); expected an Inspect .eval log (a zip of JSON members)`,
    { offset },
  );
}
