/**
 * Step bodies fetched on demand. A body belongs to an immutable step row, so once loaded it is
 * kept for the page's life. Requests from one render are coalesced into ≤200-id chunks with a few
 * in flight at once, so scrolling never starts a request per step and never loads all bodies.
 */
import { apiFetch } from "@/lib/http/client-fetch";
import { chunkIds, missingIds } from "@/lib/viewer/chunk-ids";
import type { BodiesResponse, ParsedStep } from "@/lib/viewer/types";

const MAX_IN_FLIGHT = 3;

export class BodyStore {
  private bodies = new Map<string, ParsedStep>();
  private pending = new Set<string>();
  private failed = new Map<string, string>();
  private queue: string[] = [];
  private inFlight = 0;
  private scheduled = false;
  private listeners = new Set<() => void>();
  /** Bumped on every change, for useSyncExternalStore. */
  version = 0;

  constructor(
    private readonly url: (ids: readonly string[]) => string,
    initial?: Record<string, ParsedStep>,
  ) {
    for (const [id, body] of Object.entries(initial ?? {})) this.bodies.set(id, body);
  }

  get(id: string): ParsedStep | undefined {
    return this.bodies.get(id);
  }

  has(id: string): boolean {
    return this.bodies.has(id);
  }

  error(id: string): string | undefined {
    return this.failed.get(id);
  }

  get size(): number {
    return this.bodies.size;
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getVersion = (): number => this.version;

  private emit() {
    this.version++;
    for (const fn of this.listeners) fn();
  }

  /** Asks for these bodies; already loaded, pending or failed ones are skipped (retry clears failures). */
  request(ids: Iterable<string>): void {
    const wanted = missingIds(ids, (id) => this.bodies.has(id) || this.pending.has(id) || this.failed.has(id));
    if (!wanted.length) return;
    for (const id of wanted) this.pending.add(id);
    this.queue.push(...wanted);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        this.pump();
      });
    }
  }

  /** A stable function, for a step's "try again". */
  retryOne = (id: string): void => this.retry([id]);

  retry(ids: Iterable<string>): void {
    for (const id of ids) this.failed.delete(id);
    this.emit();
    this.request(ids);
  }

  /** Resolves once every id asked for is loaded or failed. */
  async load(ids: readonly string[]): Promise<void> {
    this.request(ids);
    if (ids.every((id) => !this.pending.has(id))) return;
    await new Promise<void>((resolve) => {
      const off = this.subscribe(() => {
        if (ids.every((id) => !this.pending.has(id))) {
          off();
          resolve();
        }
      });
    });
  }

  private pump() {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length) {
      const [chunk] = chunkIds(this.queue.splice(0, 200));
      this.inFlight++;
      apiFetch<BodiesResponse>(this.url(chunk))
        .then((res) => {
          for (const id of chunk) {
            const body = res.bodies[id];
            if (body) this.bodies.set(id, body);
            else this.failed.set(id, "this step's body was not found");
          }
        })
        .catch((e: unknown) => {
          const message = e instanceof Error ? e.message : String(e);
          for (const id of chunk) this.failed.set(id, message);
        })
        .finally(() => {
          for (const id of chunk) this.pending.delete(id);
          this.inFlight--;
          this.emit();
          this.pump();
        });
    }
  }
}
