/**
 * Synthesis runs: a batch over the kept PRs of an import, executed by the job runner in the server
 * (or inline by `limi queries synthesize`), with its tally kept on the run row as it goes. Running
 * a run again resumes it: PRs that already produced a query are skipped, flagged ones are retried.
 * The run keeps its domain, so a resume (from the page or the CLI) writes into the same one.
 */
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { env } from "@/lib/env";
import { db, type Db, type Tx } from "@/lib/db/client";
import { defineJob } from "@/lib/jobs/define-job";
import { recordAudit } from "@/lib/audit/record-audit";
import { chatClientFromEnv } from "@/lib/llm/chat-client-from-env";
import { runSynthesisBatch, type SynthesisSummary } from "@/lib/queries/synthesis/synthesis-batch";
import { DEFAULT_SYNTHESIS_TEMPLATE } from "@/lib/queries/synthesis/synthesis-prompt";
import { prKey } from "@/lib/queries/pull-requests/pr-types";
import { keptPullRequests } from "@/lib/queries/pull-requests/pr-import-service";
import { prismaSynthesisStore } from "@/lib/queries/synthesis/prisma-synthesis-store";
import { projectDomains, requireDomain } from "@/lib/queries/domains";

export const SYNTHESIS_JOB = "queries.synthesize";

/**
 * A run as a background job. Not retried as a whole (the batch retries each LLM call; a failed run
 * is resumed by a person), but safe to take over after a crash: a resume skips PRs already done.
 * Defined here, beside the run it executes, so the domain owns its handler.
 */
export const synthesisJob = defineJob({
  kind: SYNTHESIS_JOB,
  params: z.object({ runId: z.string().min(1).max(64) }),
  concurrency: 2,
  async run({ runId }, ctx) {
    await executeRun(ctx.projectId, runId, {
      signal: ctx.signal,
      onProgress: (s) => void ctx.progress(s.done + s.skipped + s.flagged + s.failed, s.total).catch(() => undefined),
    });
  },
});

export const RUN_SELECT = {
  id: true,
  importId: true,
  status: true,
  model: true,
  concurrency: true,
  domain: true,
  total: true,
  done: true,
  skipped: true,
  flagged: true,
  failed: true,
  promptTokens: true,
  completionTokens: true,
  costUsd: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

export const NewRunSchema = z.object({
  importId: z.string().min(1),
  concurrency: z.number().int().min(1).max(32).default(4),
  domain: z.string().trim().min(1).optional(),
});

export async function createRun(
  projectId: string,
  input: z.infer<typeof NewRunSchema>,
  actorId: string | null,
  opts: { enqueue: boolean } = { enqueue: true },
) {
  chatClientFromEnv();
  const imp = await db().prImport.findFirst({
    where: { id: input.importId, projectId },
    select: { id: true, kept: true },
  });
  if (!imp)
    throw new AppError("NOT_FOUND", `PR import ${input.importId} not found in this project`, {
      location: { field: "importId" },
    });
  if (!imp.kept)
    throw new AppError("VALIDATION", "this import kept no pull requests: loosen the filters and import again", {
      location: { field: "importId" },
    });
  const domain = input.domain ?? (await projectDomains(projectId))[0];
  await requireDomain(projectId, domain);
  const project = await db().project.findUniqueOrThrow({
    where: { id: projectId },
    select: { synthesisTemplate: true },
  });
  const run = await db().$transaction(async (tx) => {
    const created = await tx.synthesisRun.create({
      data: {
        projectId,
        importId: imp.id,
        model: env().LLM_MODEL,
        template: project.synthesisTemplate ?? DEFAULT_SYNTHESIS_TEMPLATE,
        concurrency: input.concurrency,
        domain,
        total: imp.kept,
        createdById: actorId,
      },
      select: RUN_SELECT,
    });
    await recordAudit(
      { projectId, actorId, action: "synthesis.run", targetType: "SynthesisRun", targetId: created.id },
      tx,
    );
    return created;
  });
  if (opts.enqueue) await synthesisJob.enqueue({ projectId, params: { runId: run.id }, createdById: actorId });
  return { run, domain };
}

/** Runs (or resumes) a run to the end, or until `signal` aborts or the run is cancelled. */
export async function executeRun(
  projectId: string,
  runId: string,
  opts: { signal?: AbortSignal; onProgress?: (s: SynthesisSummary) => void } = {},
): Promise<SynthesisSummary | null> {
  const run = await db().synthesisRun.findFirst({
    where: { id: runId, projectId },
    select: { importId: true, template: true, concurrency: true, domain: true },
  });
  if (!run) throw new AppError("NOT_FOUND", `synthesis run ${runId} not found in this project`);
  // Conditional, so a cancel that lands between reading the run and starting it is not overwritten.
  const { count } = await db().synthesisRun.updateMany({
    where: { id: runId, projectId, status: { not: "cancelled" } },
    data: { status: "running", startedAt: new Date(), finishedAt: null, error: null },
  });
  if (!count) return null;
  const domain = run.domain ?? (await projectDomains(projectId))[0];
  const prs = await keptPullRequests(projectId, run.importId);
  const controller = new AbortController();
  opts.signal?.addEventListener("abort", () => controller.abort());
  // Cancellation from the UI is a status change on the row; poll it.
  const watch = setInterval(async () => {
    const r = await db()
      .synthesisRun.findUnique({ where: { id: runId }, select: { status: true } })
      .catch(() => null);
    if (r?.status === "cancelled") controller.abort();
  }, 1000);
  // Tally writes are throttled with a trailing write (the last update of a burst is never lost)
  // and chained: a progress write still in flight must not land after the final one.
  let lastWrite = 0;
  let pending: SynthesisSummary | null = null;
  let trailing: NodeJS.Timeout | undefined;
  let writes: Promise<unknown> = Promise.resolve();
  const save = (s: SynthesisSummary, final: boolean) => {
    const write = writes.then(() =>
      db().synthesisRun.update({
        where: { id: runId },
        data: {
          done: s.done,
          skipped: s.skipped,
          flagged: s.flagged,
          failed: s.failed,
          promptTokens: s.promptTokens,
          completionTokens: s.completionTokens,
          costUsd: s.costUsd,
          ...(final ? { finishedAt: new Date() } : {}),
        },
        select: { id: true },
      }),
    );
    writes = write.catch(() => undefined);
    return write;
  };
  try {
    const e = env();
    const summary = await runSynthesisBatch({
      prs,
      client: chatClientFromEnv(),
      store: prismaSynthesisStore({ projectId, runId, domain, prIds: new Map(prs.map((p) => [prKey(p), p.id])) }),
      template: run.template,
      concurrency: run.concurrency,
      signal: controller.signal,
      pricing: { promptUsdPerMTok: e.LLM_PROMPT_USD_PER_MTOK, completionUsdPerMTok: e.LLM_COMPLETION_USD_PER_MTOK },
      onProgress: (p) => {
        opts.onProgress?.(p.summary);
        pending = p.summary;
        if (trailing) return;
        trailing = setTimeout(
          () => {
            trailing = undefined;
            lastWrite = Date.now();
            const s = pending;
            pending = null;
            if (s) void save(s, false).catch(() => undefined);
          },
          Math.max(0, lastWrite + 300 - Date.now()),
        );
      },
    });
    clearTimeout(trailing);
    await save(summary, true);
    const cancelled =
      (await db().synthesisRun.findUnique({ where: { id: runId }, select: { status: true } }))?.status === "cancelled";
    await db().synthesisRun.update({
      where: { id: runId },
      data: { status: cancelled ? "cancelled" : summary.aborted ? "queued" : "done" },
      select: { id: true },
    });
    return summary;
  } catch (e) {
    await db().synthesisRun.update({
      where: { id: runId },
      data: {
        status: "failed",
        error: e instanceof Error ? e.message.slice(0, 500) : String(e),
        finishedAt: new Date(),
      },
      select: { id: true },
    });
    throw e;
  } finally {
    clearInterval(watch);
    clearTimeout(trailing);
  }
}

/**
 * Starts a run again in the background: after a cancel, a failure (provider down, bad key fixed
 * since), or to retry its flagged PRs. PRs that already produced a query are skipped.
 */
export async function resumeRun(projectId: string, runId: string, actorId: string | null) {
  chatClientFromEnv();
  await db().$transaction(async (tx) => {
    await reopenRun(projectId, runId, tx);
    await recordAudit(
      { projectId, actorId, action: "synthesis.resume", targetType: "SynthesisRun", targetId: runId },
      tx,
    );
  });
  await synthesisJob.enqueue({ projectId, params: { runId }, createdById: actorId });
  return { run: await db().synthesisRun.findFirstOrThrow({ where: { id: runId, projectId }, select: RUN_SELECT }) };
}

/**
 * Marks a stopped run queued again so it can be executed. A run that is running, or queued with a
 * job waiting for it, is refused: two executions would only race for the same PRs. A run left
 * `queued` by an interrupted CLI process has no job and can be reopened.
 */
export async function reopenRun(projectId: string, runId: string, tx: Db | Tx = db()): Promise<void> {
  const run = await tx.synthesisRun.findFirst({ where: { id: runId, projectId }, select: { status: true } });
  if (!run) throw new AppError("NOT_FOUND", `synthesis run ${runId} not found in this project`);
  if (run.status === "running")
    throw new AppError("CONFLICT", "the run is running; it can be resumed once it has stopped");
  if (await runHasLiveJob(projectId, runId)) {
    // A cancelled run's job finishes the calls in flight first; a second job would race it.
    throw new AppError(
      "CONFLICT",
      run.status === "queued"
        ? "the run is already queued"
        : "the run is still stopping; resume it once it has stopped",
    );
  }
  if (run.status === "queued") return;
  const { count } = await tx.synthesisRun.updateMany({
    where: { id: runId, projectId, status: run.status },
    data: { status: "queued", error: null, finishedAt: null },
  });
  if (!count) throw new AppError("CONFLICT", "the run changed while it was being resumed; try again");
}

/** A job for this run is waiting or executing (in this or another server process). */
async function runHasLiveJob(projectId: string, runId: string): Promise<boolean> {
  return (
    (await db().job.count({
      where: {
        projectId,
        kind: SYNTHESIS_JOB,
        status: { in: ["queued", "running"] },
        params: { path: ["runId"], equals: runId },
      },
    })) > 0
  );
}

export async function cancelRun(projectId: string, runId: string) {
  const { count } = await db().synthesisRun.updateMany({
    where: { id: runId, projectId, status: { in: ["queued", "running"] } },
    data: { status: "cancelled", finishedAt: new Date() },
  });
  if (!count) throw new AppError("CONFLICT", "the run is not queued or running");
  return { run: await db().synthesisRun.findFirstOrThrow({ where: { id: runId, projectId }, select: RUN_SELECT }) };
}

export async function listRuns(projectId: string) {
  return db().synthesisRun.findMany({
    where: { projectId },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: RUN_SELECT,
  });
}

export async function getRun(projectId: string, runId: string) {
  const run = await db().synthesisRun.findFirst({ where: { id: runId, projectId }, select: RUN_SELECT });
  if (!run) throw new AppError("NOT_FOUND", `synthesis run ${runId} not found in this project`);
  const [flags, executing] = await Promise.all([
    db().synthesisFlag.findMany({
      where: { runId, projectId },
      orderBy: { createdAt: "asc" },
      select: { prKey: true, kind: true, reason: true, rawOutput: true },
    }),
    runHasLiveJob(projectId, runId),
  ]);
  // `executing`: the server still works on it (e.g. a cancelled run finishing its calls in flight).
  return { run, flags, executing };
}
