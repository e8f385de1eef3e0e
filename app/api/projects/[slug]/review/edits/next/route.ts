import { projectRoute } from "@/lib/http/route";
import { nextForMe } from "@/lib/review/review-queue";

/** Claims the next trajectory whose reviewers asked for changes. */
export const POST = projectRoute("trajectory.edit", {}, async ({ project, actor }) => ({
  claim: await nextForMe(project.id, actor.user.id, "edit"),
}));
