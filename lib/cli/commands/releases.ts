/** `limi release list|show --project <slug>`: the project's releases and one release's pinned items. */
import type { Command } from "commander";
import { getProjectBySlug } from "@/lib/projects/projects";
import { getRelease, listReleases } from "@/lib/curation/releases";
import { runAction } from "@/lib/cli/run";

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : String(d));

export function registerReleaseCommands(program: Command) {
  const release = program.command("release").description("releases: locked, numbered curation sets");
  release
    .command("list")
    .description("list the project's releases, newest first")
    .requiredOption("--project <slug>", "project slug")
    .option("--json", "one JSON object per release")
    .action(
      runAction(async (ctx, flags: { project: string; json?: boolean }) => {
        const project = await getProjectBySlug(flags.project);
        const { releases } = await listReleases(project.id);
        if (flags.json) {
          for (const r of releases)
            ctx.out(
              JSON.stringify({
                number: r.number,
                set: r.setName,
                items: r.items,
                approvedBy: r.approvedBy,
                createdAt: iso(r.createdAt),
                notes: r.notes,
                override: r.override,
              }),
            );
          return;
        }
        if (!releases.length) {
          ctx.out(`no releases in ${flags.project}`);
          return;
        }
        ctx.out(["#", "set", "items", "approved by", "locked at", "override"].join("\t"));
        for (const r of releases)
          ctx.out(
            [r.number, r.setName, r.items, r.approvedBy ?? "-", iso(r.createdAt), r.override ? "yes" : "no"].join("\t"),
          );
      }),
    );
  release
    .command("show")
    .description("show one release: approver, notes, token rule, override and each pinned item (trajectory, revision)")
    .requiredOption("--project <slug>", "project slug")
    .argument("<number>", "the release number")
    .option("--json", "the whole release as one JSON object")
    .action(
      runAction(async (ctx, number: string, flags: { project: string; json?: boolean }) => {
        const n = Number(number);
        if (!Number.isInteger(n) || n < 1) {
          process.stderr.write(`error: release number must be a positive integer, got "${number}"\n`);
          return 1;
        }
        const project = await getProjectBySlug(flags.project);
        const { release: r, items } = await getRelease(project.id, n);
        if (flags.json) {
          ctx.out(JSON.stringify({ ...r, createdAt: iso(r.createdAt), items }));
          return;
        }
        ctx.out(
          `release #${r.number} of set "${r.setName}", approved by ${r.approvedBy ?? "-"} at ${iso(r.createdAt)}`,
        );
        ctx.out(`token rule: ${JSON.stringify(r.tokenRule)}`);
        if (r.override) ctx.out(`override: ${(r.override as { reason: string }).reason}`);
        if (r.notes) ctx.out(`notes: ${r.notes}`);
        ctx.out(["position", "trajectory", "revision", "title"].join("\t"));
        for (const i of items) ctx.out([i.position, i.trajectoryId, i.revisionNumber, i.title].join("\t"));
      }),
    );
}
