/**
 * `limi record <dir>`: watches a folder (e.g. `~/.claude/projects/<project>`) and records each
 * session file that appears, or that an agent writes to after the recorder started, with a
 * FileRecorder of its own. Files are found by listing the folder (three levels deep) every
 * `pollMs`: plain stat polling, which sees atomic whole-file replacements (write to a temporary
 * file, rename) that fs.watch reports unreliably across platforms.
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { FileRecorder, type RecorderOptions } from "@/lib/cli/record/file-recorder";

const TRANSCRIPT = /\.(jsonl|json)$/i;

async function listFiles(dir: string, depth = 3): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && depth > 1) out.push(...(await listFiles(p, depth - 1)));
    else if (e.isFile() && TRANSCRIPT.test(e.name)) out.push(p);
  }
  return out;
}

export class DirectoryRecorder {
  readonly recorders = new Map<string, FileRecorder>();
  private known = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: Omit<RecorderOptions, "file">) {}

  async start(): Promise<void> {
    for (const f of await listFiles(this.opts.watched)) this.known.set(f, (await stat(f)).mtimeMs);
    this.opts.log?.(`watching ${this.opts.watched} for session files (${this.known.size} already there)`);
    this.timer = setInterval(() => void this.scan(), this.opts.pollMs ?? 500);
  }

  private async scan(): Promise<void> {
    for (const f of await listFiles(this.opts.watched)) {
      if (this.recorders.has(f)) continue;
      const mtime = (await stat(f).catch(() => null))?.mtimeMs;
      if (mtime === undefined) continue;
      const before = this.known.get(f);
      if (before !== undefined && before === mtime) continue;
      const r = new FileRecorder({ ...this.opts, file: f });
      this.recorders.set(f, r);
      this.opts.log?.(`recording ${f}`);
      r.start();
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all([...this.recorders.values()].map((r) => r.stop()));
  }
}
