import { describe, expect, it } from "vitest";
import { locateJsonError } from "@/lib/formats/io/json-document";

const locate = (text: string) => {
  try {
    JSON.parse(text);
  } catch (e) {
    return locateJsonError(text, e);
  }
  throw new Error("expected invalid JSON");
};

describe("locateJsonError", () => {
  it("uses V8's position when the message has one", () => {
    expect(locate('{\n"a": 1\n"b": 2}')).toEqual({ line: 3, offset: 9 });
  });

  it("finds an unexpected token from the quoted excerpt", () => {
    expect(locate('{\n  "a": 1,\n  "b": [1, 2, ],\n  "c": 3\n}').line).toBe(3);
    expect(locate('{"a":\n tru}').line).toBe(2);
  });

  it("points at the end of a document that was cut short", () => {
    expect(locate('{"a": [1, 2,\n3')).toEqual({ line: 2, offset: 14 });
  });
});

describe("readLines", () => {
  it("splits lines across chunk boundaries, handles CRLF, multi-byte characters and a last line without newline", async () => {
    const { readLines } = await import("@/lib/formats/io/json-lines");
    const { memoryInput } = await import("@/lib/formats/testing/input");
    const text = 'first\r\n{"a": "héllo ✓"}\n\nlast';
    for (const chunkSize of [1, 2, 3, 7, 1024]) {
      const lines: string[] = [];
      for await (const l of readLines(memoryInput(text, "x.jsonl", chunkSize))) lines.push(l);
      expect(lines).toEqual(["first", '{"a": "héllo ✓"}', "", "last"]);
    }
  });
});
