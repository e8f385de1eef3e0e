/**
 * How a tool call reads best, decided from its name and arguments (pure, browser-safe): edit-type
 * calls as a diff, shell calls as a terminal command, file writes as the file's content once. The
 * names and argument shapes are those of the agents in transcript-formats.md (Claude Code, Codex,
 * Gemini CLI, Anthropic's text editor tool, OpenHands…); anything else keeps the JSON view.
 */
import type { ParsedStep } from "@/lib/viewer/types";

export type ToolView =
  | { kind: "edit"; file: string | null; edits: Array<{ before: string; after: string }> }
  | { kind: "patch"; file: string | null; patch: string }
  | { kind: "shell"; command: string; cwd: string | null }
  | { kind: "write"; file: string | null; content: string };

const EDIT_TOOLS = new Set(["edit", "multiedit", "replace", "str_replace", "str_replace_editor", "edit_file"]);
const PATCH_TOOLS = new Set(["apply_patch", "applypatch", "patch"]);
const SHELL_TOOLS = new Set([
  "bash",
  "sh",
  "shell",
  "run_shell_command",
  "exec_command",
  "local_shell",
  "execute_command",
  "run_command",
  "terminal",
  "execute_bash",
]);
const WRITE_TOOLS = new Set(["write", "write_file", "create_file", "create"]);

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const fileOf = (a: Record<string, unknown>) =>
  str(a.file_path) ?? str(a.path) ?? str(a.filePath) ?? str(a.filename) ?? str(a.file) ?? null;

function commandOf(a: Record<string, unknown>): string | null {
  // Two command-like arguments (a `cmd` and a `script`): a terminal line would show one and hide
  // the other, so the call keeps its plain JSON view.
  if (["command", "cmd", "script"].filter((k) => a[k] !== undefined).length > 1) return null;
  const c = a.command ?? a.cmd ?? a.script;
  if (typeof c === "string") return c;
  // Codex `shell` passes argv: ["bash", "-lc", "npm test"] reads as the script it runs.
  if (Array.isArray(c) && c.every((x) => typeof x === "string")) {
    const argv = c as string[];
    if (argv.length === 3 && /^(ba|z)?sh$/.test(argv[0]) && /^-l?c$/.test(argv[1])) return argv[2];
    return argv.map((x) => (/^[\w@%+=:,./-]+$/.test(x) ? x : `'${x.replace(/'/g, `'\\''`)}'`)).join(" ");
  }
  return null;
}

const bareName = (name: string) => name.toLowerCase().replace(/^.*[.:/]/, "");

/** Whether results of this tool read as terminal output. */
export const isShellTool = (name: string | null | undefined) => !!name && SHELL_TOOLS.has(bareName(name));

/** The view of a tool call, or null for the plain JSON arguments. */
export function toolView(step: Extract<ParsedStep, { kind: "tool_call" }>): ToolView | null {
  const name = bareName(step.name);
  const a = step.arguments;
  if (PATCH_TOOLS.has(name)) {
    const patch = (a && (str(a.input) ?? str(a.patch) ?? str(a.diff))) ?? step.argumentsRaw ?? null;
    return patch ? { kind: "patch", file: a ? fileOf(a) : null, patch } : null;
  }
  if (!a) return null;
  if (SHELL_TOOLS.has(name)) {
    const command = commandOf(a);
    return command === null ? null : { kind: "shell", command, cwd: str(a.workdir) ?? str(a.cwd) ?? str(a.directory) };
  }
  // Anthropic's text editor tool: one tool, the command says what it does.
  const sub = str(a.command);
  if (EDIT_TOOLS.has(name) || name.startsWith("str_replace")) {
    if (sub === "create" && typeof a.file_text === "string")
      return { kind: "write", file: fileOf(a), content: a.file_text };
    if (Array.isArray(a.edits)) {
      const edits = (a.edits as Array<Record<string, unknown>>)
        .map((e) => ({ before: str(e?.old_string) ?? str(e?.old_str), after: str(e?.new_string) ?? str(e?.new_str) }))
        .filter((e): e is { before: string; after: string } => e.before !== null && e.after !== null);
      return edits.length ? { kind: "edit", file: fileOf(a), edits } : null;
    }
    const before = str(a.old_string) ?? str(a.old_str) ?? str(a.oldText);
    const after = str(a.new_string) ?? str(a.new_str) ?? str(a.newText);
    if (before !== null && after !== null) return { kind: "edit", file: fileOf(a), edits: [{ before, after }] };
    return null;
  }
  if (WRITE_TOOLS.has(name)) {
    const content = str(a.content) ?? str(a.file_text) ?? str(a.text);
    return content === null ? null : { kind: "write", file: fileOf(a), content };
  }
  return null;
}

/**
 * The exit code a shell result reports, in the shapes agents write it: Codex's JSON
 * (`metadata.exit_code`) or text ("Exit code: 1"), Gemini's "Exit Code: 1", a structured
 * `exitCode`/`exit_code`/`returncode`. Null when the result does not say.
 */
export function exitCodeOf(step: Extract<ParsedStep, { kind: "tool_result" }>): number | null {
  const s = step.structured;
  if (s && typeof s === "object") {
    const o = s as Record<string, unknown>;
    for (const k of ["exitCode", "exit_code", "returncode", "code"])
      if (typeof o[k] === "number") return o[k] as number;
  }
  const head = step.output.slice(0, 4000);
  const m = /exit[ _-]?code["']?\s*[:=]?\s*(-?\d+)/i.exec(head) ?? /exited with (?:code )?(-?\d+)/i.exec(head);
  return m ? Number(m[1]) : null;
}

/** Codex wraps shell output as JSON `{output, metadata}`: show the output it carries. */
export function shellOutputOf(step: Extract<ParsedStep, { kind: "tool_result" }>): string {
  const t = step.output.trimStart();
  if (t.startsWith("{") && t.includes('"output"')) {
    try {
      const o = JSON.parse(t) as { output?: unknown };
      if (typeof o.output === "string") return o.output;
    } catch {
      // Not JSON after all: the text is shown as written.
      return step.output;
    }
  }
  return step.output;
}
