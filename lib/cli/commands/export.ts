/**
 * `limi export --project <slug> (--release <n> | --ids <id,...>) --format <f> --out <dir>`: the
 * export job's work, here and now, into a directory (which must not exist or be empty; a failed
 * export leaves nothing in it). `--ids` exports the approved revisions of the given trajectories
 * through the same checks as a release and marks the manifest unreleased. Prints each file with
 * its size and sha256.
 */
import path from "node:path";
import type { Command } from "commander";
import { AppError } from "@/lib/errors/app-error";
import { getProjectBySlug } from "@/lib/projects/projects";
import { exportSamples, parseExportFormat } from "@/lib/export/export-samples";
import { coreOptions, openExportSource } from "@/lib/export/export-work";
import { DirectorySink } from "@/lib/export/sinks/directory-sink";
import { spooledSource } from "@/lib/export/spooled-source";
import { runAction } from "@/lib/cli/run";

interface Flags {
  project: string;
  release?: string;
  ids?: string;
  format: string;
  out: string;
  toolsInSystemPrompt: boolean;
  repeat: string;
  json: boolean;
}

function wholeNumber(value: string, field: string): number {
  if (!/^\d+$/.test(value))
    throw new AppError("BAD_REQUEST", `--${field} must be a whole number, got "${value}"`, { location: { field } });
  return Number(value);
}

export function registerExportCommand(program: Command) {
  program
    .command("export")
    .description("export a release (or approved trajectories by id) as training data into a directory")
    .requiredOption("--project <slug>", "project slug")
    .option("--release <n>", "the release number")
    .option("--ids <id,...>", "trajectory ids (their approved revisions; the manifest says unreleased)")
    .requiredOption("--format <f>", "limi, openai, sharegpt, hf-messages, atif, dpo or prm")
    .requiredOption("--out <dir>", "directory to write into (must not exist or be empty)")
    .option("--tools-in-system-prompt", "limi: append the tool catalogue to the system prompt", false)
    .option("--repeat <n>", "limi: repeat the set N times", "1")
    .option("--json", "print the files as JSON", false)
    .action(
      runAction(async ({ out }, flags: Flags) => {
        if ((flags.release === undefined) === (flags.ids === undefined))
          throw new AppError("BAD_REQUEST", "name either --release <n> or --ids <id,...>", {
            location: { field: "release" },
          });
        const format = parseExportFormat(flags.format);
        const project = await getProjectBySlug(flags.project);
        const opened = await openExportSource(
          project.id,
          {
            releaseNumber: flags.release !== undefined ? wholeNumber(flags.release, "release") : null,
            trajectoryIds: (flags.ids ?? "")
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean),
          },
          format,
        );
        let last = 0;
        // Read from the database once; later passes read the spool (lib/export/spooled-source.ts).
        const source = spooledSource(opened.source, `${path.resolve(flags.out)}.spool-${process.pid}`);
        const result = await exportSamples(
          source,
          format,
          {
            ...coreOptions(project, opened, {
              toolsInSystemPrompt: flags.toolsInSystemPrompt,
              repeat: wholeNumber(flags.repeat, "repeat"),
            }),
            onProgress: (p) => {
              const now = Date.now();
              if (!flags.json && now - last > 200) {
                last = now;
                process.stderr.write(`\r${p.pass}: ${p.done}/${opened.items.length} samples   `);
              }
            },
          },
          new DirectorySink(path.resolve(flags.out)),
        ).finally(() => source.dispose());
        if (!flags.json) process.stderr.write("\n");
        if (flags.json)
          out(JSON.stringify({ manifest: { ...result.manifest, samples: undefined }, files: result.files }));
        else {
          out(
            `${result.manifest.counts.samples} samples (${result.manifest.counts.rows} rows) ${opened.release ? `of release ${opened.release.number}` : "(unreleased)"} as ${format} in ${path.resolve(flags.out)}`,
          );
          for (const f of result.files) out(`  ${f.sha256}  ${String(f.bytes).padStart(10)}  ${f.path}`);
          for (const [reason, n] of Object.entries(result.manifest.counts.skipped)) out(`  skipped ${n}: ${reason}`);
        }
      }),
    );
}
