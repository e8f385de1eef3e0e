/**
 * Detection shared by `openai-chat` and `hf-messages`. Both read the same message shape, so the
 * scores only decide the label: string arguments, request fields or a response envelope point to
 * OpenAI Chat; object arguments, a bare `{tools, messages}` row or prompt/completion point to HF.
 * The two scores always differ, so the pick is deterministic.
 */
import type { DetectSample } from "@/lib/formats/types";
import { arr, isRec, type Rec } from "@/lib/formats/normalize/json-guards";
import { sampleValues } from "@/lib/formats/normalize/detect-values";
import { isChatMessage } from "@/lib/formats/openai-chat/convert";

export interface ChatScores {
  openai: number;
  hf: number;
}

const NONE: ChatScores = { openai: 0, hf: 0 };
const REQUEST_FIELDS = [
  "model",
  "temperature",
  "max_tokens",
  "max_completion_tokens",
  "stream",
  "tool_choice",
  "top_p",
  "n",
  "response_format",
  "parallel_tool_calls",
  "stop",
];
const ANTHROPIC_BLOCKS = new Set(["tool_use", "tool_result", "thinking", "redacted_thinking"]);

interface Evidence {
  stringArgs: number;
  dictArgs: number;
  anthropic: boolean;
}

function messageEvidence(messages: unknown[]): Evidence {
  const e: Evidence = { stringArgs: 0, dictArgs: 0, anthropic: false };
  for (const m of messages.slice(0, 400)) {
    if (!isRec(m)) continue;
    for (const tc of arr(m.tool_calls)) {
      const fn = isRec(tc) && isRec(tc.function) ? tc.function : {};
      if (typeof fn.arguments === "string") e.stringArgs++;
      else if (isRec(fn.arguments)) e.dictArgs++;
    }
    for (const b of arr(m.content))
      if (isRec(b) && typeof b.type === "string" && ANTHROPIC_BLOCKS.has(b.type)) e.anthropic = true;
  }
  return e;
}

function byArguments(e: Evidence): ChatScores | null {
  if (e.anthropic) return { openai: 0.1, hf: 0.05 };
  if (e.dictArgs > e.stringArgs) return { openai: 0.4, hf: 0.9 };
  if (e.stringArgs > 0) return { openai: 0.85, hf: 0.4 };
  return null;
}

function scoreSample(v: Rec): ChatScores {
  const req = isRec(v.request) ? v.request : v;
  const res = isRec(v.response) ? v.response : v;
  if (
    res.object === "chat.completion" ||
    (Array.isArray(res.choices) && res.choices.some((c) => isRec(c) && isRec(c.message)))
  ) {
    return { openai: 0.95, hf: 0.2 };
  }
  if (Array.isArray(req.prompt) && Array.isArray(req.completion) && req.prompt.some(isChatMessage))
    return { openai: 0.3, hf: 0.7 };
  if (!Array.isArray(req.messages) || !req.messages.length || !req.messages.some(isChatMessage)) return NONE;
  const evidence = byArguments(messageEvidence(req.messages));
  if (evidence) return evidence;
  if (REQUEST_FIELDS.some((f) => f in req)) return { openai: 0.8, hf: 0.3 };
  const keys = Object.keys(req);
  if ("tools" in req && keys.every((k) => k === "tools" || k === "messages")) return { openai: 0.5, hf: 0.8 };
  return { openai: 0.55, hf: 0.5 };
}

function scoreHead(head: string): ChatScores {
  if (!/^\s*[[{]/.test(head)) return NONE;
  if (/"object"\s*:\s*"chat\.completion"/.test(head)) return { openai: 0.8, hf: 0.2 };
  if (!/"messages"\s*:\s*"?\[/.test(head) || !/"role"\s*:/.test(head)) return NONE;
  if (/"type"\s*:\s*"(tool_use|tool_result|thinking)"/.test(head)) return { openai: 0.1, hf: 0.05 };
  if (/"arguments"\s*:\s*\{/.test(head)) return { openai: 0.35, hf: 0.7 };
  if (/"arguments"\s*:\s*"/.test(head)) return { openai: 0.7, hf: 0.35 };
  if (/^\s*\[?\s*\{\s*"model"\s*:/.test(head)) return { openai: 0.65, hf: 0.3 };
  return { openai: 0.5, hf: 0.45 };
}

export function chatScores(sample: DetectSample): ChatScores {
  const values = sampleValues(sample);
  if (!values.length) return scoreHead(sample.head);
  if (values.every(isChatMessage)) {
    return byArguments(messageEvidence(values)) ?? { openai: 0.4, hf: 0.35 };
  }
  const first = values[0];
  return isRec(first) ? scoreSample(first) : NONE;
}
