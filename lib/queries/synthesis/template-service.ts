/** The project's PR→query prompt template, and its preview on one PR. */
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import {
  DEFAULT_SYNTHESIS_TEMPLATE,
  PROMPT_PLACEHOLDERS,
  renderPrompt,
  validateTemplate,
} from "@/lib/queries/synthesis/synthesis-prompt";
import { rowToPullRequest } from "@/lib/queries/pull-requests/pr-import-service";

export const TemplateSchema = z.object({ template: z.string().min(1).max(100_000) });
export const PreviewSchema = z.object({ template: z.string().min(1).max(100_000), prId: z.string().min(1) });

export async function getTemplate(projectId: string) {
  const p = await db().project.findUniqueOrThrow({ where: { id: projectId }, select: { synthesisTemplate: true } });
  return {
    template: p.synthesisTemplate ?? DEFAULT_SYNTHESIS_TEMPLATE,
    isDefault: p.synthesisTemplate === null,
    placeholders: [...PROMPT_PLACEHOLDERS],
  };
}

export async function setTemplate(projectId: string, template: string) {
  validateTemplate(template);
  // Saving the default text verbatim means "use the default", so later improvements reach it.
  await db().project.update({
    where: { id: projectId },
    data: { synthesisTemplate: template === DEFAULT_SYNTHESIS_TEMPLATE ? null : template },
    select: { id: true },
  });
  return getTemplate(projectId);
}

export async function previewTemplate(projectId: string, template: string, prId: string) {
  const row = await db().pullRequest.findFirst({ where: { id: prId, projectId } });
  if (!row)
    throw new AppError("NOT_FOUND", `pull request ${prId} not found in this project`, { location: { field: "prId" } });
  return { prompt: renderPrompt(template, rowToPullRequest(row)) };
}
