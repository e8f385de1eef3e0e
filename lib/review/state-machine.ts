/**
 * The review state machine as one table: (from, event, who) → to. Every change of review state in
 * lib/review goes through `nextState`, so a transition that is not a row here is refused on the
 * server whatever the caller. ARCHITECTURE.md shows the same table; the unit test walks every row
 * and every combination that is not one. Pure and browser-safe (the UI asks it which buttons apply).
 */
import { AppError } from "@/lib/errors/app-error";

export const REVIEW_STATES = [
  "imported",
  "in_review",
  "changes_requested",
  "reviewed",
  "approved",
  "rejected",
] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const REVIEW_EVENTS = [
  /** Someone sends it to review (one or in bulk). */
  "send",
  /** Import or the end of a live session, when the project queues new trajectories. */
  "auto_queue",
  /** A new revision (an edit or a revert). */
  "revise",
  /** A verdict that leaves more to collect. */
  "verdict",
  /** The last required verdict: all accept, agreement at or above the threshold. */
  "verdicts_agree",
  /** The last required verdict: at least one needs changes. */
  "verdicts_need_changes",
  /** The last required verdict: otherwise (a reject, or agreement below the threshold). */
  "verdicts_disagree",
  "adjudicate_accept",
  "adjudicate_changes",
  "adjudicate_reject",
  "approve",
  "reject",
  /** A lead overrides from any state, with a reason. */
  "override_approve",
  "override_reject",
  "reopen",
  /** A lead's redaction / validation-fix revision of an approved trajectory keeps its approval. */
  "carry_approval",
] as const;
export type ReviewEvent = (typeof REVIEW_EVENTS)[number];

/** editor: trajectory.edit; reviewer: review.write; lead: review.approve; system: the server itself. */
export const REVIEW_ACTORS = ["editor", "reviewer", "lead", "system"] as const;
export type ReviewActor = (typeof REVIEW_ACTORS)[number];

export interface Transition {
  from: ReviewState;
  event: ReviewEvent;
  who: ReviewActor;
  to: ReviewState;
}

const t = (from: ReviewState, event: ReviewEvent, who: ReviewActor, to: ReviewState): Transition => ({
  from,
  event,
  who,
  to,
});

const OVERRIDES: Transition[] = REVIEW_STATES.flatMap((from) => [
  ...(from === "approved" ? [] : [t(from, "override_approve", "lead", "approved")]),
  ...(from === "rejected" ? [] : [t(from, "override_reject", "lead", "rejected")]),
]);

export const TRANSITIONS: readonly Transition[] = [
  t("imported", "send", "editor", "in_review"),
  t("imported", "auto_queue", "system", "in_review"),
  t("changes_requested", "send", "editor", "in_review"),
  // A new revision: reviews of the old one become stale and the new one goes (back) to review.
  t("imported", "revise", "editor", "imported"),
  t("in_review", "revise", "editor", "in_review"),
  t("changes_requested", "revise", "editor", "in_review"),
  t("reviewed", "revise", "editor", "in_review"),
  t("approved", "revise", "editor", "in_review"),
  t("rejected", "revise", "editor", "rejected"),
  t("in_review", "verdict", "reviewer", "in_review"),
  t("in_review", "verdicts_agree", "reviewer", "reviewed"),
  t("in_review", "verdicts_need_changes", "reviewer", "changes_requested"),
  t("in_review", "verdicts_disagree", "reviewer", "in_review"),
  t("in_review", "adjudicate_accept", "lead", "reviewed"),
  t("in_review", "adjudicate_changes", "lead", "changes_requested"),
  t("in_review", "adjudicate_reject", "lead", "rejected"),
  t("reviewed", "approve", "lead", "approved"),
  t("reviewed", "reject", "lead", "rejected"),
  ...OVERRIDES,
  t("rejected", "reopen", "lead", "in_review"),
  t("approved", "carry_approval", "lead", "approved"),
];

/** Who may act as whom: a lead may do what a reviewer or an editor may; a reviewer what an editor may. */
const ACTS_AS: Record<ReviewActor, readonly ReviewActor[]> = {
  system: ["system"],
  editor: ["editor"],
  reviewer: ["reviewer", "editor"],
  lead: ["lead", "reviewer", "editor"],
};

export function findTransition(from: ReviewState, event: ReviewEvent, who: ReviewActor): Transition | null {
  return TRANSITIONS.find((r) => r.from === from && r.event === event && ACTS_AS[who].includes(r.who)) ?? null;
}

const LABEL: Record<ReviewState, string> = {
  imported: "imported (not sent to review)",
  in_review: "in review",
  changes_requested: "changes requested",
  reviewed: "reviewed",
  approved: "approved",
  rejected: "rejected",
};
export const stateLabel = (s: ReviewState) => LABEL[s];

/** The state after `event`, or a 409 naming the state and what is allowed from it. */
export function nextState(from: ReviewState, event: ReviewEvent, who: ReviewActor): ReviewState {
  const row = findTransition(from, event, who);
  if (row) return row.to;
  const anyone = TRANSITIONS.find((r) => r.from === from && r.event === event);
  if (anyone)
    throw new AppError(
      "FORBIDDEN",
      `only a ${anyone.who} may ${event.replace(/_/g, " ")} a trajectory that is ${LABEL[from]}`,
    );
  const allowed = [...new Set(TRANSITIONS.filter((r) => r.from === from).map((r) => r.event.replace(/_/g, " ")))];
  throw new AppError(
    "CONFLICT",
    `cannot ${event.replace(/_/g, " ")} a trajectory that is ${LABEL[from]} (allowed: ${allowed.join(", ")})`,
    { details: { state: from, event } },
  );
}
