/**
 * Changing and removing annotations and comments after the fact: authors edit and delete their
 * own, leads (`annotation.moderate`) delete anyone's (lib/trajectory/annotation-policy.ts). Each
 * change is a conditional write on the row as it was read (same author) with its audit row in the
 * same transaction, so a concurrent delete is a 404 and the log never records what did not commit.
 */
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { annotationRefusal } from "@/lib/trajectory/annotation-policy";
import {
  ANNOTATION_SELECT,
  annotationOf,
  announceAnnotations,
  auditAnnotation,
  CommentSchema,
  withAuthors,
} from "@/lib/trajectory/annotations";

export const CommentEditSchema = CommentSchema;

export interface AnnotationActor {
  id: string;
  /** `annotation.moderate` for the caller's role. */
  mayModerate: boolean;
}

function refuse(why: string | null) {
  if (why) throw new AppError("FORBIDDEN", why);
}

const gone = (what: string) => new AppError("NOT_FOUND", `${what} not found on this trajectory (deleted meanwhile?)`);

/** Deletes an annotation and its thread. */
export async function deleteAnnotation(projectId: string, trajectoryId: string, id: string, actor: AnnotationActor) {
  const a = await annotationOf(projectId, trajectoryId, id);
  refuse(annotationRefusal("annotation", "delete", { actorId: actor.id, authorId: a.authorId, ...actor }));
  await db().$transaction(async (tx) => {
    const { count } = await tx.annotation.deleteMany({ where: { id, trajectoryId, projectId, authorId: a.authorId } });
    if (count !== 1) throw gone(`annotation ${id}`);
    await auditAnnotation(tx, projectId, actor.id, "annotation.delete", id, {
      trajectoryId,
      ...(a.authorId !== actor.id ? { authorId: a.authorId } : {}),
    });
  });
  await announceAnnotations(projectId, trajectoryId);
  return { deleted: id };
}

async function commentOf(projectId: string, trajectoryId: string, annotationId: string, commentId: string) {
  await annotationOf(projectId, trajectoryId, annotationId);
  const c = await db().annotationComment.findFirst({
    where: { id: commentId, annotationId, projectId },
    select: { id: true, authorId: true, body: true },
  });
  if (!c) throw new AppError("NOT_FOUND", `comment ${commentId} not found on this annotation`);
  return c;
}

export async function editComment(
  projectId: string,
  trajectoryId: string,
  annotationId: string,
  commentId: string,
  body: string,
  actor: AnnotationActor,
) {
  const c = await commentOf(projectId, trajectoryId, annotationId, commentId);
  refuse(annotationRefusal("comment", "edit", { actorId: actor.id, authorId: c.authorId, ...actor }));
  const row = await db().$transaction(async (tx) => {
    const { count } = await tx.annotationComment.updateMany({
      where: { id: commentId, annotationId, projectId, authorId: c.authorId },
      data: { body },
    });
    if (count !== 1) throw gone(`comment ${commentId}`);
    await auditAnnotation(tx, projectId, actor.id, "annotation.comment.edit", annotationId, {
      trajectoryId,
      commentId,
    });
    return tx.annotation.update({
      where: { id: annotationId },
      data: { updatedAt: new Date() },
      select: ANNOTATION_SELECT,
    });
  });
  await announceAnnotations(projectId, trajectoryId);
  return { annotation: (await withAuthors([row]))[0] };
}

export async function deleteComment(
  projectId: string,
  trajectoryId: string,
  annotationId: string,
  commentId: string,
  actor: AnnotationActor,
) {
  const c = await commentOf(projectId, trajectoryId, annotationId, commentId);
  refuse(annotationRefusal("comment", "delete", { actorId: actor.id, authorId: c.authorId, ...actor }));
  const row = await db().$transaction(async (tx) => {
    const { count } = await tx.annotationComment.deleteMany({
      where: { id: commentId, annotationId, projectId, authorId: c.authorId },
    });
    if (count !== 1) throw gone(`comment ${commentId}`);
    await auditAnnotation(tx, projectId, actor.id, "annotation.comment.delete", annotationId, {
      trajectoryId,
      commentId,
      ...(c.authorId !== actor.id ? { authorId: c.authorId } : {}),
    });
    return tx.annotation.update({
      where: { id: annotationId },
      data: { updatedAt: new Date() },
      select: ANNOTATION_SELECT,
    });
  });
  await announceAnnotations(projectId, trajectoryId);
  return { annotation: (await withAuthors([row]))[0] };
}

export type CommentEdit = z.infer<typeof CommentEditSchema>;
