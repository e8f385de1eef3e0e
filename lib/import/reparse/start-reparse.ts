/**
 * Starting a re-parse and reading its state. One re-parse per project at a time (a second request
 * while one is queued or running is refused with 409), checked under an advisory lock so two
 * concurrent requests cannot both start one. The job row and its audit row are one transaction.
 */
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { JOB_SELECT } from "@/lib/jobs/job-queue";
import { REPARSE_JOB, type ReparseParams } from "@/lib/import/reparse/reparse-params";
import { reparseJob } from "@/lib/import/reparse/reparse-job";
import type { ReparseReport } from "@/lib/import/reparse/reparse-project";

/**
 * Queues a re-parse (a job worker picks it up). `inline: true` (the CLI) creates the job
 * already running, so no runner claims it while the caller runs it itself.
 */
export async function startReparse(
  projectId: string,
  actor: { userId: string; apiKeyId?: string | null },
  opts: { inline?: boolean } = {},
) {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`reparse:${projectId}`}))`;
    const busy = await tx.job.findFirst({
      where: { projectId, kind: REPARSE_JOB, status: { in: ["queued", "running"] } },
      select: { id: true },
    });
    if (busy)
      throw new AppError("CONFLICT", "a re-parse of this project is already queued or running; wait for it to finish");
    const originals = await tx.sourceFile.count({ where: { projectId } });
    if (!originals)
      throw new AppError(
        "VALIDATION",
        "this project has no kept original files to re-parse (only imported files are kept)",
      );
    const params: ReparseParams = { projectId, actorId: actor.userId };
    // The CLI runs the re-parse itself: its job row is created already running, so no worker takes
    // it. Otherwise the job engine queues it (its own transaction, committed while this one still
    // holds the project's lock, so a concurrent request sees it as busy).
    const job = opts.inline
      ? await tx.job.create({
          data: {
            projectId,
            kind: REPARSE_JOB,
            params: params as Prisma.InputJsonValue,
            createdById: actor.userId,
            status: "running",
            startedAt: new Date(),
          },
          select: JOB_SELECT,
        })
      : await reparseJob.enqueue({ projectId, params, createdById: actor.userId });
    await recordAudit(
      {
        projectId,
        actorId: actor.userId,
        apiKeyId: actor.apiKeyId ?? null,
        action: "import.reparse.start",
        targetType: "Job",
        targetId: job.id,
        data: { originals },
      },
      tx,
    );
    return { job: publicJob(job), params };
  });
}

type JobRow = {
  id: string;
  status: string;
  progress: number;
  total: number;
  error: string | null;
  params: unknown;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

/** The job without its parameters, with its report once done. */
function publicJob(j: JobRow) {
  const report =
    j.params && typeof j.params === "object" && "report" in j.params
      ? (j.params as { report: ReparseReport }).report
      : null;
  return {
    id: j.id,
    status: j.status,
    progress: j.progress,
    total: j.total,
    error: j.error,
    createdAt: j.createdAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
    report,
  };
}

/** The latest re-parse of the project (null when there was none) and how many originals it has. */
export async function reparseStatus(projectId: string) {
  const [latest, originals] = await Promise.all([
    db().job.findFirst({ where: { projectId, kind: REPARSE_JOB }, orderBy: { createdAt: "desc" }, select: JOB_SELECT }),
    db().sourceFile.count({ where: { projectId } }),
  ]);
  return { originals, job: latest ? publicJob(latest) : null };
}
