/**
 * The training view: a sample rendered through a chat template the way slime builds an SFT
 * sample (`MultiTurnLossMaskGenerator`, the default "qwen" mask): each message is rendered on
 * its own, the template's fixed prefix (what it puts before any message: `[gMASK]<sop>`, a
 * default system turn, the tool block) is cut from every message after the first except system
 * ones, each piece is tokenized on its own, and loss falls on assistant messages after the
 * generation prompt (`<|im_start|>assistant\n`, `<|assistant|>`). So the text is the
 * concatenation of the pieces, the count their sum, and both are exactly what is trained on.
 *
 * One deviation, on purpose: slime measures the prefix without tools and then renders every
 * message with tools, which would leave a copy of the tool block in each; here the prefix is
 * measured with the same tools, so the block appears once, at the start.
 */
import type { ChatTemplate } from "@/lib/export/training-view/chat-template";
import type { LimiSample } from "@/lib/export/limi-format";

/** A message as the view renders it: arguments may be a string when the source had no object. */
export type ViewMessage =
  | { role: "system" | "user"; content: string }
  | {
      role: "assistant";
      content: string;
      reasoning_content?: string;
      tool_calls?: Array<{ id: string; type: "function"; function: { name: string; arguments: unknown } }>;
    }
  | { role: "tool"; content: string; tool_call_id: string };

export interface ViewSample {
  tools: LimiSample["tools"];
  messages: readonly ViewMessage[];
}

export interface ViewSegment {
  message: number;
  role: ViewMessage["role"];
  /** Character range of the piece in `text`. */
  start: number;
  end: number;
  tokens: number;
  /** Assistant pieces: where loss starts (after the generation prompt) and how many tokens carry it. */
  lossStart?: number;
  lossTokens: number;
}

export interface ViewFinding {
  message: number | null;
  code: "string-arguments" | "render-error" | "prefix-mismatch" | "generation-prompt-mismatch" | "calibration";
  text: string;
}

export interface TrainingView {
  templateId: string;
  text: string;
  segments: ViewSegment[];
  /** Character spans of `text` that carry loss. */
  lossSpans: Array<{ start: number; end: number }>;
  tokenCount: number;
  lossTokenCount: number;
  findings: ViewFinding[];
  /**
   * Where the piece counts came from: the tokenizer, or the counts the training.count job stored
   * for this revision and template (no tokenizing; the same numbers it would give).
   */
  countsFrom: "tokenizer" | "stored";
}

/** Options of a render. */
export interface RenderOptions {
  /**
   * Token counts per message stored by the training.count job under this template
   * (`messageTokens` of an earlier render). Used only when aligned with the messages.
   */
  storedMessageTokens?: readonly number[] | null;
}

/** Tokens per message, aligned with the sample's messages (0 for a message that did not render). */
export function messageTokens(view: Pick<TrainingView, "segments">, messageCount: number): number[] {
  const out = new Array<number>(messageCount).fill(0);
  for (const s of view.segments) out[s.message] = s.tokens;
  return out;
}

const PROBE = "FOR TESTING ONLY";

interface Calibration {
  prefix: string;
  generation: string;
  generationTokens: number;
}

/** slime's `get_system_message_length`, in text: render one and two probe user turns and compare. */
function calibrate(t: ChatTemplate, tools: ViewSample["tools"], findings: ViewFinding[]): Calibration {
  const user = { role: "user", content: PROBE };
  try {
    const one = t.render([user], tools, false);
    const two = t.render([user, user], tools, false);
    const withGen = t.render([user], tools, true);
    const turn = two.startsWith(one) ? two.slice(one.length) : "";
    const prefix = turn && one.endsWith(turn) ? one.slice(0, one.length - turn.length) : "";
    const generation = withGen.startsWith(one) ? withGen.slice(one.length) : "";
    if (!turn)
      findings.push({
        message: null,
        code: "calibration",
        text: "the template renders two user turns differently from one after another; its prefix could not be measured, so each message keeps its whole rendering",
      });
    return { prefix, generation, generationTokens: t.count(generation) };
  } catch (e) {
    findings.push({
      message: null,
      code: "render-error",
      text: `the template fails on a plain user turn: ${errorText(e)}`,
    });
    return { prefix: "", generation: "", generationTokens: 0 };
  }
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function stringArgumentFindings(messages: readonly ViewMessage[]): ViewFinding[] {
  const out: ViewFinding[] = [];
  messages.forEach((m, i) => {
    if (m.role !== "assistant") return;
    for (const c of m.tool_calls ?? [])
      if (typeof c.function.arguments === "string")
        out.push({
          message: i,
          code: "string-arguments",
          text: `message ${i}: the arguments of tool call ${c.id || "(no id)"} (${c.function.name}) are a string, not an object; a template that iterates the arguments (GLM-4.5's arguments.items()) cannot render them as intended`,
        });
  });
  return out;
}

export function renderTrainingView(
  sample: ViewSample,
  template: ChatTemplate,
  options: RenderOptions = {},
): TrainingView {
  const stored =
    options.storedMessageTokens && options.storedMessageTokens.length === sample.messages.length
      ? options.storedMessageTokens
      : null;
  const findings: ViewFinding[] = stringArgumentFindings(sample.messages);
  const tools = sample.tools;
  const cal = calibrate(template, tools, findings);
  const parts: string[] = [];
  const segments: ViewSegment[] = [];
  const lossSpans: TrainingView["lossSpans"] = [];
  let at = 0;
  let tokenCount = 0;
  let lossTokenCount = 0;

  sample.messages.forEach((m, i) => {
    let piece: string;
    try {
      piece = template.render([m], tools, false);
    } catch (e) {
      findings.push({
        message: i,
        code: "render-error",
        text: `message ${i} (${m.role}) does not render: ${errorText(e)}`,
      });
      return;
    }
    if (i > 0 && m.role !== "system" && cal.prefix) {
      if (piece.startsWith(cal.prefix)) piece = piece.slice(cal.prefix.length);
      else
        findings.push({
          message: i,
          code: "prefix-mismatch",
          text: `message ${i} (${m.role}) does not start with the template's prefix; kept whole`,
        });
    }
    const tokens = stored ? stored[i] : template.count(piece);
    const seg: ViewSegment = { message: i, role: m.role, start: at, end: at + piece.length, tokens, lossTokens: 0 };
    if (m.role === "assistant") {
      let skip = 0;
      let skipTokens = 0;
      if (cal.generation && piece.startsWith(cal.generation)) {
        skip = cal.generation.length;
        skipTokens = cal.generationTokens;
      } else if (cal.generation)
        findings.push({
          message: i,
          code: "generation-prompt-mismatch",
          text: `message ${i} (assistant) does not start with the generation prompt ${JSON.stringify(cal.generation)}; the whole piece carries loss`,
        });
      seg.lossStart = at + skip;
      seg.lossTokens = Math.max(0, tokens - skipTokens);
      if (seg.end > seg.lossStart) lossSpans.push({ start: seg.lossStart, end: seg.end });
      lossTokenCount += seg.lossTokens;
    }
    segments.push(seg);
    parts.push(piece);
    at += piece.length;
    tokenCount += tokens;
  });

  return {
    templateId: template.id,
    text: parts.join(""),
    segments,
    lossSpans,
    tokenCount,
    lossTokenCount,
    findings,
    countsFrom: stored ? "stored" : "tokenizer",
  };
}

/**
 * The token rule under the template: a sample within the rule by the plain tokenizer count but
 * over it once rendered is flagged, since the trainer sees the rendered tokens.
 */
export function tokenRuleFinding(
  counts: { tokenizer: number; template: number },
  maxTokens: number,
): { code: "over-token-rule-under-template"; text: string } | null {
  if (counts.template <= maxTokens) return null;
  const under = counts.tokenizer <= maxTokens;
  return {
    code: "over-token-rule-under-template",
    text: under
      ? `within the token rule by the tokenizer count (${counts.tokenizer} ≤ ${maxTokens}) but over it under the chat template (${counts.template} tokens)`
      : `over the token rule: ${counts.template} tokens under the chat template (rule ${maxTokens})`,
  };
}
