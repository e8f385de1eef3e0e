import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { cancelRun } from "@/lib/queries/synthesis/synthesis-runs";

export const POST = projectRoute(
  "query.decide",
  { params: z.object({ slug: z.string(), runId: z.string().min(1) }) },
  async ({ project, params }) => cancelRun(project.id, params.runId),
);
