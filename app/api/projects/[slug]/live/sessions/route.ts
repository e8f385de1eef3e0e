import { projectRoute } from "@/lib/http/route";
import { OpenSessionSchema } from "@/lib/live/sessions/session-schemas";
import { openSession } from "@/lib/live/sessions/session-writes";
import { listLiveSessions } from "@/lib/live/sessions/read-sessions";
import { limitLiveIngest } from "@/lib/live/sessions/http-limits";

export const dynamic = "force-dynamic";

/** Live and recent sessions of the project (live first). */
export const GET = projectRoute("live.watch", {}, async ({ project }) => ({
  sessions: await listLiveSessions(project.id),
}));

/** The ingest protocol's HTTP fallback: open a session (same as the `session:open` event). */
export const POST = projectRoute("trajectory.import", { body: OpenSessionSchema }, async ({ project, actor, body }) => {
  await limitLiveIngest(actor);
  return openSession(project.id, actor, body);
});
