import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { listJobs } from "@/lib/jobs/job-queue";

export const dynamic = "force-dynamic";

export const GET = projectRoute(
  "project.read",
  { query: z.object({ kind: z.string().max(64).optional() }) },
  async ({ project, query }) => ({ jobs: await listJobs(project.id, query.kind) }),
);
