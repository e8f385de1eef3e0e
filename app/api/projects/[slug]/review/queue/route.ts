import { projectRoute } from "@/lib/http/route";
import { listQueue, QueueListQuery } from "@/lib/review/queue-list";

export const GET = projectRoute("trajectory.read", { query: QueueListQuery }, async ({ project, query }) =>
  listQueue(project.id, query),
);
