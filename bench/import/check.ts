/**
 * `--check`: parse generated files with the app's own `parseFile(…, {format: "auto"})` and compare
 * the detected format and the step counts with what the writer meant to write. Any difference is
 * a bug in the generator or in a parser, and the bench stops.
 */
import { createReadStream, statSync } from "node:fs";
import { basename } from "node:path";
import { parseFile } from "@/lib/formats/detect";
import { DEFAULT_MAX_DOCUMENT_BYTES, type FormatInput } from "@/lib/formats/types";
import { computeTokenStats } from "@/lib/tokens/stats";
import { getTokenizer } from "@/lib/tokens/registry";
import type { ParsedTrajectory } from "@/lib/trajectory/types";
import type { PoolFile } from "@/bench/import/generate-pool";
import { addExpect, emptyExpect, FORMATS, type Expect } from "@/bench/import/writers";

export function fileInput(p: string): FormatInput {
  return { filename: basename(p), size: statSync(p).size, path: p, open: () => createReadStream(p) };
}

export function countsOf(t: ParsedTrajectory): Expect {
  const e = emptyExpect();
  e.trajectories = 1;
  for (const s of t.steps) {
    if (s.kind === "human" && !s.sidechain) e.human++;
    else if (s.kind === "tool_call") e.calls++;
    else if (s.kind === "tool_result") {
      e.results++;
      if (s.isError) e.failed++;
    } else if (s.kind === "reasoning") e.reasoning++;
  }
  return e;
}

export interface CheckReport {
  files: number;
  trajectories: number;
  tokens: number;
  orphans: number;
  problems: string[];
}

/** Checks up to `perFormat` files of each format (all of them when `perFormat` is Infinity). */
export async function checkPool(files: readonly PoolFile[], perFormat: number): Promise<CheckReport> {
  const tokenizer = getTokenizer();
  const report: CheckReport = { files: 0, trajectories: 0, tokens: 0, orphans: 0, problems: [] };
  for (const format of FORMATS) {
    for (const f of files.filter((x) => x.format === format).slice(0, perFormat)) {
      report.files++;
      let got = emptyExpect();
      const formats = new Set<string>();
      try {
        for await (const t of await parseFile(fileInput(f.path), {
          format: "auto",
          maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES,
        })) {
          got = addExpect(got, countsOf(t));
          formats.add(t.format);
          report.tokens += computeTokenStats(t.steps, t.tools, tokenizer).totals.tokensTotal;
          report.orphans += t.steps.filter(
            (s) => (s.kind === "tool_call" || s.kind === "tool_result") && s.orphan === true,
          ).length;
        }
      } catch (e) {
        report.problems.push(
          `${basename(f.path)} (${format}): parse failed: ${e instanceof Error ? e.message : String(e)}`,
        );
        continue;
      }
      report.trajectories += got.trajectories;
      if (formats.size !== 1 || !formats.has(format))
        report.problems.push(
          `${basename(f.path)}: detected as ${[...formats].join(", ") || "nothing"}, written as ${format}`,
        );
      for (const k of Object.keys(got) as (keyof Expect)[]) {
        if (got[k] !== f.expect[k])
          report.problems.push(`${basename(f.path)} (${format}): ${k} ${got[k]}, expected ${f.expect[k]}`);
      }
    }
  }
  return report;
}
