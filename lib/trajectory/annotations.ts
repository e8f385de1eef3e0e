/** Step annotations: a label and/or a comment thread on a whole step or a range of its text. */
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { StepKey } from "@/lib/trajectory/revision-number";
import { db, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { findTrajectory } from "@/lib/trajectory/store/find-trajectory";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { notifyProjectEvent } from "@/lib/live/project-events";
import { trajectoryRoom } from "@/lib/live/trajectory-room";
import { readRevision } from "@/lib/trajectory/store/read-revision";
import { fieldText } from "@/lib/trajectory/annotation-anchors";
import { annotationRefusal } from "@/lib/trajectory/annotation-policy";
import { reviewLabelVisibility, reviewRevisionFor } from "@/lib/review/review-labels";

export const NewAnnotationSchema = z
  .object({
    stepKey: StepKey,
    field: z.enum(["text", "output", "arguments"]).optional(),
    start: z.number().int().min(0).optional(),
    end: z.number().int().min(1).optional(),
    label: z.string().trim().min(1).max(40).optional(),
    comment: z.string().trim().min(1).max(10_000).optional(),
  })
  .refine((a) => a.label || a.comment, { message: "give a label, a comment, or both", path: ["label"] })
  .refine((a) => (a.start === undefined) === (a.end === undefined) && (a.start === undefined || a.field), {
    message: "a range needs field, start and end",
    path: ["start"],
  });

export const AnnotationPatchSchema = z.object({
  status: z.enum(["open", "resolved"]).optional(),
  label: z.string().trim().min(1).max(40).nullable().optional(),
});
export const CommentSchema = z.object({ body: z.string().trim().min(1, "the comment is empty").max(10_000) });

export const ANNOTATION_SELECT = {
  id: true,
  stepKey: true,
  field: true,
  quote: true,
  start: true,
  end: true,
  label: true,
  status: true,
  outdated: true,
  createdAt: true,
  updatedAt: true,
  authorId: true,
  reviewRevision: true,
  comments: {
    orderBy: { createdAt: "asc" as const },
    select: { id: true, body: true, createdAt: true, authorId: true },
  },
} as const;

export async function withAuthors<T extends { authorId: string | null; comments: Array<{ authorId: string | null }> }>(
  rows: T[],
) {
  const ids = [
    ...new Set(rows.flatMap((r) => [r.authorId, ...r.comments.map((c) => c.authorId)]).filter((x): x is string => !!x)),
  ];
  const people = new Map(
    (await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );
  return rows.map((r) => ({
    ...r,
    author: r.authorId ? (people.get(r.authorId) ?? null) : null,
    comments: r.comments.map((c) => ({ ...c, author: c.authorId ? (people.get(c.authorId) ?? null) : null })),
  }));
}

const trajectoryOf = (projectId: string, trajectoryId: string) =>
  findTrajectory(projectId, trajectoryId, { id: true, project: { select: { labels: true } } });

/** The audit row of an annotation write, in its transaction. */
export const auditAnnotation = (
  tx: Tx,
  projectId: string,
  actorId: string,
  action: string,
  id: string,
  data?: object,
) =>
  recordAudit(
    { projectId, actorId, action, targetType: "Annotation", targetId: id, ...(data ? { data: { ...data } } : {}) },
    tx,
  );

export async function announceAnnotations(projectId: string, trajectoryId: string) {
  await withPgTransaction((client) =>
    notifyProjectEvent(client, {
      projectId,
      room: trajectoryRoom(trajectoryId),
      event: "annotations:changed",
      data: { trajectoryId },
    }),
  );
}

/** `viewer` applies the blind-review rule to labels made inside a review (lib/review/review-labels). */
export async function listAnnotations(
  projectId: string,
  trajectoryId: string,
  viewer?: { id: string; isLead: boolean },
) {
  const t = await trajectoryOf(projectId, trajectoryId);
  const rows = await db().annotation.findMany({
    where: { trajectoryId, projectId },
    orderBy: { createdAt: "asc" },
    select: ANNOTATION_SELECT,
  });
  const visible = viewer ? await reviewLabelVisibility(projectId, trajectoryId, viewer) : () => true;
  return { labels: t.project.labels, annotations: await withAuthors(rows.filter(visible)) };
}

export async function createAnnotation(
  projectId: string,
  trajectoryId: string,
  input: z.infer<typeof NewAnnotationSchema>,
  authorId: string,
) {
  const t = await trajectoryOf(projectId, trajectoryId);
  if (input.label && !t.project.labels.includes(input.label)) {
    throw new AppError(
      "VALIDATION",
      `unknown label "${input.label}"; this project's labels are: ${t.project.labels.join(", ")}`,
      { location: { field: "label" } },
    );
  }
  const head = await readRevision(projectId, trajectoryId);
  const at = head.steps.findIndex((s) => s.key === input.stepKey);
  if (at < 0)
    throw new AppError("VALIDATION", `no step with key "${input.stepKey}" in the current revision`, {
      location: { field: "stepKey" },
    });
  let quote: string | null = null;
  if (input.start !== undefined && input.end !== undefined) {
    const text = fieldText(head.steps[at], input.field ?? null);
    if (text === null)
      throw new AppError("VALIDATION", `this step has no ${input.field} to select in`, {
        location: { field: "field" },
      });
    if (input.end <= input.start || input.end > text.length)
      throw new AppError(
        "VALIDATION",
        `the range ${input.start}–${input.end} is outside the step's ${input.field} (${text.length} characters)`,
        { location: { field: "end" } },
      );
    quote = text.slice(input.start, input.end);
  }
  const row = await db().$transaction(async (tx) => {
    const created = await tx.annotation.create({
      data: {
        projectId,
        trajectoryId,
        stepKey: input.stepKey,
        field: input.field ?? null,
        start: input.start ?? null,
        end: input.end ?? null,
        quote,
        label: input.label ?? null,
        anchorVersion: head.rows[at].version,
        authorId,
        reviewRevision: await reviewRevisionFor(projectId, trajectoryId, authorId),
        ...(input.comment ? { comments: { create: { projectId, authorId, body: input.comment } } } : {}),
      },
      select: ANNOTATION_SELECT,
    });
    await auditAnnotation(tx, projectId, authorId, "annotation.create", created.id, {
      trajectoryId,
      stepKey: input.stepKey,
      label: input.label ?? null,
    });
    return created;
  });
  await announceAnnotations(projectId, trajectoryId);
  return { annotation: (await withAuthors([row]))[0] };
}

export async function annotationOf(projectId: string, trajectoryId: string, id: string) {
  const a = await db().annotation.findFirst({
    where: { id, trajectoryId, projectId },
    select: { id: true, authorId: true },
  });
  if (!a) throw new AppError("NOT_FOUND", `annotation ${id} not found on this trajectory`);
  return a;
}

export async function updateAnnotation(
  projectId: string,
  trajectoryId: string,
  id: string,
  patch: z.infer<typeof AnnotationPatchSchema>,
  actorId: string,
) {
  const a = await annotationOf(projectId, trajectoryId, id);
  // Anyone annotating may resolve or reopen a thread; its label is its author's words.
  if (patch.label !== undefined) {
    const why = annotationRefusal("annotation", "edit", { actorId, authorId: a.authorId, mayModerate: false });
    if (why) throw new AppError("FORBIDDEN", why, { location: { field: "label" } });
  }
  if (patch.label) {
    const t = await trajectoryOf(projectId, trajectoryId);
    if (!t.project.labels.includes(patch.label))
      throw new AppError("VALIDATION", `unknown label "${patch.label}"`, { location: { field: "label" } });
  }
  const row = await db().$transaction(async (tx) => {
    const updated = await tx.annotation.update({
      where: { id },
      data: { status: patch.status, label: patch.label },
      select: ANNOTATION_SELECT,
    });
    await auditAnnotation(tx, projectId, actorId, "annotation.update", id, { trajectoryId, ...patch });
    return updated;
  });
  await announceAnnotations(projectId, trajectoryId);
  return { annotation: (await withAuthors([row]))[0] };
}

export async function addComment(projectId: string, trajectoryId: string, id: string, body: string, authorId: string) {
  await annotationOf(projectId, trajectoryId, id);
  const row = await db().$transaction(async (tx) => {
    const comment = await tx.annotationComment.create({
      data: { projectId, annotationId: id, authorId, body },
      select: { id: true },
    });
    await auditAnnotation(tx, projectId, authorId, "annotation.comment", id, { trajectoryId, commentId: comment.id });
    return tx.annotation.update({ where: { id }, data: { updatedAt: new Date() }, select: ANNOTATION_SELECT });
  });
  await announceAnnotations(projectId, trajectoryId);
  return { annotation: (await withAuthors([row]))[0] };
}
