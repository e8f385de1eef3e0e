import { projectRoute } from "@/lib/http/route";
import { reviewerProgress } from "@/lib/review/queue-list";

export const GET = projectRoute("review.approve", {}, async ({ project }) => ({
  people: await reviewerProgress(project.id),
}));
