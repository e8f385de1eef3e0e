/** Samples for export tests: canonical steps with keys, metadata, and a source over an array. */
import type { ParsedStep, ParsedTrajectory, ToolDefinition } from "@/lib/trajectory/types";
import type { ExportSample, ExportStep, SampleMeta, SampleSource } from "@/lib/export/types";

export const withKeys = (steps: readonly ParsedStep[], prefix = "s"): ExportStep[] =>
  steps.map((s, i) => ({ ...s, key: `${prefix}${i + 1}` }));

export function sampleOf(
  trajectoryId: string,
  steps: readonly ParsedStep[] | readonly ExportStep[],
  tools: readonly ToolDefinition[] = [],
  meta: Partial<SampleMeta> = {},
): ExportSample {
  const keyed = steps.every((s) => "key" in s) ? (steps as ExportStep[]) : withKeys(steps);
  return { meta: { trajectoryId, revision: 1, ...meta }, tools, steps: keyed };
}

export const fromParsed = (t: ParsedTrajectory, id: string): ExportSample => sampleOf(id, withKeys(t.steps), t.tools);

export function arraySource(samples: readonly ExportSample[]): SampleSource & { opened: number } {
  const src = {
    opened: 0,
    async *open() {
      src.opened++;
      for (const s of samples) yield s;
    },
  };
  return src;
}

export const SHELL_TOOL: ToolDefinition = {
  name: "run_shell_command",
  description: "Run a bash command in the workspace.",
  parameters: {
    type: "object",
    properties: {
      command: { type: "string", description: "The command." },
      timeout: { type: "integer", description: "Seconds." },
    },
    required: ["command"],
  },
};

/** A small agent session: system, task, reasoning + text + call, result, feedback, fix, a failed call. */
export function shellSession(timeout: unknown = 30): ParsedStep[] {
  return [
    { kind: "system", text: "You are a coding agent." },
    { kind: "human", text: "List the files." },
    { kind: "reasoning", text: "Start with ls.", hidden: false },
    { kind: "assistant", text: "I'll look at the workspace." },
    { kind: "tool_call", callId: "call_1", name: "run_shell_command", arguments: { command: "ls", timeout } },
    {
      kind: "tool_result",
      callId: "call_1",
      name: "run_shell_command",
      output: "a.txt\nb.txt",
      isError: false,
      truncated: false,
    },
    { kind: "human", text: "Now show a.txt." },
    { kind: "tool_call", callId: "call_2", name: "run_shell_command", arguments: { command: "cat a .txt" } },
    {
      kind: "tool_result",
      callId: "call_2",
      name: "run_shell_command",
      output: "cat: a: No such file",
      isError: true,
      truncated: false,
    },
    { kind: "tool_call", callId: "call_3", name: "run_shell_command", arguments: { command: "cat a.txt" } },
    {
      kind: "tool_result",
      callId: "call_3",
      name: "run_shell_command",
      output: "hello",
      isError: false,
      truncated: false,
    },
    { kind: "assistant", text: "a.txt says hello." },
  ];
}
