/**
 * `limi reparse --project <slug> --as <email>`: re-parses the project's kept originals with the
 * current importer, here and now (the same job the settings page queues), as the given member,
 * who must be allowed `trajectory.reparse` (a lead or admin); they author the "re-parsed" revisions.
 */
import type { Command } from "commander";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { can } from "@/lib/auth/permissions";
import { getProjectBySlug } from "@/lib/projects/projects";
import { finishInlineJob, reportInlineProgress } from "@/lib/jobs/job-queue";
import { startReparse } from "@/lib/import/reparse/start-reparse";
import { reparseProject } from "@/lib/import/reparse/reparse-project";
import { runAction } from "@/lib/cli/run";

export function registerReparseCommand(program: Command) {
  program
    .command("reparse")
    .description("re-parse a project's kept original files with the current importer")
    .requiredOption("--project <slug>", "project slug")
    .requiredOption("--as <email>", "the lead or admin the re-parsed revisions are made by")
    .option("--json", "print the report as JSON", false)
    .action(
      runAction(async ({ out }, flags: { project: string; as: string; json: boolean }) => {
        const project = await getProjectBySlug(flags.project);
        const user = await db().user.findUnique({
          where: { email: flags.as.trim().toLowerCase() },
          select: {
            id: true,
            isAdmin: true,
            disabled: true,
            memberships: { where: { projectId: project.id }, select: { role: true } },
          },
        });
        if (!user || user.disabled) throw new AppError("NOT_FOUND", `no active user with email "${flags.as}"`);
        const role = user.isAdmin ? "admin" : user.memberships[0]?.role;
        if (!can(role, "trajectory.reparse"))
          throw new AppError("FORBIDDEN", `${flags.as} may not re-parse project ${project.slug} (needs lead or admin)`);
        const { job, params } = await startReparse(project.id, { userId: user.id }, { inline: true });
        try {
          const report = await reparseProject(params, {
            jobId: job.id,
            progress: async (done, total) => {
              await reportInlineProgress(job.id, done, total);
              if (!flags.json) process.stderr.write(`\rre-parsing ${done}/${total} files`);
            },
          });
          await finishInlineJob(job.id);
          if (!flags.json) process.stderr.write("\n");
          if (flags.json) out(JSON.stringify(report));
          else {
            out(
              `${report.files} files, ${report.trajectories} trajectories: ${report.reparsed.length} re-parsed, ${report.unchanged} unchanged, ${report.needsDecision.length} edited (decide by hand), ${report.unmatched.length} unmatched, ${report.failed.length} failed`,
            );
            for (const d of report.needsDecision)
              out(`  decide: ${d.trajectoryId}  ${d.title}\n          ${d.summary}`);
            for (const f of report.failed) out(`  failed: ${f.file}: ${f.message}`);
          }
          return report.failed.length ? 1 : 0;
        } catch (e) {
          await finishInlineJob(job.id, e instanceof Error ? e.message.slice(0, 500) : String(e));
          throw e;
        }
      }),
    );
}
