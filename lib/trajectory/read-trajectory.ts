/**
 * Reads a revision of a trajectory back into the canonical model, in order, with each step's
 * stable key and token count. Bodies are loaded here and nowhere in lists.
 */
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import type { CanonicalStep, ParsedStep, ToolDefinition } from "@/lib/trajectory/types";

export interface RevisionContent {
  number: number;
  /** The Revision row's id. */
  id: string;
  tools: ToolDefinition[];
  steps: CanonicalStep[];
  /** Step row ids and versions, aligned with `steps`. */
  rows: Array<{ id: string; version: number }>;
}

export async function readRevision(
  projectId: string,
  trajectoryId: string,
  revisionNumber?: number,
): Promise<RevisionContent> {
  const t = await db().trajectory.findFirst({
    where: { id: trajectoryId, projectId, deletedAt: null },
    select: { id: true, headNumber: true },
  });
  if (!t) throw new AppError("NOT_FOUND", `trajectory ${trajectoryId} not found in this project`);
  const number = revisionNumber ?? t.headNumber;
  const revision = await db().revision.findUnique({
    where: { trajectoryId_number: { trajectoryId, number } },
    select: { id: true, stepIds: true },
  });
  if (!revision) throw new AppError("NOT_FOUND", `trajectory ${trajectoryId} has no revision ${number}`);
  const [rows, tools] = await Promise.all([
    db().step.findMany({
      where: { id: { in: revision.stepIds }, trajectoryId },
      select: { id: true, key: true, version: true, tokens: true, body: { select: { data: true } } },
    }),
    db().toolDefinition.findMany({
      where: { trajectoryId },
      orderBy: { position: "asc" },
      select: { name: true, description: true, parameters: true },
    }),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const steps = revision.stepIds.map((id) => {
    const r = byId.get(id);
    if (!r?.body) throw new AppError("INTERNAL", `step ${id} of revision ${number} is missing`);
    return { ...(r.body.data as unknown as ParsedStep), key: r.key, tokens: r.tokens } as CanonicalStep;
  });
  return {
    number,
    id: revision.id,
    rows: revision.stepIds.map((id) => ({ id, version: byId.get(id)!.version })),
    tools: tools.map((x) => ({
      name: x.name,
      ...(x.description !== null ? { description: x.description } : {}),
      ...(x.parameters ? { parameters: x.parameters as Record<string, unknown> } : {}),
    })),
    steps,
  };
}
