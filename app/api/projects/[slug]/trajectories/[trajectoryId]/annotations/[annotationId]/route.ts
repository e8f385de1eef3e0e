import { projectRoute } from "@/lib/http/route";
import { AnnotationParams } from "@/lib/http/route-params";
import { AnnotationPatchSchema, updateAnnotation } from "@/lib/trajectory/annotations";

/** Resolve or reopen a thread, or change its label. */
export const PATCH = projectRoute(
  "annotation.write",
  { params: AnnotationParams, body: AnnotationPatchSchema },
  async ({ project, actor, params, body }) =>
    updateAnnotation(project.id, params.trajectoryId, params.annotationId, body, actor.user.id),
);
