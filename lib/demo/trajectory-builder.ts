/**
 * A small builder for hand-written demo trajectories: it numbers call ids, spaces timestamps as a
 * real session would, and returns a canonical ParsedTrajectory that passes the model's schema.
 */
import {
  ParsedTrajectorySchema,
  type ParsedStep,
  type ParsedTrajectory,
  type ToolDefinition,
} from "@/lib/trajectory/types";

export class TrajectoryBuilder {
  private steps: ParsedStep[] = [];
  private clock: number;
  private calls = 0;

  constructor(
    private readonly meta: {
      title: string;
      /** An agent whose transcript format has the same name (claude-code, codex-cli, sii-cli…). */
      agent: "claude-code" | "codex-cli" | "gemini-cli" | "sii-cli";
      model: string;
      cwd: string;
      startedAt: string;
      tools: ToolDefinition[];
    },
  ) {
    this.clock = Date.parse(meta.startedAt);
  }

  private at(seconds: number) {
    this.clock += seconds * 1000;
    return new Date(this.clock).toISOString();
  }

  system(text: string) {
    this.steps.push({ kind: "system", text, timestamp: this.at(0) });
    return this;
  }

  human(text: string) {
    this.steps.push({ kind: "human", text, timestamp: this.at(20) });
    return this;
  }

  assistant(text: string) {
    this.steps.push({ kind: "assistant", text, timestamp: this.at(6) });
    return this;
  }

  think(text: string) {
    this.steps.push({ kind: "reasoning", text, hidden: false, timestamp: this.at(4) });
    return this;
  }

  /** A tool call and its result. */
  tool(
    name: string,
    args: Record<string, unknown>,
    output: string,
    opts: { isError?: boolean; truncated?: boolean } = {},
  ) {
    const callId = `call_${String(++this.calls).padStart(3, "0")}`;
    this.steps.push({ kind: "tool_call", callId, name, arguments: args, timestamp: this.at(3) });
    this.steps.push({
      kind: "tool_result",
      callId,
      name,
      output,
      isError: opts.isError ?? false,
      truncated: opts.truncated ?? false,
      timestamp: this.at(2),
    });
    return this;
  }

  build(): ParsedTrajectory {
    return ParsedTrajectorySchema.parse({
      // Each demo session is written as its agent records it, so its format is the agent's own
      // transcript format (every demo agent is also a format of that name).
      format: this.meta.agent,
      title: this.meta.title,
      tools: this.meta.tools,
      steps: this.steps,
      source: {
        agent: this.meta.agent,
        model: this.meta.model,
        cwd: this.meta.cwd,
        startedAt: this.meta.startedAt,
        endedAt: new Date(this.clock).toISOString(),
      },
      warnings: [],
    });
  }
}

const str = (description: string) => ({ type: "string", description });

/** The SII CLI tool set LIMI's trajectories were collected with (Gemini CLI lineage). */
export const SII_TOOLS: ToolDefinition[] = [
  {
    name: "read_file",
    description: "Read a file from the workspace.",
    parameters: { type: "object", properties: { path: str("Absolute path") }, required: ["path"] },
  },
  {
    name: "write_file",
    description: "Write a file, replacing its content.",
    parameters: {
      type: "object",
      properties: { path: str("Absolute path"), content: str("New content") },
      required: ["path", "content"],
    },
  },
  {
    name: "replace",
    description: "Replace text in a file.",
    parameters: {
      type: "object",
      properties: { path: str("Absolute path"), old_string: str("Exact text"), new_string: str("Replacement") },
      required: ["path", "old_string", "new_string"],
    },
  },
  {
    name: "run_shell_command",
    description: "Run a bash command in the workspace.",
    parameters: {
      type: "object",
      properties: { command: str("The command"), description: str("Why") },
      required: ["command"],
    },
  },
  {
    name: "list_directory",
    description: "List a directory.",
    parameters: { type: "object", properties: { path: str("Absolute path") }, required: ["path"] },
  },
  {
    name: "sii_web_search",
    description: "Search the web.",
    parameters: { type: "object", properties: { query: str("Search query") }, required: ["query"] },
  },
];
