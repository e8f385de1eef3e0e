import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { listExports, listReleases, startExport, StartExportSchema } from "@/lib/export/start-export";

export const dynamic = "force-dynamic";

/** The project's exports, newest first, with status and progress, and the releases there are to export. */
export const GET = projectRoute("export.create", {}, async ({ project }) => ({
  exports: await listExports(project.id),
  releases: await listReleases(project.id),
}));

/** Starts an export of a release (or of ad-hoc ids) in one format; 202 with the export to poll. */
export const POST = projectRoute("export.create", { body: StartExportSchema }, async ({ project, actor, body }) =>
  withStatus(
    202,
    await startExport(project.id, body, {
      userId: actor.user.id,
      apiKeyId: actor.kind === "apiKey" ? actor.keyId : null,
    }),
  ),
);
