/**
 * What a refusal says, derived from the permission table's action: a sentence a person can read
 * ("Annotators cannot accept or reject queries."), the same from every entry point. Each action
 * names what it allows; the record is checked at compile time, so a new action needs its words.
 */
import type { Action, Role } from "@/lib/auth/permissions";

const ALLOWS: Record<Action, string> = {
  "project.read": "open this project",
  "project.update": "change the project's settings",
  "member.read": "see the project's members",
  "member.manage": "add, change or remove members",
  "apikey.manage": "manage API keys",
  "audit.read": "read the audit log",
  "trajectory.read": "read trajectories",
  "trajectory.import": "import trajectories",
  "trajectory.edit": "edit trajectories",
  "trajectory.delete": "delete trajectories",
  "trajectory.reparse": "read the kept original files again",
  "annotation.write": "annotate trajectories",
  "annotation.moderate": "delete other people's annotations",
  "review.write": "review trajectories",
  "review.approve": "approve reviews",
  "query.read": "read the query pool",
  "query.write": "write queries",
  "query.decide": "accept or reject queries",
  "curation.write": "curate sets",
  "curation.release": "release curated sets",
  "curation.check": "run a set's checks or redact its findings",
  "curation.waive": "waive a set's findings",
  "export.create": "export sets",
  "live.watch": "watch live sessions",
  "live.feedback": "give feedback in live sessions",
};

const PLURAL: Record<Role, string> = {
  annotator: "Annotators",
  reviewer: "Reviewers",
  lead: "Leads",
  admin: "Admins",
};

/** "Annotators cannot accept or reject queries." */
export function forbiddenMessage(role: Role, action: Action): string {
  return `${PLURAL[role]} cannot ${ALLOWS[action]}.`;
}

/** The words of an action, for sentences of one's own ("… cannot import accepted queries"). */
export function roleCannot(role: Role, what: string): string {
  return `${PLURAL[role]} cannot ${what}.`;
}
