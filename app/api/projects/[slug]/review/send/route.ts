import { projectRoute } from "@/lib/http/route";
import { sendToReview, SendToReviewSchema } from "@/lib/review/send-to-review";

/** Sends trajectories to review, all or nothing. */
export const POST = projectRoute("trajectory.edit", { body: SendToReviewSchema }, async ({ project, actor, body }) =>
  sendToReview(project.id, body, actor.user.id),
);
