/**
 * The validation rules a set must pass before it can be released (issue 10 §3, LIMI's preparation
 * rules in reference/limi.md §1.3). Pure: samples in, findings out, each linked to its step.
 *
 * - `arguments-object`: a tool call's arguments are a JSON object (GLM-4.5's template iterates them).
 * - `call-without-result` / `result-without-call`: every call has a result and every result a call.
 * - `argument-type`: one type per tool-argument name across the whole set (integer and fractional
 *   numbers differ: lib/export's `kindOf`, the type the export and LIMI's preparation use).
 * - `ends-with-assistant`: the training messages end with an assistant turn that calls nothing.
 * - `token-rule`: the sample is within the set's maximum (`tokenCountForRule`).
 * - `secret-annotation`: no open annotation labelled `secret`.
 * - `duplicate-trajectory`: no trajectory twice, by id or by identical content.
 */
import { createHash } from "node:crypto";
import { kindOf, type ValueKind } from "@/lib/export/parquet/value-shape";
import { toLimiMessages } from "@/lib/export/limi-format";
import { tokenCountForRule } from "@/lib/curation/token-rule";
import type { CheckSample, RawFinding } from "@/lib/curation/gate/sample";
import { maskSecret } from "@/lib/curation/gate/sample";
import { leafAt } from "@/lib/curation/gate/redaction/text-leaves";

export const VALIDATION_RULES = {
  "arguments-object": "Tool-call arguments are objects",
  "call-without-result": "Every tool call has a result",
  "result-without-call": "Every tool result has a call",
  "argument-type": "One type per tool-argument name across the set",
  "ends-with-assistant": "Each sample ends with an assistant turn",
  "token-rule": "Each sample is within the token rule",
  "secret-annotation": "No unresolved secret annotations",
  "duplicate-trajectory": "No trajectory twice",
  "not-approved": "Every item has an approved revision",
} as const;
export type ValidationRule = keyof typeof VALIDATION_RULES;

export interface ValidationOptions {
  maxTokensPerSample: number;
}

type Finding = Omit<RawFinding, "category" | "preview"> & { preview?: string };

const finding = (f: Finding): RawFinding => ({ category: "validation", preview: "", ...f });

export function validateSamples(samples: readonly CheckSample[], opts: ValidationOptions): RawFinding[] {
  const out: RawFinding[] = [];
  for (const s of samples) out.push(...sampleFindings(s, opts));
  out.push(...argumentTypeFindings(samples));
  out.push(...duplicateFindings(samples));
  return out;
}

function sampleFindings(s: CheckSample, opts: ValidationOptions): RawFinding[] {
  const out: RawFinding[] = [];
  const base = { trajectoryId: s.trajectoryId, revision: s.revision };
  const calls = new Map<string, number>();
  const results = new Map<string, number>();
  s.steps.forEach((step, i) => {
    if (step.kind === "tool_call") {
      calls.set(step.callId, i);
      if (step.arguments === null)
        out.push(
          finding({
            ...base,
            rule: "arguments-object",
            stepKey: step.key,
            stepIndex: i,
            field: "/arguments",
            message: `step ${i + 1}: the arguments of ${step.name} (call ${step.callId}) are not a JSON object${step.argumentsRaw !== undefined ? `: ${JSON.stringify(step.argumentsRaw.slice(0, 60))}` : ""}`,
            detail: step.callId,
          }),
        );
    } else if (step.kind === "tool_result") results.set(step.callId, i);
  });
  for (const [callId, i] of calls)
    if (!results.has(callId)) {
      const step = s.steps[i];
      out.push(
        finding({
          ...base,
          rule: "call-without-result",
          stepKey: step.key,
          stepIndex: i,
          message: `step ${i + 1}: tool call ${callId}${step.kind === "tool_call" ? ` (${step.name})` : ""} has no result`,
          detail: callId,
        }),
      );
    }
  for (const [callId, i] of results)
    if (!calls.has(callId))
      out.push(
        finding({
          ...base,
          rule: "result-without-call",
          stepKey: s.steps[i].key,
          stepIndex: i,
          message: `step ${i + 1}: tool result ${callId} has no call`,
          detail: callId,
        }),
      );

  const { messages, messageOf } = toLimiMessages(s.steps);
  const last = messages.at(-1);
  if (!last || last.role !== "assistant" || (last.tool_calls?.length ?? 0) > 0) {
    let at = s.steps.length - 1;
    if (last) at = messageOf.lastIndexOf(messages.length - 1);
    const step = s.steps[at];
    out.push(
      finding({
        ...base,
        rule: "ends-with-assistant",
        stepKey: step?.key,
        stepIndex: step ? at : undefined,
        message: !last
          ? "the sample has no training messages"
          : last.role === "assistant"
            ? `the last assistant turn (step ${at + 1}) ends with a tool call, not an answer`
            : `the sample ends with a ${last.role} message (step ${at + 1}), not an assistant turn`,
        detail: "",
      }),
    );
  }

  const count = tokenCountForRule(s.tokens);
  if (count > opts.maxTokensPerSample)
    out.push(
      finding({
        ...base,
        rule: "token-rule",
        message: `${count.toLocaleString("en-US")} tokens, over the set's maximum of ${opts.maxTokensPerSample.toLocaleString("en-US")}`,
        detail: "",
      }),
    );

  for (const a of s.secretAnnotations) {
    const i = s.steps.findIndex((x) => x.key === a.stepKey);
    const pointer = a.field ? `/${a.field}` : undefined;
    const text = pointer && i >= 0 ? leafAt(s.steps[i], pointer) : undefined;
    const quoted =
      text !== undefined && a.start !== null && a.end !== null && a.end > a.start && a.end <= text.length
        ? text.slice(a.start, a.end)
        : null;
    out.push(
      finding({
        ...base,
        rule: "secret-annotation",
        // A range annotation can be redacted in one click like a scanned secret.
        ...(quoted
          ? { kind: "annotated-secret", field: pointer, start: a.start!, end: a.end!, secretHash: sha256(quoted) }
          : {}),
        stepKey: a.stepKey,
        stepIndex: i >= 0 ? i : undefined,
        message: `step ${i + 1}: a "secret" annotation is still open${quoted ? "" : " (on the whole step: fix it in the editor, then resolve it)"}`,
        preview: quoted ? maskSecret(quoted) : "",
        detail: a.id,
      }),
    );
  }
  return out;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

interface Use {
  sample: CheckSample;
  stepIndex: number;
}

/** Argument paths (`timeout`, `edits[].old_string`) → the kinds seen and where. */
function argumentTypeFindings(samples: readonly CheckSample[]): RawFinding[] {
  const seen = new Map<string, Map<ValueKind, { samples: Set<string>; uses: Use[] }>>();
  const record = (path: string, kind: ValueKind, use: Use) => {
    let kinds = seen.get(path);
    if (!kinds) seen.set(path, (kinds = new Map()));
    let k = kinds.get(kind);
    if (!k) kinds.set(kind, (k = { samples: new Set(), uses: [] }));
    k.samples.add(use.sample.trajectoryId);
    k.uses.push(use);
  };
  const visit = (v: unknown, path: string, use: Use) => {
    const kind = kindOf(v);
    if (kind === "null") return;
    record(path, kind, use);
    if (kind === "list") for (const x of v as unknown[]) visit(x, `${path}[]`, use);
    else if (kind === "struct")
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) visit(x, `${path}.${k}`, use);
  };
  for (const sample of samples)
    sample.steps.forEach((step, stepIndex) => {
      if (step.kind !== "tool_call" || !step.arguments) return;
      for (const [k, v] of Object.entries(step.arguments)) visit(v, k, { sample, stepIndex });
    });

  const out: RawFinding[] = [];
  for (const [path, kinds] of seen) {
    if (kinds.size < 2) continue;
    // The type most samples use is taken as the name's type; every use of another is a finding.
    const ranked = [...kinds.entries()].sort((a, b) => b[1].samples.size - a[1].samples.size);
    const [major, majorSeen] = ranked[0];
    for (const [kind, k] of ranked.slice(1))
      for (const u of k.uses) {
        const step = u.sample.steps[u.stepIndex];
        out.push(
          finding({
            trajectoryId: u.sample.trajectoryId,
            revision: u.sample.revision,
            rule: "argument-type",
            stepKey: step.key,
            stepIndex: u.stepIndex,
            field: `/arguments/${path.split(/[.[]/)[0]}`,
            message: `step ${u.stepIndex + 1}: argument "${path}" is ${article(kind)} here but ${article(major)} in ${majorSeen.samples.size} sample${majorSeen.samples.size === 1 ? "" : "s"} (one type per argument name across the set)`,
            detail: `${path}:${kind}`,
          }),
        );
      }
  }
  return out;
}

const article = (k: ValueKind) =>
  ({
    integer: "an integer",
    float: "a fractional number",
    string: "a string",
    boolean: "a boolean",
    list: "a list",
    struct: "an object",
    null: "null",
  })[k];

function duplicateFindings(samples: readonly CheckSample[]): RawFinding[] {
  const out: RawFinding[] = [];
  const byId = new Map<string, CheckSample>();
  const byContent = new Map<string, CheckSample>();
  for (const s of samples) {
    const base = { trajectoryId: s.trajectoryId, revision: s.revision, rule: "duplicate-trajectory" };
    if (byId.has(s.trajectoryId)) {
      out.push(finding({ ...base, message: `trajectory ${s.trajectoryId} is in the set twice`, detail: "id" }));
      continue;
    }
    byId.set(s.trajectoryId, s);
    const hash = contentHash(s);
    const first = byContent.get(hash);
    if (first)
      out.push(
        finding({
          ...base,
          message: `same content as trajectory ${first.trajectoryId} ("${first.title.slice(0, 60)}")`,
          detail: `content:${first.trajectoryId}`,
        }),
      );
    else byContent.set(hash, s);
  }
  return out;
}

/** The steps' training content, without keys, counts, timestamps or source positions. */
function contentHash(s: CheckSample): string {
  const h = createHash("sha256");
  for (const step of s.steps) {
    const { key: _k, tokens: _t, timestamp: _ts, timestampRaw: _tr, source: _s, usage: _u, ...rest } = step;
    h.update(JSON.stringify(rest));
    h.update("\n");
  }
  return h.digest("hex");
}
