/**
 * Tool output as Responses/Codex record it: a plain string, a JSON string
 * `{"output": "...", "metadata": {"exit_code": 1}}` (older Codex), text starting with
 * "Exit code: N" (newer Codex), a list of content items, or `{content, success}`.
 */
import type { MediaPlaceholder } from "@/lib/trajectory/types";
import { isRec } from "@/lib/formats/normalize/json-guards";
import type { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import { contentText } from "@/lib/formats/openai-chat/content";

export interface ToolOutput {
  text: string;
  media: MediaPlaceholder[];
  isError: boolean;
  truncated: boolean;
  structured?: unknown;
}

const EXIT_CODE = /^(?:Exit code:|Process exited with code)\s*(-?\d+)/m;
const TRUNCATED = /omitted \d+ of \d+ lines|\d+ tokens truncated|\[\.\.\.\s*truncated/;

export function toolOutput(raw: unknown, skipped: WarningCounter): ToolOutput {
  if (typeof raw === "string") return fromString(raw);
  if (Array.isArray(raw)) {
    const { text, media } = contentText(raw, skipped);
    return { ...fromString(text), media };
  }
  if (isRec(raw)) {
    const inner = raw.content ?? raw.output;
    const out = toolOutput(typeof inner === "string" || Array.isArray(inner) ? inner : JSON.stringify(raw), skipped);
    if (raw.success === false) out.isError = true;
    return out;
  }
  return {
    text: raw === undefined || raw === null ? "" : JSON.stringify(raw),
    media: [],
    isError: false,
    truncated: false,
  };
}

function fromString(s: string): ToolOutput {
  const trimmed = s.trimStart();
  if (trimmed.startsWith("{")) {
    try {
      const v: unknown = JSON.parse(trimmed);
      if (isRec(v) && typeof v.output === "string") {
        const meta = isRec(v.metadata) ? v.metadata : {};
        const code = typeof meta.exit_code === "number" ? meta.exit_code : undefined;
        const { output, ...rest } = v;
        return {
          text: output,
          media: [],
          isError: code !== undefined && code !== 0,
          truncated: TRUNCATED.test(output),
          ...(Object.keys(rest).length ? { structured: rest } : {}),
        };
      }
    } catch {
      // JSON-looking text that is not the wrapper: it is the output itself.
    }
  }
  // Only the header the harness writes before "Output:" counts; the command's own text may say anything.
  const header = s.slice(0, Math.min(s.includes("Output:") ? s.indexOf("Output:") : 300, 1000));
  const m = EXIT_CODE.exec(header);
  return { text: s, media: [], isError: m !== null && Number(m[1]) !== 0, truncated: TRUNCATED.test(s) };
}
