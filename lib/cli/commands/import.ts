import type { Command } from "commander";
import { SingleBar } from "cli-progress";
import { ZodError } from "zod";
import { getProjectBySlug } from "@/lib/projects/projects";
import { importFile } from "@/lib/import/import-file";
import { emptyResult, summarize, type ImportFileResult } from "@/lib/import/import-result";
import { ImportParamsSchema } from "@/lib/import/import-params";
import { zodToAppError } from "@/lib/http/respond";
import { formatNames } from "@/lib/formats/registry";
import { expandPaths } from "@/lib/cli/expand-paths";
import { runAction } from "@/lib/cli/run";

interface ImportFlags {
  project: string;
  format: string;
  domain?: string;
  query?: string;
  json: boolean;
}

const fmt = new Intl.NumberFormat("en");

function table(results: ImportFileResult[]): string {
  const head = ["file", "status", "format", "steps", "calls", "failed", "human", "tokens", "error"];
  const rows = results.map((r) => [
    r.file,
    r.status,
    r.format ?? "-",
    fmt.format(r.steps),
    fmt.format(r.toolCalls),
    fmt.format(r.failedToolResults),
    fmt.format(r.humanMessages),
    fmt.format(r.tokens),
    // The file is in the first column; the error column starts at the line.
    r.error ? r.error.message.replace(`${r.file}: `, "").replace(`${r.file} `, "") : "",
  ]);
  const widths = head.map((h, i) => Math.min(i === 8 ? 100 : 60, Math.max(h.length, ...rows.map((row) => row[i].length))));
  // Paths keep their end (the file name); messages keep their start.
  const fit = (c: string, w: number, i: number) => (c.length <= w ? c : i === 8 ? `${c.slice(0, w - 1)}…` : `…${c.slice(-(w - 1))}`);
  const line = (cells: string[]) => cells.map((c, i) => (i >= 3 && i <= 7 ? fit(c, widths[i], i).padStart(widths[i]) : fit(c, widths[i], i).padEnd(widths[i]))).join("  ").trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function registerImportCommand(program: Command) {
  program
    .command("import <paths...>")
    .description("import transcript files, folders (recursively) or globs into a project")
    .requiredOption("--project <slug>", "project slug")
    .option("--format <name>", `auto, or one of: ${formatNames().join(", ")}`, "auto")
    .option("--domain <domain>", "domain of the imported trajectories (e.g. \"Vibe Coding\")")
    .option("--query <id>", "query the trajectories attempt")
    .option("--json", "print one JSON object per file instead of a progress bar and a table", false)
    .action(
      runAction(async ({ out }, paths: string[], flags: ImportFlags) => {
        const parsed = ImportParamsSchema.safeParse({ format: flags.format, domain: flags.domain, queryId: flags.query });
        if (!parsed.success) throw zodToAppError(parsed.error as ZodError, "query");
        const project = await getProjectBySlug(flags.project);
        const { files, missing } = await expandPaths(paths);
        const results: ImportFileResult[] = missing.map((m) => ({ ...emptyResult(m), error: { message: `${m}: no such file, folder or matching glob`, line: null } }));
        if (flags.json) results.forEach((r) => out(JSON.stringify(r)));

        const showBar = !flags.json && process.stderr.isTTY;
        const bar = showBar ? new SingleBar({ format: "{file} |{bar}| {percentage}% · file {n}/{total}", hideCursor: true, stream: process.stderr, clearOnComplete: true }) : null;
        for (const [i, f] of files.entries()) {
          bar?.start(100, 0, { file: f.name.slice(-40).padEnd(40), n: i + 1, total: files.length });
          const r = await importFile(f, {
            projectId: project.id,
            actorId: null,
            format: parsed.data.format,
            domain: parsed.data.domain ?? null,
            queryId: parsed.data.queryId ?? null,
            onProgress: (read, size) => bar?.update(size ? Math.min(100, Math.round((read / size) * 100)) : 100),
          });
          bar?.stop();
          results.push(r);
          if (flags.json) out(JSON.stringify(r));
        }
        const s = summarize(results);
        if (!flags.json) {
          if (results.length) out(table(results));
          out(`\n${s.imported} imported, ${s.duplicate} duplicate, ${s.rejected} rejected (project ${project.slug})`);
        }
        return s.rejected ? 1 : 0;
      }),
    );
}
