import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { Command } from "commander";
import { getProjectBySlug } from "@/lib/projects/projects";
import { exportReviews } from "@/lib/review/export-reviews";
import { runAction } from "@/lib/cli/run";

export function registerReviewCommands(program: Command) {
  const review = program.command("review").description("reviews: export for analysis elsewhere");
  review
    .command("export")
    .description(
      "write every review (verdict, scores, first-error step, revision, reviewer, time) as JSONL, stale ones marked",
    )
    .requiredOption("--project <slug>", "project slug")
    .option("-o, --out <file>", "write to a file instead of standard output")
    .action(
      runAction(async (_ctx, flags: { project: string; out?: string }) => {
        const project = await getProjectBySlug(flags.project);
        const lines = Readable.from(exportReviews(project.id));
        if (flags.out) await pipeline(lines, createWriteStream(flags.out));
        else for await (const line of lines) process.stdout.write(line as string);
      }),
    );
}
