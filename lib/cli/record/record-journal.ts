/**
 * The recorder's own small journal, in a folder of its own (never inside the watched file's
 * folder or directory): the session id, every step given a sequence number (before the server
 * acknowledged it), rewrites, and feedback from watchers. After a reconnect, a server restart or a
 * restart of the recorder it resumes from the server's acknowledged sequence number with the
 * steps kept here, so nothing written while the server was down is lost.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash, randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import type { ParsedStep } from "@/lib/trajectory/types";

export interface JournalState {
  session: string;
  file: string;
  format: string | null;
  opened: boolean;
  ended: boolean;
  trajectoryId: string | null;
}

export function defaultJournalRoot(): string {
  return path.join(os.homedir(), ".limi", "record");
}

const inside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

export class RecordJournal {
  readonly dir: string;
  state: JournalState;
  /** Index = seq - 1; null where the source dropped a step (a rewrite to nothing). */
  steps: Array<ParsedStep | null> = [];
  /** The step each seq was first sent as (what the server stored live). */
  sentAs: ParsedStep[] = [];

  constructor(root: string, file: string, watched: string) {
    const abs = path.resolve(file);
    const r = path.resolve(root);
    if (inside(r, path.resolve(watched)) || inside(r, path.dirname(abs)))
      throw new Error(`the journal folder ${r} must not be inside the watched ${watched}`);
    this.dir = path.join(r, createHash("sha256").update(abs).digest("hex").slice(0, 16));
    mkdirSync(this.dir, { recursive: true });
    const statePath = path.join(this.dir, "session.json");
    const previous = existsSync(statePath) ? (JSON.parse(readFileSync(statePath, "utf8")) as JournalState) : null;
    if (previous?.ended) {
      // The file's last session ended: a new one starts with a fresh journal.
      for (const f of ["steps.jsonl", "rewrites.jsonl"])
        if (existsSync(path.join(this.dir, f))) rmSync(path.join(this.dir, f));
    }
    if (previous && !previous.ended) {
      this.state = JSON.parse(readFileSync(statePath, "utf8")) as JournalState;
      for (const line of this.lines("steps.jsonl")) {
        const { seq, step } = JSON.parse(line) as { seq: number; step: ParsedStep };
        this.sentAs[seq - 1] = step;
        this.steps[seq - 1] = step;
      }
      for (const line of this.lines("rewrites.jsonl")) {
        const { seq, step } = JSON.parse(line) as { seq: number; step: ParsedStep | null };
        this.steps[seq - 1] = step;
      }
    } else {
      this.state = { session: randomUUID(), file: abs, format: null, opened: false, ended: false, trajectoryId: null };
      this.save();
    }
  }

  private lines(name: string): string[] {
    const p = path.join(this.dir, name);
    if (!existsSync(p)) return [];
    return readFileSync(p, "utf8").split("\n").filter(Boolean);
  }

  save(): void {
    writeFileSync(path.join(this.dir, "session.json"), JSON.stringify(this.state, null, 2));
  }

  /** Gives the step the next sequence number, durably, before it is sent. */
  append(step: ParsedStep): number {
    const seq = this.steps.length + 1;
    appendFileSync(path.join(this.dir, "steps.jsonl"), `${JSON.stringify({ seq, step })}\n`);
    this.steps.push(step);
    this.sentAs.push(step);
    return seq;
  }

  rewrite(seq: number, step: ParsedStep | null): void {
    appendFileSync(path.join(this.dir, "rewrites.jsonl"), `${JSON.stringify({ seq, step })}\n`);
    this.steps[seq - 1] = step;
  }

  feedback(line: string): string {
    const p = path.join(this.dir, "feedback.txt");
    appendFileSync(p, `${line}\n`);
    return p;
  }
}
