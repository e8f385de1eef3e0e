/**
 * A bound on large streamed reads (a trajectory's canonical JSON, a page of large step bodies) in
 * this process: at most `running` stream at once, at most `waiting` wait in arrival order, and
 * beyond that the caller gets 503 with `Retry-After` at once. A slot is held until the response's
 * stream ends, fails or is cancelled (the client went away), not merely until the handler returns:
 * the cost of such a read is the streaming. Six parallel reads of a 60 MB trajectory otherwise
 * kept both cores of a small machine busy and `/api/health` waited over a second.
 */
import { AppError } from "@/lib/errors/app-error";

export interface ReadGateLimits {
  running: number;
  waiting: number;
  /** Reads of fewer body bytes than this pass without a slot (the viewer's ordinary reads). */
  minBytes: number;
  /** What the 503 tells the client to wait. */
  retryAfterSeconds: number;
}

export const LARGE_READ_LIMITS: ReadGateLimits = {
  running: 2,
  waiting: 8,
  minBytes: 4 * 1024 * 1024,
  retryAfterSeconds: 5,
};

/** Gives a slot back; calling it again does nothing. */
export type Release = () => void;

export class ReadGate {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(readonly limits: ReadGateLimits) {}

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.queue.length;
  }

  /**
   * Waits for a slot for a read of `bytes` body bytes; a small read gets a no-op release at once.
   * Throws UNAVAILABLE (503, with `retryAfterSeconds`) when the waiting line is full.
   */
  async enter(bytes: number, what: string): Promise<Release> {
    if (bytes < this.limits.minBytes) return () => undefined;
    if (this.active >= this.limits.running) {
      if (this.queue.length >= this.limits.waiting)
        throw new AppError(
          "UNAVAILABLE",
          `the server is busy streaming other large ${what} (${this.limits.running} at once, ${this.limits.waiting} waiting): try again in ${this.limits.retryAfterSeconds} s`,
          { retryAfterSeconds: this.limits.retryAfterSeconds },
        );
      // The slot is handed over by the release below, so `active` already counts this read.
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    };
  }
}

const holder = globalThis as unknown as { __limiLargeReadGate?: ReadGate };

/** The process-wide gate of large streamed reads. */
export function largeReadGate(): ReadGate {
  holder.__limiLargeReadGate ??= new ReadGate(LARGE_READ_LIMITS);
  return holder.__limiLargeReadGate;
}

/** Tests replace the gate to reach its limits at a small scale; `null` restores the default. */
export function replaceLargeReadGate(gate: ReadGate | null): void {
  holder.__limiLargeReadGate = gate ?? undefined;
}
