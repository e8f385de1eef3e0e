import { projectRoute } from "@/lib/http/route";
import { assignItems, AssignSchema } from "@/lib/review/queue-list";

/** Leads assign queue items to a person and/or set their priority. */
export const POST = projectRoute("review.approve", { body: AssignSchema }, async ({ project, actor, body }) =>
  assignItems(project.id, body, actor.user.id),
);
