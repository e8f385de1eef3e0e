import { projectRoute } from "@/lib/http/route";
import { BulkDecisionSchema, decideBulk } from "@/lib/review/lead-decision";

/** Bulk approve or reject (all or nothing), with the count the person confirmed. */
export const POST = projectRoute("review.approve", { body: BulkDecisionSchema }, async ({ project, actor, body }) =>
  decideBulk(project.id, body, actor.user.id),
);
