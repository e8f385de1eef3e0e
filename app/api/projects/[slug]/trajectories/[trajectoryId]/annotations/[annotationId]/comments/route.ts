import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { AnnotationParams } from "@/lib/http/route-params";
import { addComment, CommentSchema } from "@/lib/trajectory/annotations";

export const POST = projectRoute(
  "annotation.write",
  { params: AnnotationParams, body: CommentSchema },
  async ({ project, actor, params, body }) =>
    withStatus(201, await addComment(project.id, params.trajectoryId, params.annotationId, body.body, actor.user.id)),
);
