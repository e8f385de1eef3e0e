/**
 * `sharegpt`: LLaMA-Factory's layout — a JSON array of `{conversations: [{from, value}], system,
 * tools}` with `from` in human / gpt / function_call / observation, `tools` as a JSON string —
 * plus the `dataset_info.json` entry that registers it. Reasoning goes into `<think>…</think>` at
 * the start of a gpt or function_call value (LLaMA-Factory's reasoning templates read it there).
 *
 * What the layout cannot hold is counted, not hidden: a function_call value holds only the calls,
 * so text written beside a call is left out; and LLaMA-Factory skips a conversation whose turns do
 * not alternate user-side / assistant-side (e.g. a user message right after a tool result).
 */
import type { FormatWriter, PreparedSample } from "@/lib/export/format-writer";
import type { LimiMessage } from "@/lib/export/limi-format";
import { writeJsonArray, writeJsonDocument } from "@/lib/export/writers/json-files";

type From = "human" | "gpt" | "function_call" | "observation";
interface Turn {
  from: From;
  value: string;
}

const USER_SIDE = new Set<From>(["human", "observation"]);

export function sharegptRow(p: PreparedSample, note: (what: string) => void): Record<string, unknown> {
  const system: string[] = [];
  const turns: Turn[] = [];
  let results: string[] = [];
  const flushResults = () => {
    if (results.length === 0) return;
    // Several results of a parallel batch: one observation holding a JSON list, one per call.
    turns.push({ from: "observation", value: results.length === 1 ? results[0] : JSON.stringify(results) });
    results = [];
  };
  for (const m of p.limi.messages as LimiMessage[]) {
    if (m.role === "tool") {
      results.push(m.content);
      continue;
    }
    flushResults();
    if (m.role === "system") system.push(m.content);
    else if (m.role === "user") {
      const last = turns[turns.length - 1];
      if (last?.from === "human") last.value = `${last.value}\n\n${m.content}`;
      else turns.push({ from: "human", value: m.content });
    } else if (m.role === "assistant") {
      const think = m.reasoning_content ? `<think>${m.reasoning_content}</think>` : "";
      if (m.tool_calls?.length) {
        if (m.content.trim())
          note("assistant texts written beside a tool call, left out (a function_call turn holds only calls)");
        const calls = m.tool_calls.map((c) => ({ name: c.function.name, arguments: c.function.arguments }));
        turns.push({ from: "function_call", value: think + JSON.stringify(calls.length === 1 ? calls[0] : calls) });
      } else turns.push({ from: "gpt", value: think + m.content });
    }
  }
  flushResults();
  const alternates = turns.length % 2 === 0 && turns.every((t, i) => USER_SIDE.has(t.from) === (i % 2 === 0));
  if (!alternates) note("samples whose turns do not alternate user/assistant (LLaMA-Factory skips them)");
  const tools = p.limi.tools.map((t) => t.function);
  return {
    conversations: turns,
    ...(system.length ? { system: system.join("\n\n") } : {}),
    ...(tools.length ? { tools: JSON.stringify(tools) } : {}),
  };
}

/** LLaMA-Factory's `dataset_info.json` entry for the file written beside it. */
export function datasetInfo(name: string): Record<string, unknown> {
  return {
    [name]: {
      file_name: "train.json",
      formatting: "sharegpt",
      columns: { messages: "conversations", system: "system", tools: "tools" },
      tags: {
        role_tag: "from",
        content_tag: "value",
        user_tag: "human",
        assistant_tag: "gpt",
        observation_tag: "observation",
        function_tag: "function_call",
        system_tag: "system",
      },
    },
  };
}

export const sharegptWriter: FormatWriter = {
  format: "sharegpt",
  dataFiles: "data/train.json",
  tags: ["sft", "tool-use", "sharegpt", "llama-factory"],
  async write(ctx) {
    const rows = await writeJsonArray(
      ctx,
      "data/train.json",
      (async function* () {
        for await (const p of ctx.samples("sharegpt")) yield sharegptRow(p, (what) => ctx.note(what, p.name));
      })(),
    );
    await writeJsonDocument(ctx, "data/dataset_info.json", datasetInfo(ctx.options.name));
    return rows;
  },
};
