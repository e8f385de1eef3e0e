import { describe, expect, it } from "vitest";
import { stepText, toolCallText } from "@/lib/tokens/step-text";
import type { ParsedStep } from "@/lib/trajectory/types";

describe("stepText", () => {
  it("uses text for message-like kinds", () => {
    const steps: ParsedStep[] = [
      { kind: "system", text: "sys" },
      { kind: "human", text: "hi" },
      { kind: "assistant", text: "hello" },
      { kind: "error", text: "boom", code: "E1" },
      { kind: "meta", subtype: "compaction", text: "summary", data: { big: "x".repeat(100) } },
    ];
    expect(steps.map(stepText)).toEqual(["sys", "hi", "hello", "boom", "summary"]);
  });

  it("counts readable reasoning only, never the opaque payload", () => {
    expect(stepText({ kind: "reasoning", text: "think", hidden: false })).toBe("think");
    expect(stepText({ kind: "reasoning", text: "", hidden: true, opaque: "ZW5jcnlwdGVk" })).toBe("");
  });

  it("joins a tool call's name and compact JSON arguments with a newline", () => {
    const step: ParsedStep = {
      kind: "tool_call",
      callId: "c1",
      name: "Bash",
      arguments: { command: "ls -la", timeout: 5 },
    };
    expect(stepText(step)).toBe('Bash\n{"command":"ls -la","timeout":5}');
  });

  it("prefers parsed arguments, and falls back to argumentsRaw when they did not parse", () => {
    expect(
      toolCallText({
        kind: "tool_call",
        callId: "c",
        name: "Edit",
        arguments: null,
        argumentsRaw: '{"path": "a.ts", "ol',
      }),
    ).toBe('Edit\n{"path": "a.ts", "ol');
    expect(toolCallText({ kind: "tool_call", callId: "c", name: "Noop", arguments: null })).toBe("Noop");
    expect(toolCallText({ kind: "tool_call", callId: "c", name: "Empty", arguments: {} })).toBe("Empty\n{}");
  });

  it("uses a tool result's output, not its structured payload or name", () => {
    const step: ParsedStep = {
      kind: "tool_result",
      callId: "c1",
      name: "Bash",
      output: "file.txt",
      isError: false,
      truncated: false,
      structured: { stdout: "file.txt", exitCode: 0 },
    };
    expect(stepText(step)).toBe("file.txt");
  });
});
