/**
 * `limi record` for one transcript file: follows it as the agent writes it, journals every step
 * (lib/cli/record/record-journal.ts) and streams it as a live session. The loop is one promise
 * chain, so reading, journalling and sending never interleave:
 *   file changed → snapshot (the import's parser) → diff with what was sent → journal → send
 * Sending resumes from the server's acknowledged sequence number after any reconnect. Stopping
 * reads the file a last time with nothing held back, waits until the server has every step and
 * ends the session (revision 1, and revision 2 when the source rewrote sent steps).
 */
import { stat } from "node:fs/promises";
import type { ParsedStep } from "@/lib/trajectory/types";
import { readSnapshot } from "@/lib/cli/record/transcript-snapshot";
import { diffSteps } from "@/lib/cli/record/step-diff";
import { RecordJournal } from "@/lib/cli/record/record-journal";
import { AgentError, connectAgent, type AgentConnection } from "@/lib/cli/record/agent-connection";

export interface RecorderOptions {
  file: string;
  server: string;
  apiKey: string;
  format: string;
  queryId?: string;
  journalRoot: string;
  /** The file or directory being watched (the journal may not be inside it). */
  watched: string;
  pollMs?: number;
  heartbeatMs?: number;
  log?: (line: string) => void;
}

const MAX_BATCH_STEPS = 100;
const MAX_BATCH_BYTES = 700 * 1024;

interface StepsReply {
  ack: number;
  gap: { expected: number } | null;
}

export class FileRecorder {
  readonly journal: RecordJournal;
  private conn: AgentConnection | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private ack = 0;
  private pending = new Map<number, ParsedStep | null>();
  private lastSize = -1;
  private lastMtime = 0;
  private timers: NodeJS.Timeout[] = [];
  private meta: { agent?: string; model?: string; cwd?: string; title?: string; tools: unknown[] } = { tools: [] };
  private stopped = false;
  readonly log: (line: string) => void;

  constructor(private readonly opts: RecorderOptions) {
    this.journal = new RecordJournal(opts.journalRoot, opts.file, opts.watched);
    this.log = opts.log ?? ((l) => process.stdout.write(`${l}\n`));
  }

  get session(): string {
    return this.journal.state.session;
  }

  start(): void {
    const conn = connectAgent(this.opts.server, this.opts.apiKey);
    this.conn = conn;
    conn.socket.on("connect", () => void this.enqueue(() => this.resume()));
    conn.socket.on("connect_error", (e) => this.log(`server not reachable (${e.message}); retrying`));
    conn.socket.on("feedback", (f: { author: string; text: string }) => {
      const where = this.journal.feedback(`[${new Date().toISOString()}] ${f.author}: ${f.text}`);
      this.log(`feedback from ${f.author}: ${f.text}  (also in ${where})`);
    });
    conn.socket.on("control", (c: { control: string; by: string }) =>
      this.log(
        `${c.by} asked to ${c.control === "running" ? "resume" : c.control === "paused" ? "pause" : "stop"}; a file recorder cannot steer the agent`,
      ),
    );
    this.timers.push(setInterval(() => void this.poll(), this.opts.pollMs ?? 250));
    this.timers.push(
      setInterval(
        () =>
          void this.enqueue(async () => {
            if (this.conn?.socket.connected && this.journal.state.opened)
              await this.conn.request("session:heartbeat", { session: this.session }).catch(() => undefined);
          }),
        this.opts.heartbeatMs ?? 10_000,
      ),
    );
    void this.poll();
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch((e: unknown) => this.log(`recorder: ${e instanceof Error ? e.message : String(e)}`));
    return run;
  }

  private async poll(): Promise<void> {
    const s = await stat(this.opts.file).catch(() => null);
    if (!s || (s.size === this.lastSize && s.mtimeMs === this.lastMtime)) return;
    this.lastSize = s.size;
    this.lastMtime = s.mtimeMs;
    await this.enqueue(() => this.sync(false));
  }

  /** Reads the file, journals new steps and rewrites, and sends what the server lacks. */
  private async sync(final: boolean): Promise<void> {
    const snap = await readSnapshot(this.opts.file, this.journal.state.format ?? this.opts.format);
    if (snap) {
      if (!this.journal.state.format) {
        this.journal.state.format = snap.format;
        this.journal.save();
      }
      const src = snap.trajectory.source;
      this.meta = {
        agent: src.agent,
        model: src.model,
        cwd: src.cwd,
        title: snap.trajectory.title,
        tools: snap.trajectory.tools,
      };
      const diff = diffSteps(this.journal.steps, snap.trajectory.steps, final);
      for (const r of diff.rewrites) {
        this.journal.rewrite(r.index + 1, r.step);
        this.pending.set(r.index + 1, r.step);
      }
      for (const step of diff.fresh) this.journal.append(step);
    }
    await this.send();
  }

  private async resume(): Promise<void> {
    if (!this.conn?.socket.connected || this.journal.state.ended) return;
    if (this.journal.state.opened) {
      const r = await this.conn.request<{ ack: number }>("session:resume", { session: this.session });
      this.ack = r.ack;
      this.log(`resumed session ${this.session} at step ${r.ack}`);
      // Rewrites not yet known to be stored are sent again (the server ignores unchanged ones).
      this.journal.steps.forEach((s, i) => {
        if (JSON.stringify(s) !== JSON.stringify(this.journal.sentAs[i])) this.pending.set(i + 1, s);
      });
    }
    await this.send();
  }

  private async open(): Promise<void> {
    if (!this.conn || this.journal.state.opened || !this.journal.state.format) return;
    try {
      await this.conn.request("session:open", {
        session: this.session,
        format: this.journal.state.format,
        ...(this.meta.agent ? { agent: this.meta.agent } : {}),
        ...(this.meta.model ? { model: this.meta.model } : {}),
        ...(this.meta.cwd ? { cwd: this.meta.cwd } : {}),
        ...(this.meta.title ? { title: this.meta.title.slice(0, 500) } : {}),
        ...(this.opts.queryId ? { queryId: this.opts.queryId } : {}),
        tools: this.meta.tools,
        feedback: "print",
      });
      this.log(`session ${this.session} opened for ${this.opts.file}`);
    } catch (e) {
      // Opened before the answer was lost: resume instead.
      if (!(e instanceof AgentError && e.code === "CONFLICT")) throw e;
      this.ack = (await this.conn.request<{ ack: number }>("session:resume", { session: this.session })).ack;
    }
    this.journal.state.opened = true;
    this.journal.save();
  }

  private async send(): Promise<void> {
    const conn = this.conn;
    if (!conn?.socket.connected || this.journal.state.ended) return;
    await this.open();
    if (!this.journal.state.opened) return;
    const total = this.journal.sentAs.length;
    while (this.ack < total || this.pending.size) {
      const steps: Array<{ seq: number; step: ParsedStep }> = [];
      let bytes = 0;
      for (let seq = this.ack + 1; seq <= total && steps.length < MAX_BATCH_STEPS; seq++) {
        const step = this.journal.sentAs[seq - 1];
        bytes += JSON.stringify(step).length;
        if (steps.length && bytes > MAX_BATCH_BYTES) break;
        steps.push({ seq, step });
      }
      const upTo = steps.at(-1)?.seq ?? this.ack;
      const rewrites = [...this.pending].filter(([seq]) => seq <= upTo).map(([seq, step]) => ({ seq, step }));
      const r = await conn.request<StepsReply>("session:steps", { session: this.session, steps, rewrites });
      this.ack = r.ack;
      for (const w of rewrites) if (w.seq <= r.ack) this.pending.delete(w.seq);
      if (r.gap) this.ack = r.gap.expected - 1;
      if (!steps.length && !rewrites.length) break;
    }
  }

  /** Reads the file a last time, sends everything and ends the session. */
  async stop(opts: { timeoutMs?: number } = {}): Promise<{ trajectoryId: string | null; revision: number | null }> {
    if (this.stopped) return { trajectoryId: this.journal.state.trajectoryId, revision: null };
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
    await this.enqueue(() => this.sync(true));
    for (;;) {
      const done = await this.enqueue(async () => {
        if (!this.conn?.socket.connected) return null;
        await this.send();
        if (this.ack < this.journal.sentAs.length || this.pending.size) return null;
        return this.conn.request<{ trajectoryId: string | null; revision: number | null }>("session:end", {
          session: this.session,
        });
      }).catch(() => null);
      if (done) {
        this.journal.state.ended = true;
        this.journal.state.trajectoryId = done.trajectoryId;
        this.journal.save();
        this.conn?.close();
        this.log(`session ${this.session} ended: trajectory ${done.trajectoryId ?? "(no steps)"}`);
        return done;
      }
      if (Date.now() > deadline) {
        this.conn?.close();
        throw new Error(
          `could not reach the server to end session ${this.session}; the journal in ${this.journal.dir} keeps every step — run the recorder again to finish`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
