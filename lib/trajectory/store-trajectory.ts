/**
 * Writes one parsed trajectory: the trajectory row with its statistics, tool definitions, the step
 * index, the step bodies (kept apart) and revision 1, the immutable original. Runs inside the
 * caller's transaction, so a file that fails half-way writes nothing.
 */
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/client";
import type { ParsedStep, ParsedTrajectory } from "@/lib/trajectory/types";
import { contentHash } from "@/lib/trajectory/content-hash";
import { stepText } from "@/lib/tokens/step-text";
import type { TokenStats } from "@/lib/tokens/stats";

const PREVIEW_CHARS = 280;
const TITLE_CHARS = 140;

export interface StoreInput {
  projectId: string;
  parsed: ParsedTrajectory;
  stats: TokenStats;
  createdById?: string | null;
  domain?: string | null;
  queryId?: string | null;
  sourceFileId?: string | null;
  /** Used for the title when the source has none and no human message exists. */
  fallbackTitle?: string;
}

export type StoreResult = { status: "imported"; trajectoryId: string } | { status: "duplicate"; trajectoryId: string };

const oneLine = (s: string, n: number) => s.replace(/\s+/g, " ").trim().slice(0, n);

export function firstHumanText(steps: readonly ParsedStep[]): string {
  const h = steps.find((s) => s.kind === "human" && !s.sidechain);
  return h && "text" in h ? h.text : "";
}

function stepIndexRow(step: ParsedStep, seq: number, tokens: number, ids: { id: string; projectId: string; trajectoryId: string }): Prisma.StepCreateManyInput {
  const text = stepText(step);
  return {
    ...ids,
    key: `s${seq}`,
    version: 1,
    kind: step.kind,
    seq,
    timestamp: step.timestamp ? new Date(step.timestamp) : null,
    tokens,
    usage: step.usage ?? undefined,
    toolName: step.kind === "tool_call" ? step.name : step.kind === "tool_result" ? (step.name ?? null) : null,
    callId: step.kind === "tool_call" || step.kind === "tool_result" ? step.callId : null,
    isError: step.kind === "tool_result" ? step.isError : step.kind === "error",
    truncated: step.kind === "tool_result" ? step.truncated : false,
    hidden: step.kind === "reasoning" ? step.hidden : false,
    orphan: (step.kind === "tool_call" || step.kind === "tool_result") && step.orphan === true,
    sidechain: step.sidechain === true,
    preview: text.slice(0, PREVIEW_CHARS),
    bodyBytes: Buffer.byteLength(JSON.stringify(step)),
  };
}

export async function storeTrajectory(tx: Tx, input: StoreInput): Promise<StoreResult> {
  const { parsed, stats, projectId } = input;
  const hash = contentHash(parsed);
  const existing = await tx.trajectory.findUnique({ where: { projectId_contentHash: { projectId, contentHash: hash } }, select: { id: true } });
  if (existing) return { status: "duplicate", trajectoryId: existing.id };

  const human = firstHumanText(parsed.steps);
  const t = stats.totals;
  const trajectory = await tx.trajectory.create({
    data: {
      projectId,
      title: oneLine(parsed.title || human || input.fallbackTitle || "Untitled trajectory", TITLE_CHARS),
      domain: input.domain ?? null,
      queryId: input.queryId ?? null,
      contentHash: hash,
      sourceFileId: input.sourceFileId ?? null,
      format: parsed.format,
      agent: parsed.source.agent ?? null,
      model: parsed.source.model ?? null,
      cwd: parsed.source.cwd ?? null,
      sessionId: parsed.source.sessionId ?? null,
      startedAt: parsed.source.startedAt ? new Date(parsed.source.startedAt) : null,
      endedAt: parsed.source.endedAt ? new Date(parsed.source.endedAt) : null,
      sourceMeta: { ...parsed.source, usage: parsed.usage, warnings: parsed.warnings } as Prisma.InputJsonValue,
      stepCount: parsed.steps.length,
      tokensTotal: t.tokensTotal,
      tokensSystem: t.tokensSystem,
      tokensHuman: t.tokensHuman,
      tokensAssistant: t.tokensAssistant,
      tokensReasoning: t.tokensReasoning,
      tokensToolCall: t.tokensToolCall,
      tokensToolOutput: t.tokensToolOutput,
      templateOverhead: t.templateOverheadTokens,
      toolDefinitionTokens: t.toolDefinitionTokens,
      toolCallCount: t.toolCallCount,
      failedToolCallCount: t.failedToolCallCount,
      humanTurnCount: t.humanTurnCount,
      reasoningStepCount: t.reasoningStepCount,
      tokenizer: stats.tokenizer,
      firstHumanMessage: human.slice(0, 2000),
      createdById: input.createdById ?? null,
    },
    select: { id: true },
  });
  const ids = { projectId, trajectoryId: trajectory.id };

  if (parsed.tools.length) {
    await tx.toolDefinition.createMany({
      data: parsed.tools.map((tool, position) => ({
        ...ids,
        position,
        name: tool.name,
        description: tool.description ?? null,
        parameters: (tool.parameters ?? undefined) as Prisma.InputJsonValue | undefined,
      })),
    });
  }

  const stepIds = parsed.steps.map(() => randomUUID());
  await tx.step.createMany({ data: parsed.steps.map((s, i) => stepIndexRow(s, i, stats.stepTokens[i] ?? 0, { id: stepIds[i], ...ids })) });
  await tx.stepBody.createMany({ data: parsed.steps.map((s, i) => ({ stepId: stepIds[i], data: s as unknown as Prisma.InputJsonValue })) });
  const revision = await tx.revision.create({
    data: { ...ids, number: 1, reason: "imported original", authorId: input.createdById ?? null, stepIds },
    select: { id: true },
  });
  await tx.trajectory.update({ where: { id: trajectory.id }, data: { headRevisionId: revision.id, headNumber: 1 }, select: { id: true } });
  return { status: "imported", trajectoryId: trajectory.id };
}
