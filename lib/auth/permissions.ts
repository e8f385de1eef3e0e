/**
 * The one permission table: role → actions. Every entry point (route handler, socket event, CLI
 * command acting for a user) asks `can(role, action)` through the wrappers in lib/http and
 * lib/live; nothing else decides access. Later capabilities add their actions here.
 */
export const ROLES = ["annotator", "reviewer", "lead", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  "project.read",
  "project.update",
  "member.read",
  "member.manage",
  "apikey.manage",
  "audit.read",
  "trajectory.read",
  "trajectory.import",
  "trajectory.edit",
  "trajectory.delete",
  /** Re-parse the project's kept originals with the current importer (new "re-parsed" revisions). */
  "trajectory.reparse",
  "annotation.write",
  /** Delete anyone's annotation or comment (authors change and delete their own with annotation.write). */
  "annotation.moderate",
  "review.write",
  "review.approve",
  "query.read",
  "query.write",
  "query.decide",
  "curation.write",
  /** Lock a curation set as a numbered release (with an override reason when target/quotas are not met). */
  "curation.release",
  /** Run a set's validation and redaction scan, and redact its findings in one click. */
  "curation.check",
  /** Waive a set's finding with a reason (audited). */
  "curation.waive",
  "export.create",
  "live.watch",
  "live.feedback",
] as const;
export type Action = (typeof ACTIONS)[number];

const ANNOTATOR: readonly Action[] = [
  "project.read",
  "member.read",
  "trajectory.read",
  "trajectory.import",
  "trajectory.edit",
  "annotation.write",
  "query.read",
  "query.write",
  "live.watch",
  "live.feedback",
];
const REVIEWER: readonly Action[] = [...ANNOTATOR, "review.write"];
const LEAD: readonly Action[] = [
  ...REVIEWER,
  "trajectory.delete",
  "review.approve",
  "annotation.moderate",
  "query.decide",
  "trajectory.reparse",
  "curation.write",
  "curation.release",
  "curation.check",
  "curation.waive",
  "export.create",
  "apikey.manage",
  "audit.read",
];
const ADMIN: readonly Action[] = ACTIONS;

export const PERMISSIONS: Readonly<Record<Role, ReadonlySet<Action>>> = {
  annotator: new Set(ANNOTATOR),
  reviewer: new Set(REVIEWER),
  lead: new Set(LEAD),
  admin: new Set(ADMIN),
};

export function can(role: Role | null | undefined, action: Action): boolean {
  return role ? PERMISSIONS[role].has(action) : false;
}

/** Role order, for rules like "an API key never outranks its creator". */
export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

/** Instance-level actions, decided by User.isAdmin rather than a project role. */
export const INSTANCE_ACTIONS = ["instance.project.create", "instance.user.manage", "instance.secret.purge"] as const;
export type InstanceAction = (typeof INSTANCE_ACTIONS)[number];
