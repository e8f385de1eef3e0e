import { projectRoute } from "@/lib/http/route";
import { getReviewSettings, updateReviewSettings } from "@/lib/review/review-settings";
import { ReviewSettingsSchema } from "@/lib/review/rubric";

export const GET = projectRoute("trajectory.read", {}, async ({ project }) => getReviewSettings(project.id));

/** Leads and admins; refused when the rubric would orphan existing scores. */
export const PUT = projectRoute("review.approve", { body: ReviewSettingsSchema }, async ({ project, actor, body }) =>
  updateReviewSettings(project.id, body, actor.user.id),
);
