/**
 * `openai`: the fine-tuning JSONL (`{messages, tools}` per line) with tool-call arguments as JSON
 * strings. The format has no reasoning field, so readable reasoning is left out and counted.
 */
import type { FormatWriter } from "@/lib/export/format-writer";
import type { LimiMessage } from "@/lib/export/limi-format";
import { writeJsonl } from "@/lib/export/writers/json-files";

export function openaiMessage(m: LimiMessage): Record<string, unknown> {
  if (m.role !== "assistant") return m as unknown as Record<string, unknown>;
  return {
    role: "assistant",
    content: m.content,
    ...(m.tool_calls
      ? {
          tool_calls: m.tool_calls.map((c) => ({
            id: c.id,
            type: "function",
            function: { name: c.function.name, arguments: JSON.stringify(c.function.arguments) },
          })),
        }
      : {}),
  };
}

export const openaiWriter: FormatWriter = {
  format: "openai",
  dataFiles: "data/train.jsonl",
  tags: ["sft", "tool-use", "openai-chat"],
  async write(ctx) {
    return writeJsonl(
      ctx,
      "data/train.jsonl",
      (async function* () {
        for await (const p of ctx.samples("openai")) {
          if (p.limi.messages.some((m) => m.role === "assistant" && m.reasoning_content))
            ctx.note(
              "samples whose reasoning was left out (the OpenAI fine-tuning format has no reasoning field)",
              p.name,
            );
          yield {
            messages: p.limi.messages.map(openaiMessage),
            ...(p.limi.tools.length ? { tools: p.limi.tools } : {}),
          };
        }
      })(),
    );
  },
};
