import { can } from "@/lib/auth/permissions";
import { projectRoute } from "@/lib/http/route";
import { CommentParams } from "@/lib/http/route-params";
import { CommentEditSchema, deleteComment, editComment } from "@/lib/trajectory/annotation-changes";

/** Rewrite a comment: its author only. */
export const PATCH = projectRoute(
  "annotation.write",
  { params: CommentParams, body: CommentEditSchema },
  async ({ project, actor, role, params, body }) =>
    editComment(project.id, params.trajectoryId, params.annotationId, params.commentId, body.body, {
      id: actor.user.id,
      mayModerate: can(role, "annotation.moderate"),
    }),
);

/** Delete a comment: its author, or a lead (annotation.moderate). */
export const DELETE = projectRoute(
  "annotation.write",
  { params: CommentParams },
  async ({ project, actor, role, params }) =>
    deleteComment(project.id, params.trajectoryId, params.annotationId, params.commentId, {
      id: actor.user.id,
      mayModerate: can(role, "annotation.moderate"),
    }),
);
