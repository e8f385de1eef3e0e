import { projectRoute } from "@/lib/http/route";
import { listDisagreements } from "@/lib/review/disagreements";

export const GET = projectRoute("review.approve", {}, async ({ project }) => ({
  items: await listDisagreements(project.id),
}));
