import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { LiveSessionParams } from "@/lib/http/route-params";
import { getLiveSession } from "@/lib/live/sessions/read-sessions";

export const dynamic = "force-dynamic";

const Query = z.object({ from: z.coerce.number().int().min(0).optional() });

/** The session with its step index (rows, no bodies) from position `from` on. */
export const GET = projectRoute(
  "live.watch",
  { params: LiveSessionParams, query: Query },
  async ({ project, params, query }) => getLiveSession(project.id, params.sessionId, { from: query.from }),
);
