/**
 * A limit on the files this process imports at once, whoever sends them (uploads, the CLI inside
 * the server, several users at the same time). Parsing a large document costs memory in proportion
 * to its size, so the peak of the process is bounded by this limit times the per-file peak, not by
 * the number of requests. Imports over the limit wait in arrival order; each result says how long
 * it waited and what its place in line was.
 */
import { env } from "@/lib/env";

export interface QueueWait {
  /** 1-based place in the waiting line on arrival (1: next to start). */
  place: number;
  waitedMs: number;
}

export class ImportGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {}

  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `fn` when a slot is free; `wait` is null when it started at once. */
  async run<T>(fn: (wait: QueueWait | null) => Promise<T>): Promise<T> {
    let wait: QueueWait | null = null;
    if (this.running >= this.limit) {
      const since = Date.now();
      const place = this.waiting.length + 1;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      wait = { place, waitedMs: Date.now() - since };
    } else this.running++;
    try {
      return await fn(wait);
    } finally {
      // The slot passes straight to the next in line (so `running` stays counted for it).
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

const holder = globalThis as unknown as { __limiImportGate?: ImportGate };

/** The process-wide gate, sized by IMPORT_MAX_RUNNING. */
export function importGate(): ImportGate {
  holder.__limiImportGate ??= new ImportGate(env().IMPORT_MAX_RUNNING);
  return holder.__limiImportGate;
}
