/**
 * Export samples from the import benchmark's synthetic sessions (bench/import/script.ts: tasks,
 * model turns with reasoning, text and 1-3 tool calls, results with failures, human feedback;
 * token targets log-normal around the mean, calibrated against o200k).
 */
import { Rng } from "@/bench/import/prng";
import { ScriptGenerator, TokenEstimator, tokenTargets, type Call, type Script } from "@/bench/import/script";
import type { ExportSample, ExportStep, SampleSource } from "@/lib/export/types";
import type { ParsedStep, ToolDefinition } from "@/lib/trajectory/types";

const str = (description: string) => ({ type: "string", description });

export const BENCH_TOOLS: ToolDefinition[] = [
  {
    name: "run_shell_command",
    description: "Run a shell command in the workspace.",
    parameters: {
      type: "object",
      properties: { command: str("Command line."), description: str("Why.") },
      required: ["command"],
    },
  },
  {
    name: "read_file",
    description: "Read a file.",
    parameters: { type: "object", properties: { path: str("Path.") }, required: ["path"] },
  },
  {
    name: "replace",
    description: "Replace text in a file.",
    parameters: {
      type: "object",
      properties: { path: str("Path."), old_string: str("Text to replace."), new_string: str("Replacement.") },
      required: ["path", "old_string", "new_string"],
    },
  },
  {
    name: "write_file",
    description: "Write a file.",
    parameters: {
      type: "object",
      properties: { path: str("Path."), content: str("Content.") },
      required: ["path", "content"],
    },
  },
  {
    name: "search_file_content",
    description: "Search files for a pattern.",
    parameters: { type: "object", properties: { pattern: str("Regex."), path: str("Where.") }, required: ["pattern"] },
  },
];

function callOf(c: Call): { name: string; arguments: Record<string, unknown> } {
  switch (c.kind) {
    case "shell":
      return { name: "run_shell_command", arguments: { command: c.command, description: c.description } };
    case "read":
      return { name: "read_file", arguments: { path: c.path } };
    case "edit":
      return { name: "replace", arguments: { path: c.path, old_string: c.oldText, new_string: c.newText } };
    case "write":
      return { name: "write_file", arguments: { path: c.path, content: c.content } };
    case "search":
      return { name: "search_file_content", arguments: { pattern: c.pattern, path: c.path } };
  }
}

export function stepsOf(script: Script): ExportStep[] {
  const steps: ParsedStep[] = [
    { kind: "system", text: "You are an autonomous software engineering agent working in a repository." },
  ];
  let call = 0;
  for (const e of script.events) {
    if (e.t === "human") steps.push({ kind: "human", text: e.text });
    else {
      if (e.reasoning) steps.push({ kind: "reasoning", text: e.reasoning, hidden: false });
      if (e.text) steps.push({ kind: "assistant", text: e.text });
      if (e.t === "turn")
        for (const u of e.uses) {
          const id = `call_${++call}`;
          steps.push({ kind: "tool_call", callId: id, ...callOf(u.call) });
          steps.push({
            kind: "tool_result",
            callId: id,
            output: u.result.output,
            isError: u.result.failed,
            truncated: false,
          });
        }
    }
  }
  return steps.map((s, i) => ({ ...s, key: `s${i + 1}` }));
}

export interface BenchSet {
  samples: ExportSample[];
  tokens: number[];
}

/** `count` distinct samples with o200k-estimated tokens around `meanTokens` (LIMI: 78 around 42k). */
export function generateSet(count: number, meanTokens: number, seed = 78): BenchSet {
  const rng = new Rng(seed);
  const gen = new ScriptGenerator(rng, new TokenEstimator());
  const targets = tokenTargets(rng, count, meanTokens);
  const samples: ExportSample[] = [];
  const tokens: number[] = [];
  targets.forEach((t, i) => {
    const script = gen.generate(i, t);
    const steps = stepsOf(script);
    tokens.push(script.estimatedTokens);
    // An edited call (for dpo) and a first-error step (for prm) in every sample.
    const firstCall = steps.findIndex((s) => s.kind === "tool_call");
    const first = steps.map((s, j) =>
      j === firstCall && s.kind === "tool_call" ? { ...s, arguments: { ...s.arguments, path: "src/old_guess.ts" } } : s,
    );
    samples.push({
      meta: {
        trajectoryId: `bench-${String(i + 1).padStart(5, "0")}`,
        revision: 2,
        domain: i % 3 === 0 ? "research" : "vibe-coding",
        query: {
          text: script.events[0].t === "human" ? script.events[0].text.slice(0, 200) : "",
          source: i % 2 ? "pr" : "human",
        },
        tokens: { tokenizer: "o200k", count: script.estimatedTokens },
        scores: { "r1@example.com": 4, "r2@example.com": 5 },
      },
      tools: BENCH_TOOLS,
      steps,
      firstRevisionSteps: first,
      firstErrorStepKey: steps.find((s) => s.kind === "tool_result" && s.isError)?.key ?? null,
    });
  });
  return { samples, tokens };
}

/** `total` samples cycling through `pool` with distinct ids: a large release without holding it. */
export function cyclingSource(pool: readonly ExportSample[], total: number): SampleSource {
  return {
    async *open() {
      for (let i = 0; i < total; i++) {
        const s = pool[i % pool.length];
        yield { ...s, meta: { ...s.meta, trajectoryId: `big-${String(i + 1).padStart(6, "0")}` } };
      }
    },
  };
}
