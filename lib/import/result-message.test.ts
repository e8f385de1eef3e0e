import { describe, expect, it } from "vitest";
import { webMessage } from "@/lib/import/result-message";

describe("webMessage", () => {
  it("drops the file name, the command-line flag and the inline format list", () => {
    const m = webMessage(
      "notes.txt: not a recognised transcript format; known formats: claude-code, codex-cli, openai-chat (pass --format to force one)",
      "notes.txt",
    );
    expect(m.text).toBe("Not a recognised transcript format (choose one under Format in the options to force it)");
    expect(m.listsFormats).toBe(true);
    expect(m.text).not.toContain("--");
    expect(m.text).not.toContain("notes.txt");
  });

  it("keeps a message that names a line as it is, but for the file name", () => {
    const m = webMessage("run.jsonl line 3: expected a JSON object", "run.jsonl");
    expect(m).toEqual({ text: "Line 3: expected a JSON object", listsFormats: false });
  });
});
