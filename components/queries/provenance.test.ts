import { describe, expect, it } from "vitest";
import { provenanceLabel, readProvenance } from "@/components/queries/provenance";

describe("readProvenance", () => {
  it("reads what synthesis writes", () => {
    const p = readProvenance({
      repo: "acme/app",
      prNumber: 12,
      commit: "abc1234",
      url: "https://github.com/acme/app/pull/12",
      taskCategory: "bug fix",
      modifiedFiles: ["src/a.ts"],
      relatedFiles: [],
      reasoning: "r",
      model: "gpt-5",
      runId: "run1",
    });
    expect(p).toEqual({
      repo: "acme/app",
      prNumber: 12,
      commit: "abc1234",
      url: "https://github.com/acme/app/pull/12",
      taskCategory: "bug fix",
      modifiedFiles: ["src/a.ts"],
      relatedFiles: [],
      reasoning: "r",
      model: "gpt-5",
      runId: "run1",
    });
    expect(provenanceLabel(p)).toBe("acme/app#12");
  });

  it("accepts snake_case from imported files and ignores values of the wrong type", () => {
    const p = readProvenance({
      repo: "acme/app",
      pr_number: "12",
      task_category: "feature",
      modified_files: ["a", 3, ""],
      url: "javascript:alert(1)",
    });
    expect(p).toMatchObject({
      repo: "acme/app",
      prNumber: null,
      taskCategory: "feature",
      modifiedFiles: ["a"],
      url: null,
    });
    expect(provenanceLabel(p)).toBe("acme/app");
  });

  it("reads nothing from null, arrays and scalars", () => {
    for (const v of [null, undefined, [1], "x", 3]) expect(provenanceLabel(readProvenance(v))).toBeNull();
  });
});
