/**
 * What a new revision does to review state, called by the revision save inside its transaction:
 * reviews of the old head become stale (they keep their revision number) and the trajectory goes
 * back to review; an approval stays pinned to the revision it approved. The exception is a lead's
 * revision whose operations are only redactions or validation fixes (curation): it carries the
 * approval forward, re-approved in the same transaction and audited as `approval.carried`.
 */
import type pg from "pg";
import { AppError } from "@/lib/errors/app-error";
import { lockHead, transition } from "@/lib/review/review-state";

export interface NewRevisionInput {
  projectId: string;
  trajectoryId: string;
  actorId: string | null;
}

export async function onNewRevision(client: pg.PoolClient, input: NewRevisionInput): Promise<void> {
  await transition(client, { ...input, event: "revise", who: "editor" });
}

/** Operation kinds that carry an approval (set by curation on the ops it makes). */
export const CARRYING_PURPOSES = ["redaction", "validation_fix"] as const;
export type CarryingPurpose = (typeof CARRYING_PURPOSES)[number];

/** True when every operation is marked as a redaction or a validation fix. */
export function opsCarryApproval(ops: ReadonlyArray<{ purpose?: unknown }>): boolean {
  return ops.length > 0 && ops.every((o) => CARRYING_PURPOSES.includes(o.purpose as CarryingPurpose));
}

/**
 * Re-approves the new head of an approved trajectory after a lead's redaction / validation-fix
 * revision. Call it instead of onNewRevision, in the revision's transaction, with the actor's role
 * checked by the caller (`isLead`: review.approve). Refused (and the revision with it) when the
 * trajectory was not approved, the actor is not a lead, or the ops carry anything else.
 */
export async function carryApproval(
  client: pg.PoolClient,
  input: NewRevisionInput & { isLead: boolean; ops: ReadonlyArray<{ purpose?: unknown }> },
): Promise<void> {
  if (!input.isLead) throw new AppError("FORBIDDEN", "only a lead's redaction or validation fix carries an approval");
  if (!opsCarryApproval(input.ops))
    throw new AppError("VALIDATION", "only redactions and validation fixes carry an approval", {
      location: { field: "ops" },
    });
  const head = await lockHead(client, input.projectId, input.trajectoryId);
  await transition(client, {
    projectId: input.projectId,
    trajectoryId: input.trajectoryId,
    actorId: input.actorId,
    event: "carry_approval",
    who: "lead",
    data: { carriedFrom: head.approvedNumber },
  });
}
