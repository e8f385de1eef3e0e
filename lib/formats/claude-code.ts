/**
 * Claude Code session transcripts (`~/.claude/projects/<cwd>/<session>.jsonl`, and sub-agent
 * `agent-*.jsonl` files). Streams the file into `ClaudeCodeBuilder`, which rebuilds the active
 * branch of the record tree; see `claude-code/` for the rules.
 */
import type { DetectSample, FormatModule } from "@/lib/formats/types";
import { readJsonLines } from "@/lib/formats/io/json-lines";
import { isRec } from "@/lib/formats/normalize/json-guards";
import { parseError } from "@/lib/formats/parse-error";
import { ClaudeCodeBuilder, CC_MESSAGE_TYPES, CC_OTHER_TYPES } from "@/lib/formats/claude-code/builder";

export { ClaudeCodeBuilder } from "@/lib/formats/claude-code/builder";

function detect(sample: DetectSample): number {
  const records = sample.records;
  if (records && records.length) {
    let score = 0;
    for (const r of records.slice(0, 50)) {
      if (!isRec(r) || typeof r.type !== "string" || "payload" in r) return score;
      if (CC_MESSAGE_TYPES.has(r.type) && typeof r.uuid === "string" && ("parentUuid" in r || "sessionId" in r))
        return 0.95;
      if (CC_OTHER_TYPES.has(r.type) && ("leafUuid" in r || "sessionId" in r || "messageId" in r || "customTitle" in r))
        score = 0.7;
      else if (!CC_OTHER_TYPES.has(r.type) && !("sessionId" in r || "uuid" in r)) return score;
    }
    return score;
  }
  // First line longer than the head: look for the record envelope at the very start.
  const h = sample.head;
  if (
    /^\s*\{/.test(h) &&
    /"parentUuid"\s*:/.test(h) &&
    /"sessionId"\s*:/.test(h) &&
    /"type"\s*:\s*"(user|assistant|system)"/.test(h)
  )
    return 0.75;
  return 0;
}

export const claudeCode: FormatModule = {
  name: "claude-code",
  label: "Claude Code session",
  detect,
  async *parse(input) {
    const builder = new ClaudeCodeBuilder(input.filename);
    let lines = 0;
    for await (const { line, value } of readJsonLines(input, (m) => builder.note(m))) {
      builder.push(value, line);
      lines++;
    }
    if (!lines) throw parseError(input.filename, "the file is empty; expected Claude Code JSONL records");
    yield builder.finish();
  },
};
