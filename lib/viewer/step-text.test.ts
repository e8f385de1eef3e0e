import { describe, expect, it } from "vitest";
import { editableField, editableText, newStep, stepDiffText, withEditedText } from "@/lib/viewer/step-text";
import type { ParsedStep } from "@/lib/viewer/types";

const call: ParsedStep = { kind: "tool_call", callId: "c1", name: "bash", arguments: { cmd: "ls" } };

describe("step text", () => {
  it("names the editable field of each kind", () => {
    expect(editableField("tool_call")).toBe("arguments");
    expect(editableField("tool_result")).toBe("output");
    expect(editableField("reasoning")).toBe("text");
  });

  it("edits tool-call arguments as JSON and keeps unparsable text raw", () => {
    expect(editableText(call)).toBe('{\n  "cmd": "ls"\n}');
    expect(withEditedText(call, '{"cmd":"pwd"}')).toEqual({ ...call, arguments: { cmd: "pwd" } });
    expect(withEditedText(call, "{broken")).toEqual({ ...call, arguments: null, argumentsRaw: "{broken" });
    expect(withEditedText(call, "[1]")).toEqual({ ...call, arguments: null, argumentsRaw: "[1]" });
    const raw: ParsedStep = { ...call, arguments: null, argumentsRaw: "x" };
    expect(editableText(raw)).toBe("x");
    expect(withEditedText(raw, '{"a":1}')).toEqual({
      kind: "tool_call",
      callId: "c1",
      name: "bash",
      arguments: { a: 1 },
    });
  });

  it("edits outputs and texts", () => {
    const result: ParsedStep = { kind: "tool_result", callId: "c1", output: "old", isError: true, truncated: false };
    expect(withEditedText(result, "new")).toEqual({ ...result, output: "new" });
    expect(withEditedText(newStep("human"), "note")).toEqual({ kind: "human", text: "note" });
  });

  it("heads diff text with the kind, tool and flags", () => {
    expect(stepDiffText(call)).toBe('[tool_call bash c1]\n{\n  "cmd": "ls"\n}');
    expect(stepDiffText({ kind: "tool_result", callId: "c1", output: "boom", isError: true, truncated: true })).toBe(
      "[tool_result c1 error truncated]\nboom",
    );
    expect(stepDiffText(null)).toBe("");
  });
});
