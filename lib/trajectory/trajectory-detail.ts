/** One trajectory for the viewer: its header, the step index of a revision, and bodies on demand. */
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import type { ParsedStep } from "@/lib/trajectory/types";

const DETAIL_SELECT = {
  id: true,
  title: true,
  status: true,
  domain: true,
  format: true,
  agent: true,
  model: true,
  cwd: true,
  sessionId: true,
  startedAt: true,
  endedAt: true,
  queryId: true,
  headNumber: true,
  stepCount: true,
  tokensTotal: true,
  tokensSystem: true,
  tokensHuman: true,
  tokensAssistant: true,
  tokensReasoning: true,
  tokensToolCall: true,
  tokensToolOutput: true,
  templateOverhead: true,
  toolDefinitionTokens: true,
  toolCallCount: true,
  failedToolCallCount: true,
  humanTurnCount: true,
  reasoningStepCount: true,
  tokenizer: true,
  sourceFileId: true,
  createdAt: true,
} as const;

export async function getTrajectoryDetail(projectId: string, trajectoryId: string) {
  const t = await db().trajectory.findFirst({
    where: { id: trajectoryId, projectId, deletedAt: null },
    select: DETAIL_SELECT,
  });
  if (!t) throw new AppError("NOT_FOUND", `trajectory ${trajectoryId} not found in this project`);
  const tools = await db().toolDefinition.findMany({
    where: { trajectoryId },
    orderBy: { position: "asc" },
    select: { name: true, description: true, parameters: true },
  });
  const { sourceFileId, ...rest } = t;
  return { trajectory: { ...rest, hasSource: sourceFileId !== null }, tools };
}

export const STEP_INDEX_SELECT = {
  id: true,
  key: true,
  version: true,
  kind: true,
  seq: true,
  timestamp: true,
  tokens: true,
  toolName: true,
  callId: true,
  isError: true,
  truncated: true,
  hidden: true,
  orphan: true,
  sidechain: true,
  preview: true,
  bodyBytes: true,
} as const;

async function revisionStepIds(projectId: string, trajectoryId: string, revision?: number) {
  const t = await db().trajectory.findFirst({
    where: { id: trajectoryId, projectId, deletedAt: null },
    select: { headNumber: true },
  });
  if (!t) throw new AppError("NOT_FOUND", `trajectory ${trajectoryId} not found in this project`);
  const number = revision ?? t.headNumber;
  const r = await db().revision.findUnique({
    where: { trajectoryId_number: { trajectoryId, number } },
    select: { stepIds: true },
  });
  if (!r)
    throw new AppError("NOT_FOUND", `trajectory ${trajectoryId} has no revision ${number}`, {
      location: { field: "revision" },
    });
  return { number, stepIds: r.stepIds };
}

/** The ordered step index of a revision: small rows, no bodies. */
export async function getStepIndex(projectId: string, trajectoryId: string, revision?: number) {
  const { number, stepIds } = await revisionStepIds(projectId, trajectoryId, revision);
  const rows = await db().step.findMany({
    where: { trajectoryId, projectId, id: { in: stepIds } },
    select: STEP_INDEX_SELECT,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    revision: number,
    steps: stepIds.map((id) => byId.get(id)).filter((r): r is NonNullable<typeof r> => r !== undefined),
  };
}

export const BodyIdsSchema = z.object({
  ids: z
    .string()
    .min(1)
    .transform((s) => [
      ...new Set(
        s
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ])
    .refine((ids) => ids.length <= 200, "at most 200 ids per request"),
});

/** Bodies of the given step rows of this trajectory; ids of other trajectories are simply absent. */
export async function getStepBodies(
  projectId: string,
  trajectoryId: string,
  ids: string[],
): Promise<Record<string, ParsedStep>> {
  const rows = await db().stepBody.findMany({
    where: { stepId: { in: ids }, step: { trajectoryId, projectId } },
    select: { stepId: true, data: true },
  });
  return Object.fromEntries(rows.map((r) => [r.stepId, r.data as unknown as ParsedStep]));
}
