/**
 * Who may change or remove an annotation or a comment (the role table decides `annotation.write`;
 * this decides "this annotation"): its author changes and deletes it; a holder of
 * `annotation.moderate` (leads, admins) may delete anyone's, but never rewrite someone's words.
 * Pure, so annotation-policy.test.ts walks every case; the services ask it with the row they read.
 */
export interface AnnotationFacts {
  actorId: string;
  /** The author of the annotation or comment; null when the account is gone (imported or deleted). */
  authorId: string | null;
  /** `annotation.moderate` for the actor's role. */
  mayModerate: boolean;
}

export type AnnotationChange = "edit" | "delete";

/** Why this person may not make this change, or null when they may. */
export function annotationRefusal(what: "annotation" | "comment", change: AnnotationChange, f: AnnotationFacts) {
  if (f.authorId !== null && f.authorId === f.actorId) return null;
  if (change === "delete" && f.mayModerate) return null;
  return change === "edit"
    ? `only the author can change this ${what}`
    : `only the author or a lead can delete this ${what}`;
}
