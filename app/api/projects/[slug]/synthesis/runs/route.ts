import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { createRun, listRuns, NewRunSchema } from "@/lib/queries/synthesis/synthesis-runs";

export const dynamic = "force-dynamic";

export const GET = projectRoute("query.read", {}, async ({ project }) => ({ runs: await listRuns(project.id) }));

export const POST = projectRoute("query.decide", { body: NewRunSchema }, async ({ project, actor, body }) =>
  withStatus(202, { run: (await createRun(project.id, body, actor.user.id)).run }),
);
