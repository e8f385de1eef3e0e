import { describe, expect, it } from "vitest";
import { copyField } from "@/lib/db/copy-rows";

describe("copyField: PostgreSQL COPY text format", () => {
  it("escapes backslashes, tabs and line breaks, and drops NUL", () => {
    expect(copyField("a\\b\tc\nd\re\u0000f")).toBe("a\\\\b\\tc\\nd\\re" + "f");
  });
  it("writes NULL, numbers, booleans, dates and JSON", () => {
    expect(copyField(null)).toBe("\\N");
    expect(copyField(undefined)).toBe("\\N");
    expect(copyField(42)).toBe("42");
    expect(copyField(Number.NaN)).toBe("\\N");
    expect(copyField(true)).toBe("t");
    expect(copyField(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(copyField({ text: "line\nbreak", path: "C:\\x" })).toBe('{"text":"line\\\\nbreak","path":"C:\\\\\\\\x"}');
  });
});
