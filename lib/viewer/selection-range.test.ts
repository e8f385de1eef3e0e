import { describe, expect, it } from "vitest";
import { locateSelection, occurrences, shortQuote } from "@/lib/viewer/selection-range";

describe("locateSelection", () => {
  it("finds a selection in the source text", () => {
    expect(locateSelection("Run **npm test** now", "npm test", 0)).toEqual({ start: 6, end: 14 });
  });

  it("picks the occurrence the reader selected", () => {
    const text = "foo bar foo bar foo";
    expect(occurrences(text, "foo")).toEqual([0, 8, 16]);
    expect(locateSelection(text, "foo", 1)).toEqual({ start: 8, end: 11 });
    expect(locateSelection(text, "foo", 9)).toEqual({ start: 16, end: 19 });
  });

  it("gives null for text that is not in the source", () => {
    expect(locateSelection("abc", "zzz", 0)).toBeNull();
    expect(locateSelection("abc", "   ", 0)).toBeNull();
  });

  it("shortens quotes on one line", () => {
    expect(shortQuote("a\n  b")).toBe("a b");
    expect(shortQuote("x".repeat(200), 10)).toBe(`${"x".repeat(9)}…`);
  });
});
