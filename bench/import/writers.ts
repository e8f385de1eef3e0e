/**
 * Abstract sessions (script.ts) written in each format's real on-disk shape, one record or event at
 * a time. Each writer returns what the importer should find, so `--check` can compare:
 * tool calls and results always match the script; failed results only where the format records
 * failure (Claude Code and Anthropic `is_error`, Codex exit codes, Gemini CLI `status: error`
 * for non-shell tools, SII `response.error`; chat datasets have no flag); reasoning wherever the
 * format carries readable thinking (LIMI rows carry none).
 */
import type { Rng } from "@/bench/import/prng";
import type { FileSink } from "@/bench/import/sink";
import type { Call, Script, ScriptEvent, ToolUse } from "@/bench/import/script";

export interface Expect {
  trajectories: number;
  human: number;
  calls: number;
  results: number;
  failed: number;
  reasoning: number;
}

export const emptyExpect = (): Expect => ({ trajectories: 0, human: 0, calls: 0, results: 0, failed: 0, reasoning: 0 });

export function addExpect(a: Expect, b: Expect): Expect {
  return {
    trajectories: a.trajectories + b.trajectories,
    human: a.human + b.human,
    calls: a.calls + b.calls,
    results: a.results + b.results,
    failed: a.failed + b.failed,
    reasoning: a.reasoning + b.reasoning,
  };
}

export const FORMATS = [
  "claude-code",
  "codex-cli",
  "sii-cli",
  "openai-chat",
  "hf-messages",
  "anthropic-messages",
  "gemini-cli",
] as const;
export type PoolFormat = (typeof FORMATS)[number];

const iso = (s: Script, at: number) => new Date(s.start + at).toISOString();
const line = (sink: FileSink, v: unknown) => sink.write(JSON.stringify(v) + "\n");

function expectOf(s: Script, opts: { failed: (u: ToolUse) => boolean; reasoning: boolean }): Expect {
  const e = emptyExpect();
  e.trajectories = 1;
  for (const ev of s.events) {
    if (ev.t === "human") e.human++;
    else {
      if (ev.reasoning && opts.reasoning) e.reasoning++;
      if (ev.t === "turn") {
        e.calls += ev.uses.length;
        e.results += ev.uses.length;
        e.failed += ev.uses.filter(opts.failed).length;
      }
    }
  }
  return e;
}

const allFailures = (u: ToolUse) => u.result.failed;

/** A subject line for formats that title their thoughts. */
function thoughtParts(reasoning: string): { subject: string; description: string } {
  const m = /^\*\*(.+?)\*\*\n\n([\s\S]*)$/.exec(reasoning);
  if (m) return { subject: m[1], description: m[2] };
  return { subject: reasoning.split(/[.:?]/)[0].split(" ").slice(0, 6).join(" "), description: reasoning };
}

const numbered = (text: string) =>
  text
    .split("\n")
    .map((l, i) => `${String(i + 1).padStart(6)}→${l}`)
    .join("\n");

function usageNumbers(rng: Rng, at: number) {
  const input = 2000 + Math.floor(at / 40) + rng.int(0, 3000);
  return { input, output: rng.int(20, 2000), cached: Math.floor(input * 0.8) };
}

// -----------------------------------------------------------------------------------------------
// Claude Code session JSONL

function ccTool(c: Call): { name: string; input: Record<string, unknown> } {
  switch (c.kind) {
    case "shell":
      return { name: "Bash", input: { command: c.command, description: c.description } };
    case "read":
      return { name: "Read", input: { file_path: c.path } };
    case "edit":
      return { name: "Edit", input: { file_path: c.path, old_string: c.oldText, new_string: c.newText } };
    case "write":
      return { name: "Write", input: { file_path: c.path, content: c.content } };
    case "search":
      return { name: "Grep", input: { pattern: c.pattern, path: c.path, output_mode: "content", "-n": true } };
  }
}

function ccResult(u: ToolUse): { content: string; toolUseResult: unknown } {
  const { call: c, result: r } = u;
  switch (c.kind) {
    case "shell":
      return r.failed
        ? {
            content: `Exit code ${r.exitCode}\n${r.output}`,
            toolUseResult: `Error: Exit code ${r.exitCode}\n${r.output}`,
          }
        : { content: r.output, toolUseResult: { stdout: r.output, stderr: "", interrupted: false, isImage: false } };
    case "read": {
      if (r.failed)
        return {
          content: "<tool_use_error>File does not exist.</tool_use_error>",
          toolUseResult: "Error: File does not exist.",
        };
      const lines = r.output.split("\n").length;
      return {
        content: numbered(r.output),
        toolUseResult: {
          type: "text",
          file: { filePath: c.path, content: r.output, numLines: lines, startLine: 1, totalLines: lines },
        },
      };
    }
    case "edit":
      return r.failed
        ? { content: `<tool_use_error>${r.output}</tool_use_error>`, toolUseResult: `Error: ${r.output}` }
        : {
            content: `The file ${c.path} has been updated. Here's the result of running \`cat -n\` on a snippet of the edited file:\n${numbered(c.newText ?? "")}`,
            toolUseResult: {
              filePath: c.path,
              oldString: c.oldText,
              newString: c.newText,
              userModified: false,
              replaceAll: false,
            },
          };
    case "write":
      return {
        content: r.output,
        toolUseResult: { type: "create", filePath: c.path, content: c.content, structuredPatch: [] },
      };
    case "search":
      return {
        content: r.output,
        toolUseResult: {
          mode: "content",
          numFiles: 0,
          filenames: [],
          content: r.output,
          numLines: r.output.split("\n").length,
        },
      };
  }
}

export function writeClaudeCode(sink: FileSink, s: Script, rng: Rng): Expect {
  const env = {
    isSidechain: false,
    userType: "external",
    cwd: s.ws.cwd,
    sessionId: s.sessionId,
    version: "2.0.31",
    gitBranch: rng.pick(["main", "fix/tests", "feat/export"]),
  };
  let parent: string | null = null;
  const record = (fields: Record<string, unknown>, at: number) => {
    const uuid = rng.uuid();
    line(sink, { parentUuid: parent, ...env, ...fields, uuid, timestamp: iso(s, at) });
    parent = uuid;
  };
  const firstId = rng.uuid();
  line(sink, {
    type: "file-history-snapshot",
    messageId: firstId,
    snapshot: { messageId: firstId, trackedFileBackups: {}, timestamp: iso(s, 0) },
    isSnapshotUpdate: false,
  });
  const assistant = (ev: Exclude<ScriptEvent, { t: "human" }>) => {
    const msgId = `msg_01${rng.alnum(22)}`;
    const requestId = `req_01${rng.alnum(22)}`;
    const u = usageNumbers(rng, ev.at);
    const usage = {
      input_tokens: rng.int(4, 40),
      cache_creation_input_tokens: u.input - u.cached,
      cache_read_input_tokens: u.cached,
      output_tokens: u.output,
      service_tier: "standard",
    };
    const blocks: unknown[] = [];
    if (ev.reasoning)
      blocks.push({ type: "thinking", thinking: ev.reasoning, signature: rng.alnum(rng.int(200, 600)) });
    if (ev.text) blocks.push({ type: "text", text: ev.text });
    const ids: string[] = [];
    if (ev.t === "turn") {
      for (const use of ev.uses) {
        const id = `toolu_01${rng.alnum(22)}`;
        ids.push(id);
        blocks.push({ type: "tool_use", id, ...ccTool(use.call) });
      }
    }
    blocks.forEach((b, i) => {
      const last = i === blocks.length - 1;
      const stop = last ? (ids.length ? "tool_use" : "end_turn") : null;
      record(
        {
          type: "assistant",
          requestId,
          message: {
            id: msgId,
            type: "message",
            role: "assistant",
            model: "claude-sonnet-4-5-20250929",
            content: [b],
            stop_reason: stop,
            stop_sequence: null,
            usage,
          },
        },
        ev.at + i * 50,
      );
    });
    if (ev.t === "turn") {
      ev.uses.forEach((use, i) => {
        const r = ccResult(use);
        const block = {
          tool_use_id: ids[i],
          type: "tool_result",
          content: r.content,
          ...(use.result.failed ? { is_error: true } : {}),
        };
        record(
          { type: "user", message: { role: "user", content: [block] }, toolUseResult: r.toolUseResult },
          use.resultAt,
        );
      });
    }
  };
  for (const ev of s.events) {
    if (ev.t === "human") record({ type: "user", message: { role: "user", content: ev.text } }, ev.at);
    else assistant(ev);
  }
  return expectOf(s, { failed: allFailures, reasoning: true });
}

// -----------------------------------------------------------------------------------------------
// Codex CLI rollout JSONL

function codexCommand(c: Call): { command: string[]; output: (out: string, failed: boolean) => string } {
  switch (c.kind) {
    case "shell":
      return { command: ["bash", "-lc", c.command!], output: (o) => o };
    case "read":
      return {
        command: ["bash", "-lc", `sed -n '1,400p' ${c.path}`],
        output: (o, failed) => (failed ? `sed: can't read ${c.path}: No such file or directory` : o),
      };
    case "edit":
      return {
        command: [
          "apply_patch",
          `*** Begin Patch\n*** Update File: ${c.path}\n@@\n${(c.oldText ?? "")
            .split("\n")
            .map((l) => `-${l}`)
            .join("\n")}\n${(c.newText ?? "")
            .split("\n")
            .map((l) => `+${l}`)
            .join("\n")}\n*** End Patch`,
        ],
        output: (o, failed) =>
          failed
            ? `Failed to find expected lines in ${c.path}:\n${(c.oldText ?? "").split("\n")[0]}`
            : `Success. Updated the following files:\nM ${c.path}\n`,
      };
    case "write":
      return {
        command: [
          "apply_patch",
          `*** Begin Patch\n*** Add File: ${c.path}\n${(c.content ?? "")
            .split("\n")
            .map((l) => `+${l}`)
            .join("\n")}\n*** End Patch`,
        ],
        output: () => `Success. Updated the following files:\nA ${c.path}\n`,
      };
    case "search":
      return { command: ["bash", "-lc", `rg -n '${c.pattern}' ${c.path}`], output: (o) => o };
  }
}

export function writeCodex(sink: FileSink, s: Script, rng: Rng): Expect {
  const rec = (type: string, payload: unknown, at: number) => line(sink, { timestamp: iso(s, at), type, payload });
  const model = rng.pick(["gpt-5-codex", "gpt-5", "gpt-5.1-codex"]);
  rec(
    "session_meta",
    {
      id: s.sessionId,
      timestamp: iso(s, 0),
      cwd: s.ws.cwd,
      originator: "codex_cli_rs",
      cli_version: "0.58.0",
      instructions: null,
      source: "cli",
      model_provider: "openai",
      base_instructions: {
        text: "You are Codex, based on GPT-5. You are running as a coding agent in the Codex CLI on a user's computer.",
      },
      git: { commit_hash: rng.hex(40), branch: "main", repository_url: `git@github.com:acme/${s.ws.project}.git` },
    },
    0,
  );
  rec(
    "response_item",
    {
      type: "message",
      role: "developer",
      content: [
        {
          type: "input_text",
          text: "<permissions instructions>\nFilesystem sandboxing: workspace-write. Network access is restricted. Approval policy: on-request.\n</permissions instructions>",
        },
      ],
    },
    1,
  );
  rec(
    "response_item",
    {
      type: "message",
      role: "user",
      content: [
        {
          type: "input_text",
          text: `<environment_context>\n  <cwd>${s.ws.cwd}</cwd>\n  <approval_policy>on-request</approval_policy>\n  <sandbox_mode>workspace-write</sandbox_mode>\n  <network_access>restricted</network_access>\n  <shell>bash</shell>\n</environment_context>`,
        },
      ],
    },
    2,
  );
  let total = { input: 0, cached: 0, output: 0 };
  let turn = 0;
  for (const ev of s.events) {
    if (ev.t === "human") {
      rec(
        "turn_context",
        {
          turn_id: `t${++turn}`,
          cwd: s.ws.cwd,
          approval_policy: "on-request",
          sandbox_policy: { mode: "workspace-write" },
          model,
          effort: "medium",
          summary: "auto",
        },
        ev.at,
      );
      rec("response_item", { type: "message", role: "user", content: [{ type: "input_text", text: ev.text }] }, ev.at);
      rec("event_msg", { type: "user_message", message: ev.text, kind: "plain", images: [] }, ev.at);
      continue;
    }
    if (ev.reasoning) {
      rec(
        "response_item",
        {
          type: "reasoning",
          id: `rs_${rng.hex(16)}`,
          summary: [{ type: "summary_text", text: ev.reasoning }],
          content: null,
          encrypted_content: `gAAAAAB${rng.alnum(rng.int(300, 900))}`,
        },
        ev.at,
      );
      rec("event_msg", { type: "agent_reasoning", text: ev.reasoning }, ev.at);
    }
    if (ev.text) {
      rec(
        "response_item",
        { type: "message", role: "assistant", content: [{ type: "output_text", text: ev.text }] },
        ev.at + 10,
      );
      rec("event_msg", { type: "agent_message", message: ev.text }, ev.at + 10);
    }
    if (ev.t === "turn") {
      const ids = ev.uses.map(() => `call_${rng.alnum(24)}`);
      const cmds = ev.uses.map((u) => codexCommand(u.call));
      ev.uses.forEach((u, i) =>
        rec(
          "response_item",
          {
            type: "function_call",
            name: "shell",
            arguments: JSON.stringify({ command: cmds[i].command, workdir: s.ws.cwd, timeout_ms: 120000 }),
            call_id: ids[i],
          },
          u.callAt,
        ),
      );
      ev.uses.forEach((u, i) => {
        const code = u.result.failed ? (u.result.exitCode ?? 1) : 0;
        const output = JSON.stringify({
          output: cmds[i].output(u.result.output, u.result.failed),
          metadata: { exit_code: code, duration_seconds: (u.resultAt - u.callAt) / 1000 },
        });
        rec("response_item", { type: "function_call_output", call_id: ids[i], output }, u.resultAt);
      });
    }
    const u = usageNumbers(rng, ev.at);
    total = { input: total.input + u.input, cached: total.cached + u.cached, output: total.output + u.output };
    const last = {
      input_tokens: u.input,
      cached_input_tokens: u.cached,
      output_tokens: u.output,
      reasoning_output_tokens: ev.reasoning ? rng.int(50, 600) : 0,
      total_tokens: u.input + u.output,
    };
    rec(
      "event_msg",
      {
        type: "token_count",
        info: {
          total_token_usage: {
            input_tokens: total.input,
            cached_input_tokens: total.cached,
            output_tokens: total.output,
            reasoning_output_tokens: 0,
            total_tokens: total.input + total.output,
          },
          last_token_usage: last,
          model_context_window: 272000,
        },
        rate_limits: { primary: { used_percent: rng.int(1, 60), window_minutes: 300 } },
      },
      ev.at + 20,
    );
  }
  return expectOf(s, { failed: allFailures, reasoning: true });
}

// -----------------------------------------------------------------------------------------------
// Gemini family: Gemini CLI session JSONL and SII CLI raw logs share tool names and parts.

function geminiTool(c: Call): { name: string; args: Record<string, unknown> } {
  switch (c.kind) {
    case "shell":
      return { name: "run_shell_command", args: { command: c.command, description: c.description } };
    case "read":
      return { name: "read_file", args: { absolute_path: c.path } };
    case "edit":
      return { name: "replace", args: { file_path: c.path, old_string: c.oldText, new_string: c.newText } };
    case "write":
      return { name: "write_file", args: { file_path: c.path, content: c.content } };
    case "search":
      return { name: "search_file_content", args: { pattern: c.pattern, path: c.path } };
  }
}

function geminiShellOutput(u: ToolUse): string {
  return `Command: ${u.call.command}\nDirectory: (root)\nOutput: ${u.result.output}\nError: (none)\nExit Code: ${u.result.failed ? (u.result.exitCode ?? 1) : 0}\nSignal: (none)\nBackground PIDs: (none)\nProcess Group PGID: ${20000 + (u.callAt % 9000)}`;
}

const GEMINI_DECLARATIONS = [
  {
    name: "run_shell_command",
    description: "Executes a given shell command as `bash -c <command>`.",
    parameters: {
      type: "OBJECT",
      properties: {
        command: { type: "STRING", description: "Exact bash command to execute" },
        description: { type: "STRING", description: "Brief description of the command for the user." },
      },
      required: ["command"],
    },
  },
  {
    name: "read_file",
    description: "Reads and returns the content of a specified file from the local filesystem.",
    parameters: {
      type: "OBJECT",
      properties: { absolute_path: { type: "STRING", description: "The absolute path to the file to read." } },
      required: ["absolute_path"],
    },
  },
  {
    name: "replace",
    description: "Replaces text within a file.",
    parameters: {
      type: "OBJECT",
      properties: { file_path: { type: "STRING" }, old_string: { type: "STRING" }, new_string: { type: "STRING" } },
      required: ["file_path", "old_string", "new_string"],
    },
  },
  {
    name: "write_file",
    description: "Writes content to a specified file in the local filesystem.",
    parameters: {
      type: "OBJECT",
      properties: { file_path: { type: "STRING" }, content: { type: "STRING" } },
      required: ["file_path", "content"],
    },
  },
  {
    name: "search_file_content",
    description: "Searches for a regular expression pattern within the content of files.",
    parameters: {
      type: "OBJECT",
      properties: { pattern: { type: "STRING" }, path: { type: "STRING" } },
      required: ["pattern"],
    },
  },
];

/** Gemini CLI: shell failures are a successful call whose output says `Exit Code: 1`; other tools fail with `status: error`. */
const geminiCliFailed = (u: ToolUse) => u.result.failed && u.call.kind !== "shell";

export function writeGeminiCli(sink: FileSink, s: Script, rng: Rng): Expect {
  line(sink, {
    sessionId: s.sessionId,
    projectHash: rng.hex(64),
    startTime: iso(s, 0),
    lastUpdated: iso(s, 0),
    kind: "main",
  });
  for (const ev of s.events) {
    const id = rng.uuid();
    if (ev.t === "human") {
      line(sink, { id, timestamp: iso(s, ev.at), type: "user", content: [{ text: ev.text }] });
      continue;
    }
    const thoughts = ev.reasoning ? [{ ...thoughtParts(ev.reasoning), timestamp: iso(s, ev.at - 300) }] : [];
    const uses = ev.t === "turn" ? ev.uses : [];
    const calls = uses.map((u) => {
      const { name, args } = geminiTool(u.call);
      const callId = `${name}-${s.start + u.callAt}-${rng.hex(6)}`;
      const failed = geminiCliFailed(u);
      const output = u.call.kind === "shell" ? geminiShellOutput(u) : u.result.output;
      return {
        id: callId,
        name,
        args,
        status: failed ? "error" : "success",
        timestamp: iso(s, u.resultAt),
        result: [{ functionResponse: { id: callId, name, response: failed ? { error: output } : { output } } }],
        resultDisplay: failed ? output : output.slice(0, 200),
        displayName: {
          run_shell_command: "Shell",
          read_file: "ReadFile",
          replace: "Edit",
          write_file: "WriteFile",
          search_file_content: "SearchText",
        }[name],
        description: String(Object.values(args)[0] ?? "").slice(0, 120),
        renderOutputAsMarkdown: name !== "run_shell_command",
      };
    });
    const u = usageNumbers(rng, ev.at);
    const message = {
      id,
      timestamp: iso(s, ev.at),
      type: "gemini",
      content: ev.text ?? "",
      thoughts,
      ...(calls.length ? { toolCalls: calls } : {}),
      model: "gemini-2.5-pro",
      tokens: {
        input: u.input,
        output: u.output,
        cached: u.cached,
        thoughts: ev.reasoning ? rng.int(50, 500) : 0,
        tool: 0,
        total: u.input + u.output,
      },
    };
    // The CLI rewrites a message as its calls progress: sometimes the file keeps the in-flight copy too.
    if (calls.length && rng.chance(0.2)) {
      line(sink, {
        ...message,
        toolCalls: calls.map(({ result: _r, resultDisplay: _d, ...c }) => ({ ...c, status: "executing" })),
      });
    }
    line(sink, message);
    if (rng.chance(0.1)) line(sink, { $set: { lastUpdated: iso(s, ev.at + 1000) } });
  }
  return expectOf(s, { failed: geminiCliFailed, reasoning: true });
}

type GContent = { role: "user" | "model"; parts: unknown[] };

export function writeSiiCli(sink: FileSink, s: Script, rng: Rng, conv: string): Expect {
  const history: GContent[] = [
    {
      role: "user",
      parts: [
        {
          text: `This is the SII CLI. We are setting up the context for our chat.\nToday's date is ${new Date(s.start).toDateString()}.\nMy operating system is: linux\nI'm currently working in the directory: ${s.ws.cwd}\nShowing up to 200 items (files + folders).\n\n${s.ws.cwd}/\n${s.ws.files.map((f) => `├───${f}`).join("\n")}`,
        },
      ],
    },
    { role: "model", parts: [{ text: "Got it. Thanks for the context!" }] },
  ];
  const modelAt: { index: number; at: number }[] = [];
  let final: GContent | undefined;
  for (const ev of s.events) {
    if (ev.t === "human") {
      history.push({ role: "user", parts: [{ text: ev.text }] });
      continue;
    }
    const parts: unknown[] = [];
    if (ev.reasoning) parts.push({ text: ev.reasoning, thought: true });
    if (ev.text) parts.push({ text: ev.text });
    if (ev.t === "final") {
      final = { role: "model", parts };
      modelAt.push({ index: history.length, at: ev.at });
      continue;
    }
    const ids = ev.uses.map(() => (rng.chance(0.5) ? "" : `fc_${rng.alnum(12)}`));
    ev.uses.forEach((u, i) => parts.push({ functionCall: { id: ids[i], ...geminiTool(u.call) } }));
    modelAt.push({ index: history.length, at: ev.at });
    history.push({ role: "model", parts });
    if (ev.uses.length) {
      history.push({
        role: "user",
        parts: ev.uses.map((u, i) => {
          const name = geminiTool(u.call).name;
          const out = u.call.kind === "shell" ? geminiShellOutput(u) : u.result.output;
          return {
            functionResponse: {
              id: ids[i],
              name,
              response: u.result.failed
                ? {
                    error:
                      u.call.kind === "shell"
                        ? `Command exited with code ${u.result.exitCode ?? 1}: ${u.result.output}`
                        : out,
                  }
                : { output: out },
            },
          };
        }),
      });
    }
  }
  // Requests at the first model turn, half way, and the last; each carries the history up to it.
  const points = [...new Set([modelAt[0], modelAt[Math.floor(modelAt.length / 2)], modelAt[modelAt.length - 1]])];
  const system =
    "You are an interactive CLI agent specializing in software engineering tasks. Your primary goal is to help users safely and efficiently, adhering strictly to the following instructions and utilizing your available tools.";
  sink.write(
    `{"id":${JSON.stringify(conv)},"model":"gpt-5","created":${JSON.stringify(new Date(s.start).toISOString().replace("Z", "+00:00"))},"events":[\n`,
  );
  sink.write(
    JSON.stringify({ type: "session_start", timestamp: iso(s, 0), data: { cwd: s.ws.cwd, cli_version: "0.0.41" } }),
  );
  for (const p of points) {
    const req = {
      type: "api_request_full",
      timestamp: iso(s, p.at - 1500),
      data: {
        model: "gpt-5",
        full_request: {
          system_instruction: system,
          tools: [{ functionDeclarations: GEMINI_DECLARATIONS }],
          messages: history.slice(0, p.index),
        },
      },
    };
    sink.write(",\n" + JSON.stringify(req));
    const content = p.index < history.length ? history[p.index] : final;
    const u = usageNumbers(rng, p.at);
    sink.write(
      ",\n" +
        JSON.stringify({
          type: "api_response",
          timestamp: iso(s, p.at),
          data: {
            response: {
              candidates: [{ content, finishReason: "STOP" }],
              usageMetadata: {
                promptTokenCount: u.input,
                candidatesTokenCount: u.output,
                cachedContentTokenCount: u.cached,
                totalTokenCount: u.input + u.output,
              },
            },
          },
        }),
    );
  }
  sink.write("\n]}\n");
  return expectOf(s, { failed: allFailures, reasoning: true });
}

// -----------------------------------------------------------------------------------------------
// Chat datasets: OpenAI chat (string arguments) and LIMI/HF rows (object arguments)

const CHAT_TOOLS = [
  {
    type: "function",
    function: {
      name: "bash",
      description: "Run a shell command in the repository root and return stdout/stderr.",
      parameters: {
        type: "object",
        properties: { command: { type: "string", description: "The command line to run." } },
        required: ["command"],
      },
    },
  },
  {
    type: "function",
    function: {
      name: "read_file",
      description: "Read a UTF-8 text file.",
      parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
    },
  },
  {
    type: "function",
    function: {
      name: "edit_file",
      description: "Replace an exact string in a file.",
      parameters: {
        type: "object",
        properties: { path: { type: "string" }, old_str: { type: "string" }, new_str: { type: "string" } },
        required: ["path", "old_str", "new_str"],
      },
    },
  },
  {
    type: "function",
    function: {
      name: "write_file",
      description: "Create or overwrite a file.",
      parameters: {
        type: "object",
        properties: { path: { type: "string" }, content: { type: "string" } },
        required: ["path", "content"],
      },
    },
  },
  {
    type: "function",
    function: {
      name: "grep",
      description: "Search files for a pattern.",
      parameters: {
        type: "object",
        properties: { pattern: { type: "string" }, path: { type: "string" } },
        required: ["pattern"],
      },
    },
  },
];

function chatTool(c: Call): { name: string; args: Record<string, unknown> } {
  switch (c.kind) {
    case "shell":
      return { name: "bash", args: { command: c.command } };
    case "read":
      return { name: "read_file", args: { path: c.path } };
    case "edit":
      return { name: "edit_file", args: { path: c.path, old_str: c.oldText, new_str: c.newText } };
    case "write":
      return { name: "write_file", args: { path: c.path, content: c.content } };
    case "search":
      return { name: "grep", args: { pattern: c.pattern, path: c.path } };
  }
}

const LIMI_TOOLS = GEMINI_DECLARATIONS.map((d) => ({
  type: "function",
  function: {
    name: d.name,
    description: d.description,
    parameters: JSON.parse(
      JSON.stringify(d.parameters).replace(/"(OBJECT|STRING)"/g, (_m, t: string) => `"${t.toLowerCase()}"`),
    ) as unknown,
  },
}));

const LIMI_SYSTEM =
  "You are an interactive CLI agent specializing in software engineering tasks. Your primary goal is to help users safely and efficiently, adhering strictly to the following instructions and utilizing your available tools.\n\nYou have access to the following tools:\n\n" +
  GEMINI_DECLARATIONS.map((d, i) => `${i + 1}. **${d.name}**: ${d.description}`).join("\n") +
  "\n\nUse these tools by making function calls when they help you complete the task.";

function chatRow(s: Script, rng: Rng, limi: boolean): unknown {
  const messages: unknown[] = [
    {
      role: "system",
      content: limi
        ? LIMI_SYSTEM
        : `You are a coding agent working in ${s.ws.cwd}. Use the tools to inspect and change the repository; run the tests before you finish.`,
    },
  ];
  let n = 0;
  for (const ev of s.events) {
    if (ev.t === "human") {
      messages.push({ role: "user", content: ev.text });
      continue;
    }
    const uses = ev.t === "turn" ? ev.uses : [];
    const calls = uses.map((u) => {
      const { name, args } = limi ? geminiTool(u.call) : chatTool(u.call);
      return {
        id: limi ? `call_${++n}` : `call_${rng.alnum(24)}`,
        type: "function",
        function: { name, arguments: limi ? args : JSON.stringify(args) },
      };
    });
    const m: Record<string, unknown> = { role: "assistant", content: ev.text ?? (limi ? "" : null) };
    if (ev.reasoning && !limi) m.reasoning_content = ev.reasoning;
    if (calls.length) m.tool_calls = calls;
    messages.push(m);
    uses.forEach((u, i) => {
      const out =
        u.result.failed && u.call.kind === "shell"
          ? `Exit code ${u.result.exitCode ?? 1}\n${u.result.output}`
          : u.result.output;
      messages.push({ role: "tool", tool_call_id: calls[i].id, content: out });
    });
  }
  return limi ? { tools: LIMI_TOOLS, messages } : { messages, tools: CHAT_TOOLS };
}

export function writeOpenAIChat(sink: FileSink, s: Script, rng: Rng): Expect {
  line(sink, chatRow(s, rng, false));
  return expectOf(s, { failed: () => false, reasoning: true });
}

export function writeHfMessages(sink: FileSink, s: Script, rng: Rng): Expect {
  line(sink, chatRow(s, rng, true));
  return expectOf(s, { failed: () => false, reasoning: false });
}

// -----------------------------------------------------------------------------------------------
// Anthropic Messages request JSON

const ANTHROPIC_TOOLS = [
  {
    name: "bash",
    description: "Run a bash command in the sandbox.",
    input_schema: { type: "object", properties: { command: { type: "string" } }, required: ["command"] },
  },
  {
    name: "str_replace_editor",
    description: "View, create and edit files.",
    input_schema: {
      type: "object",
      properties: {
        command: { type: "string", enum: ["view", "create", "str_replace"] },
        path: { type: "string" },
        file_text: { type: "string" },
        old_str: { type: "string" },
        new_str: { type: "string" },
      },
      required: ["command", "path"],
    },
  },
];

function anthropicTool(c: Call): { name: string; input: Record<string, unknown> } {
  switch (c.kind) {
    case "shell":
      return { name: "bash", input: { command: c.command } };
    case "read":
      return { name: "str_replace_editor", input: { command: "view", path: c.path } };
    case "edit":
      return {
        name: "str_replace_editor",
        input: { command: "str_replace", path: c.path, old_str: c.oldText, new_str: c.newText },
      };
    case "write":
      return { name: "str_replace_editor", input: { command: "create", path: c.path, file_text: c.content } };
    case "search":
      return { name: "bash", input: { command: `grep -rn '${c.pattern}' ${c.path}` } };
  }
}

export function writeAnthropic(sink: FileSink, s: Script, rng: Rng): Expect {
  const head = {
    model: "claude-sonnet-4-5",
    max_tokens: 32000,
    thinking: { type: "enabled", budget_tokens: 16000 },
    system: [
      {
        type: "text",
        text: `You are a software engineer working in a sandboxed checkout of ${s.ws.project} at ${s.ws.cwd}.`,
      },
    ],
    tools: ANTHROPIC_TOOLS,
  };
  const open = JSON.stringify(head);
  sink.write(open.slice(0, -1) + ',"messages":[\n');
  let first = true;
  const msg = (m: unknown) => {
    sink.write((first ? "" : ",\n") + JSON.stringify(m));
    first = false;
  };
  for (const ev of s.events) {
    if (ev.t === "human") {
      msg({ role: "user", content: ev.text });
      continue;
    }
    const blocks: unknown[] = [];
    if (ev.reasoning)
      blocks.push({ type: "thinking", thinking: ev.reasoning, signature: rng.alnum(rng.int(200, 600)) });
    if (ev.text) blocks.push({ type: "text", text: ev.text });
    const uses = ev.t === "turn" ? ev.uses : [];
    const ids = uses.map(() => `toolu_01${rng.alnum(22)}`);
    uses.forEach((u, i) => blocks.push({ type: "tool_use", id: ids[i], ...anthropicTool(u.call) }));
    msg({ role: "assistant", content: blocks });
    if (uses.length)
      msg({
        role: "user",
        content: uses.map((u, i) => ({
          type: "tool_result",
          tool_use_id: ids[i],
          content: u.result.output,
          ...(u.result.failed ? { is_error: true } : {}),
        })),
      });
  }
  sink.write("\n]}\n");
  return expectOf(s, { failed: allFailures, reasoning: true });
}
