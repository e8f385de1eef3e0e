import { describe, expect, it } from "vitest";
import { collapseText, countLines } from "@/lib/viewer/collapse-text";

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join("\n");

describe("countLines", () => {
  it("counts lines, a final newline not starting another", () => {
    expect(countLines("")).toBe(0);
    expect(countLines("a")).toBe(1);
    expect(countLines("a\n")).toBe(1);
    expect(countLines("a\nb")).toBe(2);
    expect(countLines("\n\n")).toBe(2);
  });
});

describe("collapseText", () => {
  it("leaves short text alone", () => {
    expect(collapseText(lines(40))).toEqual({ shown: lines(40), collapsed: false, hiddenChars: 0, hiddenLines: 0 });
  });

  it("does not hide a handful of lines behind a button", () => {
    expect(collapseText(lines(43)).collapsed).toBe(false);
  });

  it("cuts long text after the line limit and says how much is hidden", () => {
    const c = collapseText(lines(100));
    expect(c.collapsed).toBe(true);
    expect(c.shown).toBe(lines(40));
    expect(c.hiddenLines).toBe(60);
    expect(c.hiddenChars).toBe(lines(100).length - lines(40).length - 1);
  });

  it("cuts one long line at the character limit", () => {
    const c = collapseText("x".repeat(10_000));
    expect(c.shown).toHaveLength(4_000);
    expect(c.hiddenChars).toBe(6_000);
    expect(c.hiddenLines).toBe(1);
  });

  it("prefers a line end near the character limit", () => {
    const text = `${"a".repeat(3_000)}\n${"b".repeat(5_000)}`;
    expect(collapseText(text).shown).toBe("a".repeat(3_000));
  });

  it("never splits a surrogate pair", () => {
    const c = collapseText(`${"x".repeat(3_999)}😀${"y".repeat(5_000)}`);
    expect(c.shown).toBe("x".repeat(3_999));
  });
});
