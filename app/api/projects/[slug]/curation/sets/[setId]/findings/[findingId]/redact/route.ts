import { projectRoute } from "@/lib/http/route";
import { CurationFindingParams } from "@/lib/http/route-params";
import { can } from "@/lib/auth/permissions";
import { revisionAuthor } from "@/lib/trajectory/store/write-revision";
import { redactFinding } from "@/lib/curation/gate/redaction/redact";

/** Redacts the finding's secret in a new revision; a lead's redaction carries the approval over. */
export const POST = projectRoute(
  "curation.check",
  { params: CurationFindingParams },
  async ({ project, params, actor, role }) =>
    redactFinding(project.id, params.setId, params.findingId, revisionAuthor(actor), can(role, "review.approve")),
);
