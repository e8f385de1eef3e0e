import { can } from "@/lib/auth/permissions";
import { projectRoute } from "@/lib/http/route";
import { AnnotationParams } from "@/lib/http/route-params";
import { AnnotationPatchSchema, updateAnnotation } from "@/lib/trajectory/annotations";
import { deleteAnnotation } from "@/lib/trajectory/annotation-changes";

/** Resolve or reopen a thread (anyone annotating), or change its label (its author). */
export const PATCH = projectRoute(
  "annotation.write",
  { params: AnnotationParams, body: AnnotationPatchSchema },
  async ({ project, actor, params, body }) =>
    updateAnnotation(project.id, params.trajectoryId, params.annotationId, body, actor.user.id),
);

/** Delete an annotation and its thread: its author, or a lead (annotation.moderate). */
export const DELETE = projectRoute(
  "annotation.write",
  { params: AnnotationParams },
  async ({ project, actor, role, params }) =>
    deleteAnnotation(project.id, params.trajectoryId, params.annotationId, {
      id: actor.user.id,
      mayModerate: can(role, "annotation.moderate"),
    }),
);
