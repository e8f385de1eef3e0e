/**
 * The path parameters of the API's dynamic routes (`/api/projects/[slug]/…/[xId]`), declared once:
 * a route names its params schema here instead of writing its own. `slug` is also checked by the
 * route wrapper (lib/http/route.ts) before the project is resolved.
 */
import { z } from "zod";

const id = z.string().min(1);

const ProjectParams = z.object({ slug: z.string() });
export const TrajectoryParams = ProjectParams.extend({ trajectoryId: id });
export const AnnotationParams = TrajectoryParams.extend({ annotationId: id });
export const CommentParams = AnnotationParams.extend({ commentId: id });
export const QueryParams = ProjectParams.extend({ queryId: id });
export const PrImportParams = ProjectParams.extend({ importId: id });
export const SynthesisRunParams = ProjectParams.extend({ runId: id });
export const MemberParams = ProjectParams.extend({ userId: id });
export const ApiKeyParams = ProjectParams.extend({ keyId: id });
export const CurationSetParams = ProjectParams.extend({ setId: id });
export const CurationFindingParams = CurationSetParams.extend({ findingId: id });
export const ExportParams = ProjectParams.extend({ exportId: id });
export const LiveSessionParams = ProjectParams.extend({ sessionId: z.string().uuid("the session id is a UUID") });

/** An instance admin's purge names a finding alone (the finding knows its project). */
export const PurgeParams = z.object({ findingId: id.max(100) });
