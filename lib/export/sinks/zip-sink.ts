/**
 * A deterministic zip streamed to a Node writable (the download): entries in the order the core
 * writes them, every entry dated 1980-01-01 00:00 (the zip epoch; fflate reads the date in local
 * time, so it is built from local fields and comes out the same in every time zone), deflate
 * level 6. Entries are written one after another, so only one file's compressor is live.
 */
import type { Writable } from "node:stream";
import { once } from "node:events";
import { Zip, ZipDeflate } from "fflate";
import type { ExportSink, FileWriter } from "@/lib/export/types";

const ZIP_EPOCH = () => new Date(1980, 0, 1, 0, 0, 0);

export class ZipSink implements ExportSink {
  private readonly zip: Zip;
  private failure: Error | null = null;
  private ended: Promise<void>;

  constructor(private readonly out: Writable) {
    let finish!: () => void;
    this.ended = new Promise((ok) => (finish = ok));
    this.zip = new Zip((err, data, final) => {
      if (err) {
        this.failure = err;
        return;
      }
      out.write(data);
      if (final) finish();
    });
  }

  private async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.out.writableNeedDrain) await once(this.out, "drain");
  }

  async open(path: string): Promise<FileWriter> {
    const entry = new ZipDeflate(path, { level: 6 });
    entry.mtime = ZIP_EPOCH();
    this.zip.add(entry);
    return {
      write: async (chunk) => {
        entry.push(chunk, false);
        await this.drain();
      },
      close: async () => {
        entry.push(new Uint8Array(0), true);
        await this.drain();
      },
    };
  }

  async commit(): Promise<void> {
    this.zip.end();
    await this.ended;
    if (this.failure) throw this.failure;
    await new Promise<void>((ok, fail) => this.out.end((err?: Error | null) => (err ? fail(err) : ok())));
  }

  async abort(): Promise<void> {
    this.zip.terminate();
    this.out.destroy(new Error("export aborted"));
  }
}
