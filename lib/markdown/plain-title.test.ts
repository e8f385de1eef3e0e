import { describe, expect, it } from "vitest";
import { plainTitle } from "@/lib/markdown/plain-title";

describe("plainTitle", () => {
  it("strips the marks and keeps the words", () => {
    expect(plainTitle("# Fix the **parser** for `empty` input")).toBe("Fix the parser for empty input");
    expect(plainTitle("> see [the docs](http://x) and _why_\n\n- item")).toBe("see the docs and why item");
    expect(plainTitle("snake_case_name stays, 2 * 3 * 4 too")).toBe("snake_case_name stays, 2 * 3 * 4 too");
    expect(plainTitle("<b>bold</b> ~~old~~")).toBe("bold old");
  });
});
