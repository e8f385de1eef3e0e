/**
 * A lead's decisions: adjudicate a disagreement, approve or reject a reviewed trajectory, override
 * from any state, reopen a rejected one; one at a time (from the viewer, naming the revision it
 * judged) or in bulk from a filtered list (all or nothing, and only with the count the person
 * confirmed). The route already required review.approve; the state machine checks the rest.
 */
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { transition } from "@/lib/review/review-state";

export const LEAD_DECISIONS = [
  "approve",
  "reject",
  "adjudicate_accept",
  "adjudicate_changes",
  "adjudicate_reject",
  "override_approve",
  "override_reject",
  "reopen",
] as const;
export type LeadDecision = (typeof LEAD_DECISIONS)[number];

const Reason = z.string().trim().min(3, "give a reason (3 characters or more)").max(2000);

export const DecisionSchema = z.object({
  decision: z.enum(LEAD_DECISIONS),
  revisionNumber: z.number().int().min(1),
  reason: Reason,
});

export const BulkDecisionSchema = z
  .object({
    decision: z.enum(["approve", "reject"]),
    trajectoryIds: z.array(z.string().min(1).max(64)).min(1, "name at least one trajectory").max(1000),
    reason: Reason,
    /** The count the confirmation showed; a mismatch means the list changed under the person. */
    confirmCount: z.number().int().min(1),
  })
  .refine((b) => new Set(b.trajectoryIds).size === b.confirmCount, {
    message: "the confirmed count does not match the trajectories named",
    path: ["confirmCount"],
  });

export async function decide(
  projectId: string,
  trajectoryId: string,
  input: z.infer<typeof DecisionSchema>,
  actorId: string,
) {
  const state = await withPgTransaction((client) =>
    transition(client, {
      projectId,
      trajectoryId,
      event: input.decision,
      who: "lead",
      actorId,
      reason: input.reason,
      expectedNumber: input.revisionNumber,
    }),
  );
  return { trajectoryId, state };
}

export async function decideBulk(projectId: string, input: z.infer<typeof BulkDecisionSchema>, actorId: string) {
  const ids = [...new Set(input.trajectoryIds)];
  await withPgTransaction(async (client) => {
    for (const [i, trajectoryId] of ids.entries()) {
      try {
        await transition(client, {
          projectId,
          trajectoryId,
          event: input.decision,
          who: "lead",
          actorId,
          reason: input.reason,
        });
      } catch (e) {
        if (e instanceof AppError)
          throw new AppError(e.code, `trajectoryIds[${i}] (${trajectoryId}): ${e.message}`, {
            location: { field: `trajectoryIds[${i}]` },
          });
        throw e;
      }
    }
  });
  return { decided: ids.length, decision: input.decision };
}
