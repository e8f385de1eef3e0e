/**
 * OpenAI Codex CLI rollouts (`~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl`). Streams lines into
 * `CodexBuilder`; human turns come only from `user_message` events, usage from `token_count`.
 */
import type { DetectSample, FormatModule } from "@/lib/formats/types";
import { readJsonLines } from "@/lib/formats/io/json-lines";
import { isRec } from "@/lib/formats/normalize/json-guards";
import { parseError } from "@/lib/formats/parse-error";
import { isItem } from "@/lib/formats/openai-responses/items";
import { CodexBuilder } from "@/lib/formats/codex-cli/builder";
import { ENVELOPE_TYPES } from "@/lib/formats/codex-cli/events";

export { CodexBuilder } from "@/lib/formats/codex-cli/builder";

function detect(sample: DetectSample): number {
  const records = sample.records;
  const hint = /(^|[\\/])rollout-[^\\/]*\.jsonl$/.test(sample.filename) ? 0.04 : 0;
  if (records && records.length) {
    const first = records[0];
    if (!isRec(first)) return 0;
    if (typeof first.type === "string" && ENVELOPE_TYPES.has(first.type) && "payload" in first) return 0.95 + hint;
    const bareHeader =
      !("type" in first) && typeof first.id === "string" && "timestamp" in first && !("messages" in first);
    const rest = records.slice(1);
    if (
      bareHeader &&
      ("instructions" in first || rest.some((r) => isRec(r) && (r.record_type === "state" || isItem(r))))
    )
      return 0.85 + hint;
    if (records.some((r) => isRec(r) && r.record_type === "state")) return 0.8 + hint;
    return 0;
  }
  if (
    /^\s*\{\s*"timestamp"\s*:\s*"[^"]*"\s*,\s*"type"\s*:\s*"(session_meta|response_item|event_msg|turn_context|compacted)"/.test(
      sample.head,
    )
  )
    return 0.7 + hint;
  return 0;
}

export const codexCli: FormatModule = {
  name: "codex-cli",
  label: "Codex CLI rollout",
  detect,
  async *parse(input) {
    const builder = new CodexBuilder(input.filename);
    let lines = 0;
    for await (const { line, value } of readJsonLines(input, (m) => builder.note(m))) {
      builder.push(value, line);
      lines++;
    }
    if (!lines) throw parseError(input.filename, "the file is empty; expected Codex rollout JSONL records");
    yield builder.finish();
  },
};
