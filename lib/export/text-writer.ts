/**
 * Text into a `FileWriter` in chunks of about 1 MB: one `write` per line would be slow, one per
 * file would hold a 10,000-sample export in memory.
 */
import type { FileWriter } from "@/lib/export/types";

const CHUNK_CHARS = 1 << 20;

export class TextWriter {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly out: FileWriter) {}

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= CHUNK_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = Buffer.from(this.parts.join(""), "utf8");
    this.parts = [];
    this.size = 0;
    await this.out.write(chunk);
  }
}
