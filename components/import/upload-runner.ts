/**
 * Runs uploads a few at a time, outside React: the queue hook feeds it jobs and hears back per
 * file (progress, then the outcome), and once when nothing is left to do.
 */
import { uploadImportFile, type UploadHandle, type UploadOutcome } from "@/components/import/upload-import-file";

export interface UploadJob {
  id: string;
  file: File;
  path: string;
  url: string;
}

export interface UploadEvents {
  started(id: string): void;
  progress(id: string, fraction: number): void;
  uploaded(id: string): void;
  settled(id: string, outcome: UploadOutcome): void;
  idle(): void;
}

export class UploadRunner {
  private pending: UploadJob[] = [];
  private readonly active = new Map<string, UploadHandle>();

  constructor(
    private readonly concurrency: number,
    private readonly events: UploadEvents,
  ) {}

  get busy(): boolean {
    return this.active.size > 0 || this.pending.length > 0;
  }

  enqueue(jobs: readonly UploadJob[]): void {
    this.pending.push(...jobs);
    this.pump();
  }

  /** Drops the jobs not started yet and returns their ids. */
  dropPending(): string[] {
    const ids = this.pending.map((j) => j.id);
    this.pending = [];
    return ids;
  }

  /** Drops pending jobs and aborts the running ones (they settle as aborted). */
  abortAll(): void {
    this.dropPending();
    for (const h of this.active.values()) h.abort();
  }

  private pump(): void {
    while (this.active.size < this.concurrency && this.pending.length) {
      const job = this.pending.shift()!;
      this.events.started(job.id);
      const handle = uploadImportFile({
        url: job.url,
        file: job.file,
        name: job.path,
        onProgress: (f) => this.events.progress(job.id, f),
        onUploaded: () => this.events.uploaded(job.id),
      });
      this.active.set(job.id, handle);
      void handle.done.then((outcome) => {
        this.active.delete(job.id);
        this.events.settled(job.id, outcome);
        this.pump();
        if (!this.busy) this.events.idle();
      });
    }
  }
}
