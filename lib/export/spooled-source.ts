/**
 * A source read from the database once per export. The export core opens its source once per pass
 * (validation, then each data file: three reads for `limi`), and reading a release's steps is the
 * largest cost of an export from the database; so the first complete pass writes each sample as
 * one JSON line to a spool file beside the export, and every later pass reads that file instead.
 * Memory still holds one sample at a time; the file is as large as the set's JSON and is removed
 * with `dispose()`. A first pass that stops early (a refused set) leaves the spool incomplete, and
 * the next `open()` reads the database again.
 */
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { ExportSample, SampleSource } from "@/lib/export/types";

function writeLine(stream: WriteStream, line: string): Promise<void> {
  return new Promise((ok, fail) => {
    stream.write(line, (err) => (err ? fail(err) : ok()));
  });
}

const closeStream = (stream: WriteStream) =>
  new Promise<void>((ok, fail) => stream.end((err?: Error | null) => (err ? fail(err) : ok())));

export interface SpooledSource extends SampleSource {
  dispose(): Promise<void>;
}

export function spooledSource(inner: SampleSource, file: string): SpooledSource {
  let complete = false;

  async function* fromInner(): AsyncGenerator<ExportSample> {
    const out = createWriteStream(file);
    let ended = false;
    try {
      for await (const sample of inner.open()) {
        // JSON (not v8.serialize): samples are JSON from the store, and JSON.parse is the faster reader.
        await writeLine(out, `${JSON.stringify(sample)}\n`);
        yield sample;
      }
      await closeStream(out);
      ended = true;
      complete = true;
    } finally {
      if (!ended) out.destroy();
    }
  }

  async function* fromSpool(): AsyncGenerator<ExportSample> {
    const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
    try {
      for await (const line of lines) if (line) yield JSON.parse(line) as ExportSample;
    } finally {
      lines.close();
    }
  }

  return {
    open: () => (complete ? fromSpool() : fromInner()),
    async dispose() {
      complete = false;
      await rm(file, { force: true });
    },
  };
}
