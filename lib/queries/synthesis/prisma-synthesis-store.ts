/**
 * The synthesis batch's store over the database: a result becomes a candidate query (unique per
 * project and PR key, so a resumed or concurrent run never duplicates); a flag is kept on the run.
 */
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import type { SynthesisStore } from "@/lib/queries/synthesis/synthesis-batch";

export function prismaSynthesisStore(opts: {
  projectId: string;
  runId: string;
  domain: string;
  prIds: Map<string, string>;
}): SynthesisStore {
  return {
    async isDone(prKey) {
      const q = await db().query.findUnique({
        where: { projectId_prKey: { projectId: opts.projectId, prKey } },
        select: { id: true },
      });
      return q !== null;
    },
    async saveResult(prKey, result, _usage, info) {
      const provenance = {
        repo: info.pr.repo,
        prNumber: info.pr.number,
        commit: info.pr.commit ?? null,
        url: info.pr.url ?? null,
        taskCategory: result.task_category,
        modifiedFiles: result.modified_files,
        relatedFiles: result.related_files,
        reasoning: result.reasoning,
        model: info.model,
        runId: opts.runId,
      };
      await db().query.upsert({
        where: { projectId_prKey: { projectId: opts.projectId, prKey } },
        create: {
          projectId: opts.projectId,
          prKey,
          prId: opts.prIds.get(prKey) ?? null,
          text: result.query,
          domain: opts.domain,
          source: "pr_synthesized",
          status: "candidate",
          provenance: provenance as Prisma.InputJsonValue,
        },
        update: {},
      });
      // A PR flagged by an earlier pass of this run that now succeeded is no longer a problem of the run.
      await db().synthesisFlag.deleteMany({ where: { runId: opts.runId, prKey } });
    },
    async saveFlag(prKey, reason, rawOutput, info) {
      await db().synthesisFlag.upsert({
        where: { runId_prKey: { runId: opts.runId, prKey } },
        create: {
          projectId: opts.projectId,
          runId: opts.runId,
          prKey,
          kind: info.kind,
          reason,
          rawOutput: rawOutput?.slice(0, 20_000) ?? null,
        },
        update: { kind: info.kind, reason, rawOutput: rawOutput?.slice(0, 20_000) ?? null },
      });
    },
  };
}
