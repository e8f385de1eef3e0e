/** A buffered, synchronous file writer: generated files are written as they are produced, never held whole. */
import { closeSync, openSync, writeSync } from "node:fs";

const FLUSH_CHARS = 1 << 20;

export class FileSink {
  private readonly fd: number;
  private parts: string[] = [];
  private pending = 0;
  /** Bytes written so far (flushed). */
  bytes = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, "w");
  }

  write(s: string): void {
    this.parts.push(s);
    this.pending += s.length;
    if (this.pending >= FLUSH_CHARS) this.flush();
  }

  /** Bytes written including what is still buffered (approximate for non-ASCII text). */
  get approxBytes(): number {
    return this.bytes + this.pending;
  }

  flush(): void {
    if (!this.parts.length) return;
    const data = this.parts.join("");
    this.parts = [];
    this.pending = 0;
    this.bytes += writeSync(this.fd, data);
  }

  close(): number {
    this.flush();
    closeSync(this.fd);
    return this.bytes;
  }
}
