/**
 * The prompt that turns a pull request into a task, and the check of what the model wrote.
 *
 * Templates use `{{name}}` placeholders from a fixed list. Rendering is one pass over the
 * template: values are inserted verbatim and never scanned again, so a PR body that contains
 * `{{patch}}` stays literal text, and an unknown or unclosed placeholder is an error, not a blank.
 */
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { PullRequest } from "@/lib/queries/pull-requests/pr-types";

export const PROMPT_PLACEHOLDERS = ["repo", "number", "title", "body", "patch", "changed_files"] as const;
export type PromptPlaceholder = (typeof PROMPT_PLACEHOLDERS)[number];

export const DEFAULT_SYNTHESIS_TEMPLATE = `You are helping build a small, high-quality dataset of realistic software-engineering tasks for training coding agents.

Below is a merged pull request from the repository {{repo}}. Write the request a developer would have given an AI coding agent *before* this change existed: a task that, done well, produces a change like this one.

Rules:
- Write the query the way the developer would: the goal, the context and any constraints, in their own words. Do not paste the diff and do not mention "this pull request".
- Do not dictate the solution line by line; a capable engineer should be able to solve it by exploring the repository.
- task_category: one short label such as "bug fix", "feature", "refactor", "performance", "tests", "build/CI" or "dependency update".
- modified_files: the repository paths the change edits.
- related_files: other repository paths an engineer would read to do the task (may be empty).
- reasoning: one or two sentences on why the query matches the change.

Reply with only this JSON object, no prose and no code fence:
{"query": "...", "task_category": "...", "modified_files": ["..."], "related_files": ["..."], "reasoning": "..."}

Repository: {{repo}}
Pull request: #{{number}}
Title: {{title}}

Description:
{{body}}

Changed files:
{{changed_files}}

Diff:
{{patch}}
`;

/** Asked again, once, after an unusable reply. */
export const correctionMessage = (problem: string): string =>
  `Your previous reply could not be used: ${problem}. Reply again with only the JSON object {"query", "task_category", "modified_files", "related_files", "reasoning"}, with no prose and no code fence.`;

const PLACEHOLDER_RE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Throws a VALIDATION error naming the line of the first unknown or unclosed placeholder. */
export function validateTemplate(template: string): void {
  if (template.trim() === "")
    throw new AppError("VALIDATION", "the prompt template is empty", { location: { field: "template" } });
  for (const m of template.matchAll(PLACEHOLDER_RE)) {
    const name = m[1];
    if (!(PROMPT_PLACEHOLDERS as readonly string[]).includes(name)) {
      const line = lineAt(template, m.index);
      throw new AppError(
        "VALIDATION",
        `prompt template line ${line}: unknown placeholder ${m[0]}; allowed: ${PROMPT_PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")}`,
        {
          location: { field: "template", line },
        },
      );
    }
  }
  // Only `{{` is checked: `}}` is common in example JSON (`{"a": {"b": 1}}`) and harmless.
  const stray = template.replace(PLACEHOLDER_RE, (s) => " ".repeat(s.length)).indexOf("{{");
  if (stray !== -1) {
    const line = lineAt(template, stray);
    throw new AppError(
      "VALIDATION",
      `prompt template line ${line}: "{{" opens a placeholder that is never closed with "}}"`,
      { location: { field: "template", line } },
    );
  }
}

export function promptValues(pr: PullRequest): Record<PromptPlaceholder, string> {
  return {
    repo: pr.repo,
    number: String(pr.number),
    title: pr.title,
    body: pr.body?.trim() || "(no description)",
    patch: pr.patch,
    changed_files: pr.changedFiles.length > 0 ? pr.changedFiles.map((f) => `- ${f}`).join("\n") : "(not listed)",
  };
}

export function renderPrompt(template: string, pr: PullRequest): string {
  validateTemplate(template);
  const values = promptValues(pr);
  return template.replace(PLACEHOLDER_RE, (_, name: string) => values[name as PromptPlaceholder]);
}

const filePath = z.string().trim().min(1, { error: "must not contain empty paths" });

export const SynthesisOutputSchema = z.object({
  query: z.string().trim().min(1, { error: "is empty" }),
  task_category: z.string().trim().min(1, { error: "is empty" }),
  modified_files: z.array(filePath).min(1, { error: "must list at least one file" }),
  related_files: z.array(filePath),
  reasoning: z.string().trim(),
});
export type SynthesisOutput = z.output<typeof SynthesisOutputSchema>;

export interface SynthesisParseFailure {
  kind: "empty" | "not_json" | "not_object" | "invalid_fields";
  /** One line a person can act on, e.g. `field "query" is missing`. */
  message: string;
  /** The offending fields, for `invalid_fields`. */
  fields?: string[];
}

export type SynthesisParseResult = { ok: true; value: SynthesisOutput } | { ok: false; error: SynthesisParseFailure };

/**
 * Reads a model reply. Tolerated: surrounding whitespace, a ```json fence, a `<think>` block
 * (reasoning models), and a sentence before or after the object. Everything else is a failure
 * that says what was wrong.
 */
export function parseSynthesisOutput(text: string): SynthesisParseResult {
  const withoutThinking = text.replace(/<think>[\s\S]*?<\/think>/gi, "").trim();
  if (withoutThinking === "") return fail("empty", "the reply is empty");

  const fenced = /```[A-Za-z]*[ \t]*\r?\n?([\s\S]*?)```/.exec(withoutThinking);
  let candidate = (fenced ? fenced[1] : withoutThinking).trim();
  if (!candidate.startsWith("{") && !candidate.startsWith("[")) {
    const start = candidate.indexOf("{");
    const end = candidate.lastIndexOf("}");
    if (start === -1 || end < start)
      return fail("not_json", `the reply is not JSON (starts with ${JSON.stringify(candidate.slice(0, 40))})`);
    candidate = candidate.slice(start, end + 1);
  }
  let json: unknown;
  try {
    json = JSON.parse(candidate);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return fail("not_json", `the reply is not valid JSON (${reason.slice(0, 160)})`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return fail(
      "not_object",
      `the reply is JSON but not an object (got ${Array.isArray(json) ? "an array" : json === null ? "null" : `a ${typeof json}`})`,
    );
  }

  const parsed = SynthesisOutputSchema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const record = json as Record<string, unknown>;
  const fields: string[] = [];
  const problems: string[] = [];
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join(".");
    const top = String(issue.path[0] ?? "");
    if (!fields.includes(top)) fields.push(top);
    if (issue.path.length === 1 && record[top] === undefined) problems.push(`field "${top}" is missing`);
    else
      problems.push(
        `field "${field}" ${issue.code === "invalid_type" ? `has the wrong type (${issue.message.replace(/^Invalid input: /, "")})` : issue.message}`,
      );
  }
  return { ok: false, error: { kind: "invalid_fields", message: problems.join("; "), fields } };
}

function fail(kind: SynthesisParseFailure["kind"], message: string): SynthesisParseResult {
  return { ok: false, error: { kind, message } };
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
