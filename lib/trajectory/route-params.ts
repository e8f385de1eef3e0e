import { z } from "zod";

/** Route params of `/api/projects/[slug]/trajectories/[trajectoryId]/...`. */
export const TrajectoryParams = z.object({ slug: z.string(), trajectoryId: z.string().min(1) });
export const AnnotationParams = TrajectoryParams.extend({ annotationId: z.string().min(1) });
