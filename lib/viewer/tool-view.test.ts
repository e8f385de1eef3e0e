import { describe, expect, it } from "vitest";
import { exitCodeOf, shellOutputOf, toolView } from "@/lib/viewer/tool-view";

const call = (name: string, args: Record<string, unknown> | null, argumentsRaw?: string) =>
  ({ kind: "tool_call", callId: "c", name, arguments: args, ...(argumentsRaw ? { argumentsRaw } : {}) }) as const;
const result = (output: string, structured?: unknown) =>
  ({ kind: "tool_result", callId: "c", output, isError: false, truncated: false, structured }) as const;

describe("toolView", () => {
  it("reads edit-type calls of every agent as before/after pairs", () => {
    expect(toolView(call("Edit", { file_path: "a.ts", old_string: "x", new_string: "y" }))).toEqual({
      kind: "edit",
      file: "a.ts",
      edits: [{ before: "x", after: "y" }],
    });
    expect(toolView(call("replace", { file_path: "b.py", old_string: "1", new_string: "2" }))?.kind).toBe("edit");
    expect(
      toolView(call("str_replace_based_edit_tool", { command: "str_replace", path: "c", old_str: "a", new_str: "b" })),
    ).toEqual({ kind: "edit", file: "c", edits: [{ before: "a", after: "b" }] });
    expect(
      toolView(
        call("MultiEdit", {
          file_path: "d",
          edits: [
            { old_string: "a", new_string: "b" },
            { old_string: "c", new_string: "d" },
          ],
        }),
      ),
    ).toMatchObject({ kind: "edit", edits: [{}, {}] });
    expect(toolView(call("str_replace_editor", { command: "create", path: "e", file_text: "hi" }))).toEqual({
      kind: "write",
      file: "e",
      content: "hi",
    });
  });

  it("reads apply_patch from its input or from unparsed arguments", () => {
    expect(toolView(call("apply_patch", { input: "*** Begin Patch" }))).toMatchObject({ kind: "patch" });
    expect(toolView(call("apply_patch", null, "*** Begin Patch\n+x"))).toMatchObject({ patch: "*** Begin Patch\n+x" });
  });

  it("reads shell calls as the command they run", () => {
    expect(toolView(call("Bash", { command: "npm test" }))).toEqual({ kind: "shell", command: "npm test", cwd: null });
    expect(toolView(call("shell", { command: ["bash", "-lc", "ls -la"], workdir: "/w" }))).toEqual({
      kind: "shell",
      command: "ls -la",
      cwd: "/w",
    });
    expect(toolView(call("shell", { command: ["git", "commit", "-m", "a b"] }))).toMatchObject({
      command: "git commit -m 'a b'",
    });
    expect(toolView(call("exec_command", { cmd: "pwd" }))).toMatchObject({ command: "pwd" });
    expect(toolView(call("run_shell_command", { command: "ls" }))).toMatchObject({ kind: "shell" });
    // Two commands in one call: the JSON view shows both rather than a terminal line hiding one.
    expect(toolView(call("bash", { cmd: "ls", script: "rm -rf /tmp/x" }))).toBeNull();
  });

  it("shows writes once and leaves other tools to the JSON view", () => {
    expect(toolView(call("write_file", { file_path: "f", content: "body" }))).toEqual({
      kind: "write",
      file: "f",
      content: "body",
    });
    expect(toolView(call("Read", { file_path: "f" }))).toBeNull();
    expect(toolView(call("Edit", { file_path: "f" }))).toBeNull();
  });
});

describe("exitCodeOf", () => {
  it("finds the exit code in the shapes agents write", () => {
    expect(exitCodeOf(result('{"output":"ok","metadata":{"exit_code":2}}'))).toBe(2);
    expect(exitCodeOf(result("Exit code: 1\nWall time: 0.2s\nOutput:\nFAIL"))).toBe(1);
    expect(exitCodeOf(result("Command: ls\nExit Code: 0"))).toBe(0);
    expect(exitCodeOf(result("", { returncode: 127 }))).toBe(127);
    expect(exitCodeOf(result("all good"))).toBeNull();
  });
  it("unwraps Codex's JSON output", () => {
    expect(shellOutputOf(result('{"output":"hello\\n","metadata":{"exit_code":0}}'))).toBe("hello\n");
    expect(shellOutputOf(result("{not json"))).toBe("{not json");
  });
});
