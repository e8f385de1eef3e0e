import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { reparseStatus, startReparse } from "@/lib/import/reparse/start-reparse";

export const dynamic = "force-dynamic";

/** The latest re-parse job of the project, with progress and, once done, its report. */
export const GET = projectRoute("trajectory.reparse", {}, async ({ project }) => reparseStatus(project.id));

/** Queues a re-parse of every kept original with the current importer; 202 with the job to poll. */
export const POST = projectRoute("trajectory.reparse", {}, async ({ project, actor }) =>
  withStatus(
    202,
    await startReparse(project.id, { userId: actor.user.id, apiKeyId: actor.kind === "apiKey" ? actor.keyId : null }),
  ),
);
