import { describe, expect, it } from "vitest";
import { DEFAULT_PR_FILTERS } from "@/lib/queries/pull-requests/pr-filters";
import { PrFilterParamsSchema } from "@/lib/queries/pull-requests/pr-import-service";
import { DEFAULT_PR_FILTER_FORM, describeFilterOptions, prFilterQuery } from "@/components/queries/prs/pr-filter-form";

describe("prFilterQuery", () => {
  it("sends the server's defaults when untouched", () => {
    const r = prFilterQuery(DEFAULT_PR_FILTER_FORM);
    if (!r.ok) throw new Error("defaults refused");
    const parsed = PrFilterParamsSchema.parse(Object.fromEntries(new URLSearchParams(r.query)));
    expect(parsed).toEqual(DEFAULT_PR_FILTERS);
  });

  it("turns 'include docs' into the server's excludeDocsOnly and passes every option", () => {
    const r = prFilterQuery({
      maxPatchTokens: " 800 ",
      includeDocs: true,
      singleFileOnly: true,
      maxPerRepo: "2",
      seed: "-7",
    });
    expect(r).toEqual({
      ok: true,
      query: "maxPatchTokens=800&excludeDocsOnly=false&singleFileOnly=true&maxPerRepo=2&seed=-7",
    });
  });

  it("names each bad number", () => {
    expect(prFilterQuery({ ...DEFAULT_PR_FILTER_FORM, maxPatchTokens: "0", maxPerRepo: "1.5", seed: "x" })).toEqual({
      ok: false,
      errors: {
        maxPatchTokens: "a whole number of tokens, at least 1",
        maxPerRepo: "a whole number, at least 1",
        seed: "a whole number",
      },
    });
  });
});

describe("describeFilterOptions", () => {
  it("reads stored options back as one line", () => {
    expect(
      describeFilterOptions({
        maxPatchTokens: 1200,
        excludeDocsOnly: true,
        singleFileOnly: false,
        maxPerRepo: 5,
        seed: 0,
      }),
    ).toBe("≤ 1,200 patch tokens · docs-only excluded · any number of files · ≤ 5 per repository · seed 0");
    expect(describeFilterOptions({ excludeDocsOnly: false, singleFileOnly: true })).toContain(
      "docs-only kept · single-file only",
    );
    expect(describeFilterOptions({ maxPatchTokens: "lots", seed: null })).toBe(
      "≤ 1,200 patch tokens · docs-only excluded · any number of files · ≤ 5 per repository · seed 0",
    );
  });
});
