/**
 * `hf-messages`: Hugging Face / TRL `{messages, tools}` JSONL with object arguments, reasoning as
 * `reasoning_content`, and on each tool message the tool's `name` and `is_error` (a flag TRL ignores
 * and our importer reads back as stated, so its text heuristic never overrules it; LIMI's format has
 * no error field).
 */
import type { FormatWriter, PreparedSample } from "@/lib/export/format-writer";
import { writeJsonl } from "@/lib/export/writers/json-files";

export function hfMessagesRow(p: PreparedSample): Record<string, unknown> {
  // Tool messages are the non-sidechain tool results, in order (see toLimiMessages).
  const results = p.sample.steps.filter((s) => s.kind === "tool_result" && !s.sidechain);
  let r = 0;
  const messages = p.limi.messages.map((m) => {
    if (m.role !== "tool") return m;
    const step = results[r++];
    if (step?.kind !== "tool_result") return m;
    return {
      role: "tool",
      tool_call_id: m.tool_call_id,
      ...(step.name ? { name: step.name } : {}),
      content: m.content,
      is_error: step.isError,
    };
  });
  return { messages, ...(p.limi.tools.length ? { tools: p.limi.tools } : {}) };
}

export const hfMessagesWriter: FormatWriter = {
  format: "hf-messages",
  dataFiles: "data/train.jsonl",
  tags: ["sft", "tool-use", "reasoning"],
  async write(ctx) {
    return writeJsonl(
      ctx,
      "data/train.jsonl",
      (async function* () {
        for await (const p of ctx.samples("hf-messages")) yield hfMessagesRow(p);
      })(),
    );
  },
};
