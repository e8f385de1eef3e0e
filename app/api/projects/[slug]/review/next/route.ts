import { projectRoute } from "@/lib/http/route";
import { nextForMe } from "@/lib/review/review-queue";

/** Claims the next trajectory I may review (or gives back the one I hold); `{ claim: null }` when none. */
export const POST = projectRoute("review.write", {}, async ({ project, actor }) => ({
  claim: await nextForMe(project.id, actor.user.id, "review"),
}));
