import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { Command } from "commander";
import { SingleBar } from "cli-progress";
import { getProjectBySlug } from "@/lib/projects/projects";
import { importQueriesJsonl, exportQueriesJsonl } from "@/lib/queries/query-jsonl";
import { QUERY_STATUSES } from "@/lib/queries/query-service";
import { readPrFile } from "@/lib/queries/pull-requests/pr-file";
import { readPrsFromGit } from "@/lib/queries/pull-requests/git-prs";
import { createPrImport, PrFilterParamsSchema } from "@/lib/queries/pull-requests/pr-import-service";
import { createRun, executeRun, reopenRun } from "@/lib/queries/synthesis/synthesis-runs";
import { chatClientFromEnv } from "@/lib/llm/chat-client-from-env";
import { AppError } from "@/lib/errors/app-error";
import { zodToAppError } from "@/lib/http/respond";
import { runAction } from "@/lib/cli/run";

interface PrFlags {
  project: string;
  file?: string;
  repo?: string;
  range?: string;
  repoName?: string;
  maxPatchTokens: string;
  singleFile: boolean;
  includeDocs: boolean;
  maxPerRepo: string;
  seed: string;
  json: boolean;
}

export function registerQueriesCommands(program: Command) {
  const queries = program.command("queries").description("the query pool: import, export, pull requests, synthesis");

  queries
    .command("import <file>")
    .description("import queries from JSONL ({text, domain, difficulty?, tags?, status?} per line); all or nothing")
    .requiredOption("--project <slug>", "project slug")
    .action(
      runAction(async ({ out }, file: string, flags: { project: string }) => {
        const project = await getProjectBySlug(flags.project);
        const text = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
          throw new AppError("NOT_FOUND", `${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
        });
        const r = await importQueriesJsonl(project.id, text, path.basename(file), { id: null, role: null });
        out(`imported ${r.imported} queries into ${project.slug}`);
      }),
    );

  queries
    .command("export")
    .description("export queries as JSONL")
    .requiredOption("--project <slug>", "project slug")
    .option("--status <status>", `only ${QUERY_STATUSES.join(" | ")}`)
    .option("-o, --out <file>", "write to a file instead of standard output")
    .action(
      runAction(async (_ctx, flags: { project: string; status?: string; out?: string }) => {
        if (flags.status && !(QUERY_STATUSES as readonly string[]).includes(flags.status)) {
          throw new AppError(
            "VALIDATION",
            `invalid status "${flags.status}": must be one of ${QUERY_STATUSES.join(", ")}`,
          );
        }
        const project = await getProjectBySlug(flags.project);
        const lines = Readable.from(
          exportQueriesJsonl(project.id, flags.status as (typeof QUERY_STATUSES)[number] | undefined),
        );
        if (flags.out) await pipeline(lines, createWriteStream(flags.out));
        else for await (const line of lines) process.stdout.write(line as string);
      }),
    );

  queries
    .command("prs")
    .description(
      "import pull requests (a JSON/JSONL file, or merge commits of a local git repository) and apply the LIMI filters",
    )
    .requiredOption("--project <slug>", "project slug")
    .option("--file <path>", "a JSON array or JSONL file of PRs")
    .option("--repo <path>", "a local git repository")
    .option("--range <rev-range>", "with --repo: the commits to read, e.g. v1.0..main")
    .option("--repo-name <owner/name>", "with --repo: the repository's name (default: from its origin remote)")
    .option("--max-patch-tokens <n>", "drop PRs whose diff is larger (o200k tokens)", "1200")
    .option("--single-file", "keep only PRs that change one file", false)
    .option("--include-docs", "keep documentation-only PRs", false)
    .option("--max-per-repo <n>", "at most this many PRs per repository", "5")
    .option("--seed <n>", "which PRs survive the per-repository cap", "0")
    .option("--json", "print the import as JSON", false)
    .action(
      runAction(async ({ out }, flags: PrFlags) => {
        if (!!flags.file === !!flags.repo)
          throw new AppError("VALIDATION", "give either --file <prs.jsonl> or --repo <path> --range <rev-range>");
        if (flags.repo && !flags.range)
          throw new AppError("VALIDATION", "--repo needs --range <rev-range> (e.g. v1.0..main)", {
            location: { field: "range" },
          });
        const filters = PrFilterParamsSchema.safeParse({
          maxPatchTokens: flags.maxPatchTokens,
          excludeDocsOnly: !flags.includeDocs,
          singleFileOnly: flags.singleFile,
          maxPerRepo: flags.maxPerRepo,
          seed: flags.seed,
        });
        if (!filters.success) throw zodToAppError(filters.error, "query");
        const project = await getProjectBySlug(flags.project);
        const prs = flags.file
          ? await readPrFile(flags.file, { displayName: flags.file })
          : (await readPrsFromGit({ repoPath: flags.repo!, range: flags.range!, repoName: flags.repoName })).prs;
        const imp = await createPrImport(project.id, {
          prs,
          sourceKind: flags.file ? "file" : "git",
          sourceName: flags.file ?? `${flags.repo} ${flags.range}`,
          filters: filters.data,
          actorId: null,
        });
        if (flags.json) out(JSON.stringify(imp));
        else {
          const r = imp.removed as Record<string, number>;
          out(`import ${imp.id}: ${imp.total} PRs, ${imp.kept} kept`);
          out(
            `removed: patch too large ${r.patchTooLarge}, docs only ${r.docsOnly}, more than one file ${r.multiFile}, over the per-repository cap ${r.overRepoCap}`,
          );
          out(`next: npx limi queries synthesize --project ${project.slug} --import ${imp.id}`);
        }
      }),
    );

  queries
    .command("synthesize")
    .description(
      "write a candidate query for each kept PR of an import with the configured LLM (resumable: run again to continue)",
    )
    .requiredOption("--project <slug>", "project slug")
    .requiredOption("--import <id>", "the PR import (from `limi queries prs`)")
    .option("--run <id>", "resume this run instead of starting a new one (it keeps its own domain and concurrency)")
    .option("--concurrency <n>", "model calls in flight", "4")
    .option("--domain <domain>", "domain of the new queries (default: the project's first)")
    .action(
      runAction(
        async (
          { out },
          flags: { project: string; import: string; run?: string; concurrency: string; domain?: string },
        ) => {
          const project = await getProjectBySlug(flags.project);
          if (flags.run) {
            chatClientFromEnv();
            await reopenRun(project.id, flags.run);
          }
          const { run } = flags.run
            ? { run: { id: flags.run } }
            : await createRun(
                project.id,
                { importId: flags.import, concurrency: Number(flags.concurrency), domain: flags.domain },
                null,
                { enqueue: false },
              );
          const controller = new AbortController();
          process.once("SIGINT", () => {
            process.stderr.write("\nstopping after the calls in flight; run again with --run to resume\n");
            controller.abort();
          });
          const bar = process.stderr.isTTY
            ? new SingleBar({
                format: "synthesis |{bar}| {value}/{total} · flagged {flagged} · {tokens} tokens",
                stream: process.stderr,
              })
            : null;
          const s = await executeRun(project.id, run.id, {
            signal: controller.signal,
            onProgress: (p) => {
              if (!bar) return;
              if (!bar.isActive) bar.start(p.total, 0, { flagged: 0, tokens: 0 });
              bar.update(p.done + p.skipped + p.flagged + p.failed, {
                flagged: p.flagged + p.failed,
                tokens: p.promptTokens + p.completionTokens,
              });
            },
          });
          bar?.stop();
          if (!s) throw new AppError("CONFLICT", `run ${run.id} was cancelled`);
          out(
            `run ${run.id}: ${s.done} new candidate queries, ${s.skipped} already done, ${s.flagged} flagged (invalid output), ${s.failed} failed (provider)`,
          );
          out(
            `tokens: ${s.promptTokens} prompt + ${s.completionTokens} completion${s.costUsd ? `, about $${s.costUsd.toFixed(4)}` : ""}`,
          );
          if (s.aborted) out(`stopped early: ${s.remaining} PRs left; resume with --run ${run.id}`);
          return s.aborted ? 1 : 0;
        },
      ),
    );
}
