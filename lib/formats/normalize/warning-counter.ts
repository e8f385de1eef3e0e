/**
 * Skipped records are reported once per kind with a count ("skipped 12 record(s) of unknown type
 * `progress`"), so a long session does not bury its warnings under thousands of repeats.
 */
export class WarningCounter {
  private readonly counts = new Map<string, number>();

  add(what: string): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
  }

  get size(): number {
    return this.counts.size;
  }

  /** One line per kind, in first-seen order. */
  lines(prefix = "skipped"): string[] {
    return [...this.counts].map(([what, n]) => `${prefix} ${n} ${what}`);
  }
}
