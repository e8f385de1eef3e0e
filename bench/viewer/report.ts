/** Prints the benchmark's figures next to their reference and target. */
export interface Row {
  figure: string;
  value: string;
  reference: string;
  target: string;
  ok: boolean | null;
}

export function printTable(title: string, rows: Row[]): void {
  const head = ["figure", "measured", "reference (same run)", "target", ""];
  const cells = rows.map((r) => [
    r.figure,
    r.value,
    r.reference,
    r.target,
    r.ok === null ? "" : r.ok ? "ok" : "MISSED",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c
      .map((x, i) => x.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  process.stdout.write(
    `\n${title}\n${line(head)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${cells.map(line).join("\n")}\n`,
  );
}

export const ms = (n: number) => `${Math.round(n)} ms`;
export const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export function percentile(xs: number[], p: number): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
