/** Files held in memory: tests, the benchmark, and small previews. */
import type { ExportSink, FileWriter } from "@/lib/export/types";

export class MemorySink implements ExportSink {
  readonly files = new Map<string, Buffer>();
  committed = false;
  aborted = false;

  async open(path: string): Promise<FileWriter> {
    const chunks: Buffer[] = [];
    return {
      write: async (chunk) => void chunks.push(Buffer.from(chunk)),
      close: async () => void this.files.set(path, Buffer.concat(chunks)),
    };
  }

  async commit(): Promise<void> {
    this.committed = true;
  }

  async abort(): Promise<void> {
    this.aborted = true;
    this.files.clear();
  }

  text(path: string): string {
    const b = this.files.get(path);
    if (!b) throw new Error(`no file ${path} in the export (files: ${[...this.files.keys()].join(", ")})`);
    return b.toString("utf8");
  }
}

/** Counts and discards: the benchmark measures writing without keeping the bytes. */
export class CountingSink implements ExportSink {
  bytes = 0;
  async open(): Promise<FileWriter> {
    return { write: async (c) => void (this.bytes += c.length), close: async () => {} };
  }
  async commit(): Promise<void> {}
  async abort(): Promise<void> {}
}
