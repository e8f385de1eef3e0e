/**
 * A project's chat template: the spec stored on the project (`folder:<model>` for the tokenizer
 * folder's own `chat_template`, `builtin:<name>+folder:<model>` for a shipped template counted by
 * that folder's tokenizer), read only through the models-folder module (lib/tokens/models-dir:
 * a model is named, never a path; files are regular and size-capped), and the rendering of one
 * revision through it. Loaded templates are kept (with their count caches) per spec, a few at most.
 */
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { assertModelName, readModelFile } from "@/lib/tokens/models-dir";
import { BUILTIN_TEMPLATES, isBuiltinTemplate } from "@/lib/export/training-view/builtin-templates";
import { loadChatTemplate, type ChatTemplate } from "@/lib/export/training-view/chat-template";
import {
  messageTokens,
  renderTrainingView,
  tokenRuleFinding,
  type TrainingView,
} from "@/lib/export/training-view/render";
import { viewSample } from "@/lib/export/training-view/view-messages";
import { readRevision } from "@/lib/trajectory/store/read-revision";
import { storedMessageTokens } from "@/lib/trajectory/store/template-tokens";

export interface TemplateChoice {
  /** A folder of the models folder (its tokenizer counts; its chat_template renders unless `builtin`). */
  model: string;
  builtin?: string | null;
}

export function templateSpec(choice: TemplateChoice): string {
  assertModelName(choice.model);
  if (choice.builtin) {
    if (!isBuiltinTemplate(choice.builtin))
      throw new AppError(
        "BAD_REQUEST",
        `Unknown chat template "${choice.builtin}"; the app ships ${Object.keys(BUILTIN_TEMPLATES).join(", ")}`,
        { location: { field: "builtin" } },
      );
    return `builtin:${choice.builtin}+folder:${choice.model}`;
  }
  return `folder:${choice.model}`;
}

export function parseTemplateSpec(spec: string): TemplateChoice {
  const m = /^(?:builtin:([^+]+)\+)?folder:(.+)$/.exec(spec);
  if (!m) throw new AppError("VALIDATION", `the stored chat template "${spec}" is not a template spec`);
  return { model: m[2], builtin: m[1] ?? null };
}

const loaded = new Map<string, Promise<ChatTemplate>>();
const KEEP = 4;

/** Loads (or reuses) the template of `spec`; errors name the file and the model, never a path. */
export function loadTemplate(spec: string): Promise<ChatTemplate> {
  const known = loaded.get(spec);
  if (known) {
    loaded.delete(spec);
    loaded.set(spec, known);
    return known;
  }
  const p = (async () => {
    const choice = parseTemplateSpec(spec);
    const tokenizerJson = await readModelFile(choice.model, "tokenizer.json");
    if (tokenizerJson === null)
      throw new AppError("VALIDATION", `model "${choice.model}" has no tokenizer.json in the models folder`, {
        location: { field: "model" },
      });
    const config = await readModelFile(choice.model, "tokenizer_config.json");
    return loadChatTemplate(
      { tokenizerJson, ...(config !== null ? { tokenizerConfig: config } : {}) },
      { folder: choice.model, ...(choice.builtin ? { builtin: choice.builtin } : {}) },
    );
  })();
  loaded.set(spec, p);
  p.catch(() => loaded.delete(spec));
  while (loaded.size > KEEP) loaded.delete(loaded.keys().next().value!);
  return p;
}

export async function projectTemplateSpec(projectId: string): Promise<string | null> {
  const p = await db().project.findUniqueOrThrow({ where: { id: projectId }, select: { chatTemplate: true } });
  return p.chatTemplate;
}

export interface RevisionTrainingView extends TrainingView {
  revision: number;
  /** The plain tokenizer's count of the revision (the import's estimate) and the token rule, when known. */
  tokenizerCount: number;
  maxTokens: number | null;
  tokenRule: { code: string; text: string } | null;
}

/** The token rule the view checks: the latest curation set's, else LIMI's 125k. */
async function maxTokensOf(projectId: string): Promise<number> {
  const { rows } = await pgPool().query<{ max: number }>(
    `SELECT "maxTokensPerSample" AS max FROM "CurationSet" WHERE "projectId"=$1 ORDER BY "updatedAt" DESC LIMIT 1`,
    [projectId],
  );
  return rows[0]?.max ?? 125_000;
}

/**
 * One revision rendered through `template`: text, loss spans, exact count and findings, and the
 * count per message (what the training.count job stores). With `stored`, the counts the job stored
 * for this revision under this template are used instead of tokenizing (a read instead of the
 * tokenizer, the slow part); without them, every piece is tokenized (remembered per text).
 */
export async function renderRevision(
  projectId: string,
  trajectoryId: string,
  revisionNumber: number | undefined,
  template: ChatTemplate,
  opts: { stored?: boolean } = {},
): Promise<{
  view: TrainingView;
  revision: number;
  revisionId: string;
  tokenizerCount: number;
  messageTokens: number[];
}> {
  const rev = await readRevision(projectId, trajectoryId, revisionNumber);
  const sample = viewSample(rev.tools, rev.steps);
  const storedTokens = opts.stored ? await storedMessageTokens(rev.id, template.id) : null;
  const view = renderTrainingView(sample, template, { storedMessageTokens: storedTokens });
  return {
    view,
    revision: rev.number,
    revisionId: rev.id,
    tokenizerCount: rev.steps.reduce((n, s) => n + s.tokens, 0),
    messageTokens: messageTokens(view, sample.messages.length),
  };
}

/** The training view of a revision under the project's template (409 when the project has none). */
export async function trainingView(
  projectId: string,
  trajectoryId: string,
  revisionNumber?: number,
): Promise<RevisionTrainingView> {
  const spec = await projectTemplateSpec(projectId);
  if (!spec)
    throw new AppError(
      "CONFLICT",
      "this project has no chat template yet; an admin chooses one in Settings → Training view",
      {
        location: { field: "template" },
      },
    );
  const template = await loadTemplate(spec);
  const r = await renderRevision(projectId, trajectoryId, revisionNumber, template, { stored: true });
  const maxTokens = await maxTokensOf(projectId);
  return {
    ...r.view,
    revision: r.revision,
    tokenizerCount: r.tokenizerCount,
    maxTokens,
    tokenRule: tokenRuleFinding({ tokenizer: r.tokenizerCount, template: r.view.tokenCount }, maxTokens),
  };
}
