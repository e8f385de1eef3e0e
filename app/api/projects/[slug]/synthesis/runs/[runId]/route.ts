import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { getRun } from "@/lib/queries/synthesis/synthesis-runs";

export const dynamic = "force-dynamic";

export const GET = projectRoute(
  "query.read",
  { params: z.object({ slug: z.string(), runId: z.string().min(1) }) },
  async ({ project, params }) => getRun(project.id, params.runId),
);
