import type { Command } from "commander";
import { SingleBar } from "cli-progress";
import { ZodError } from "zod";
import { getProjectBySlug } from "@/lib/projects/projects";
import { stat } from "node:fs/promises";
import { importFiles, IMPORT_CONCURRENCY } from "@/lib/import/import-files";
import { AppError } from "@/lib/errors/app-error";
import { emptyResult, summarize, type ImportFileResult } from "@/lib/import/import-result";
import { checkImportTargets, ImportParamsSchema } from "@/lib/import/import-params";
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
  concurrency: string;
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
  const widths = head.map((h, i) =>
    Math.min(i === 8 ? 100 : 60, Math.max(h.length, ...rows.map((row) => row[i].length))),
  );
  // Paths keep their end (the file name); messages keep their start.
  const fit = (c: string, w: number, i: number) =>
    c.length <= w ? c : i === 8 ? `${c.slice(0, w - 1)}…` : `…${c.slice(-(w - 1))}`;
  const line = (cells: string[]) =>
    cells
      .map((c, i) =>
        i >= 3 && i <= 7 ? fit(c, widths[i], i).padStart(widths[i]) : fit(c, widths[i], i).padEnd(widths[i]),
      )
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function registerImportCommand(program: Command) {
  program
    .command("import <paths...>")
    .description("import transcript files, folders (recursively) or globs into a project")
    .requiredOption("--project <slug>", "project slug")
    .option("--format <name>", `auto, or one of: ${formatNames().join(", ")}`, "auto")
    .option("--domain <domain>", 'domain of the imported trajectories (e.g. "Vibe Coding")')
    .option("--query <id>", "query the trajectories attempt")
    .option("--json", "print one JSON object per file instead of a progress bar and a table", false)
    .option("--concurrency <n>", "files imported at once (1 to 8)", String(IMPORT_CONCURRENCY))
    .action(
      runAction(async ({ out }, paths: string[], flags: ImportFlags) => {
        const parsed = ImportParamsSchema.safeParse({
          format: flags.format,
          domain: flags.domain,
          queryId: flags.query,
        });
        if (!parsed.success) throw zodToAppError(parsed.error as ZodError, "query");
        const concurrency = Number(flags.concurrency);
        if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 8)
          throw new AppError(
            "VALIDATION",
            `--concurrency must be a whole number from 1 to 8, not "${flags.concurrency}"`,
            { location: { field: "concurrency" } },
          );
        const project = await getProjectBySlug(flags.project);
        await checkImportTargets(project.id, parsed.data);
        const { files, missing } = await expandPaths(paths);
        const results: ImportFileResult[] = missing.map((m) => ({
          ...emptyResult(m),
          error: { message: `${m}: no such file, folder or matching glob`, line: null },
        }));
        if (flags.json) results.forEach((r) => out(JSON.stringify(r)));

        const showBar = !flags.json && process.stderr.isTTY;
        // Files are imported two at a time, so the bar follows the bytes of all of them.
        const sizes = showBar
          ? await Promise.all(
              files.map((f) =>
                stat(f.path).then(
                  (s) => s.size,
                  () => 0,
                ),
              ),
            )
          : [];
        const totalBytes = sizes.reduce((a, b) => a + b, 0);
        const readBytes = new Array<number>(files.length).fill(0);
        let done = 0;
        const bar = showBar
          ? new SingleBar({
              format: "importing |{bar}| {percentage}% · {done}/{total} files",
              hideCursor: true,
              stream: process.stderr,
              clearOnComplete: true,
            })
          : null;
        bar?.start(totalBytes || 1, 0, { done: 0, total: files.length });
        const imported = await importFiles(files, {
          projectId: project.id,
          actorId: null,
          format: parsed.data.format,
          domain: parsed.data.domain ?? null,
          queryId: parsed.data.queryId ?? null,
          concurrency,
          onProgress: (i, read) => {
            readBytes[i] = read;
            bar?.update(readBytes.reduce((a, b) => a + b, 0));
          },
          onResult: (r, i) => {
            readBytes[i] = sizes[i] ?? 0;
            bar?.update(
              readBytes.reduce((a, b) => a + b, 0),
              { done: ++done },
            );
            if (flags.json) out(JSON.stringify(r));
          },
        });
        bar?.stop();
        results.push(...imported);
        const s = summarize(results);
        if (!flags.json) {
          if (results.length) out(table(results));
          out(`\n${s.imported} imported, ${s.duplicate} duplicate, ${s.rejected} rejected (project ${project.slug})`);
        }
        return s.rejected ? 1 : 0;
      }),
    );
}
