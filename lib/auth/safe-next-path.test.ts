import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/safe-next-path";

describe("the page after sign-in", () => {
  it("keeps paths of the app", () => {
    expect(safeNextPath("/projects/demo/queries?status=candidate#x")).toBe("/projects/demo/queries?status=candidate#x");
    expect(safeNextPath(null)).toBe("/projects");
  });

  it("refuses every way out to another host (the open redirect of issue 17)", () => {
    for (const next of [
      "/\\evil.example/x",
      "/%5Cevil.example/x".replace("%5C", "\\"),
      "//evil.example/x",
      "/\t/evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "evil.example",
    ])
      expect(safeNextPath(next), next).toBe("/projects");
  });
});
