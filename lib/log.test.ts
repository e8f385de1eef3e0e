import { describe, expect, it } from "vitest";
import { formatLogLine } from "@/lib/log";

describe("server log lines", () => {
  it("cannot be forged by a newline in a client-chosen value (an upload's file name)", () => {
    const name = 'x.jsonl\n{"time":"2026-01-01T00:00:00Z","level":"info","msg":"admin signed in"}\r\n[limi] fake';
    const line = formatLogLine("error", "import failed", { file: name }, new Error(`bad ${name}`));
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(/[\n\r]/);
    const parsed = JSON.parse(line) as Record<string, string>;
    expect(parsed).toMatchObject({ level: "error", msg: "import failed", file: name, error: `bad ${name}` });
  });
});
