/**
 * Files in a directory (the CLI's `--out <dir>`). They are written into a sibling staging
 * directory and moved into place on commit, so a failed export leaves no partial files; the
 * target must not exist yet or be empty, so an export never mixes with older files.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, rmdir } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { AppError } from "@/lib/errors/app-error";
import type { ExportSink, FileWriter } from "@/lib/export/types";

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw e;
  }
}

function writeChunk(stream: WriteStream, chunk: Uint8Array): Promise<void> {
  return new Promise((ok, fail) => {
    stream.write(chunk, (err) => (err ? fail(err) : ok()));
  });
}

export class DirectorySink implements ExportSink {
  private readonly target: string;
  private readonly staging: string;
  private started = false;

  constructor(outDir: string) {
    this.target = resolve(outDir);
    this.staging = `${this.target}.partial-${process.pid}`;
  }

  async open(path: string): Promise<FileWriter> {
    if (!this.started) {
      if (!(await isEmptyOrMissing(this.target)))
        throw new AppError("CONFLICT", `The output directory ${this.target} is not empty; choose a new one`, {
          location: { file: this.target },
        });
      await rm(this.staging, { recursive: true, force: true });
      await mkdir(this.staging, { recursive: true });
      this.started = true;
    }
    const file = resolve(this.staging, path);
    if (!file.startsWith(this.staging + sep)) throw new Error(`export file path ${path} leaves the output directory`);
    await mkdir(dirname(file), { recursive: true });
    const stream = createWriteStream(file);
    return {
      write: (chunk) => writeChunk(stream, chunk),
      close: () => new Promise((ok, fail) => stream.end((err?: Error | null) => (err ? fail(err) : ok()))),
    };
  }

  async commit(): Promise<void> {
    if (!this.started) await mkdir(this.staging, { recursive: true });
    await mkdir(dirname(this.target), { recursive: true });
    await rmdir(this.target).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw e;
    });
    await rename(this.staging, this.target);
  }

  async abort(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
  }

  /** Where a committed file is. */
  pathOf(file: string): string {
    return join(this.target, file);
  }
}
