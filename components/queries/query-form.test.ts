import { describe, expect, it } from "vitest";
import {
  EMPTY_QUERY_FORM,
  formChanged,
  formFromQuery,
  parseTags,
  validateQueryForm,
} from "@/components/queries/query-form";

const DOMAINS = ["Vibe Coding", "Research Workflows"];

describe("parseTags", () => {
  it("splits on commas and newlines, trims, drops empties and case-insensitive repeats", () => {
    expect(parseTags(" python, cli\nrefactor,, Python ,\n")).toEqual(["python", "cli", "refactor"]);
    expect(parseTags("")).toEqual([]);
  });
});

describe("validateQueryForm", () => {
  it("builds the request body", () => {
    const r = validateQueryForm(
      { text: "  Port the pager  ", domain: "Vibe Coding", difficulty: "hard", tags: "ts, ui" },
      DOMAINS,
    );
    expect(r).toEqual({
      ok: true,
      body: { text: "Port the pager", domain: "Vibe Coding", difficulty: "hard", tags: ["ts", "ui"] },
    });
    expect(validateQueryForm({ ...EMPTY_QUERY_FORM, text: "x", domain: "Vibe Coding" }, DOMAINS)).toMatchObject({
      ok: true,
      body: { difficulty: null, tags: [] },
    });
  });

  it("names every field that is wrong, with the server's wording for an unknown domain", () => {
    const r = validateQueryForm({ text: "   ", domain: "Cooking", difficulty: "", tags: "x".repeat(41) }, DOMAINS);
    expect(r).toEqual({
      ok: false,
      errors: {
        text: "the query text is empty",
        domain: 'unknown domain "Cooking"; this project\'s domains are: Vibe Coding, Research Workflows',
        tags: `tag "${"x".repeat(20)}…" is longer than 40 characters`,
      },
    });
    expect(validateQueryForm({ text: "x", domain: "", difficulty: "", tags: "" }, DOMAINS)).toEqual({
      ok: false,
      errors: { domain: "choose a domain" },
    });
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`).join(",");
    expect(validateQueryForm({ text: "x", domain: "Vibe Coding", difficulty: "", tags: many }, DOMAINS)).toEqual({
      ok: false,
      errors: { tags: "21 tags; at most 20" },
    });
    expect(
      validateQueryForm({ text: "x".repeat(50_001), domain: "Vibe Coding", difficulty: "", tags: "" }, DOMAINS),
    ).toEqual({ ok: false, errors: { text: "the query text is 50,001 characters; at most 50,000" } });
  });

  it("leaves the domain to the server while the project's domains are not loaded", () => {
    expect(validateQueryForm({ text: "x", domain: "Cooking", difficulty: "", tags: "" }, [])).toMatchObject({
      ok: true,
    });
  });
});

describe("form round trip", () => {
  it("reads a query into the form and tells whether an edit changes it", () => {
    const saved = formFromQuery({ text: "Fix it", domain: "Vibe Coding", difficulty: null, tags: ["a", "b"] });
    expect(saved).toEqual({ text: "Fix it", domain: "Vibe Coding", difficulty: "", tags: "a, b" });
    expect(formChanged({ ...saved, tags: "a,b " }, saved)).toBe(false);
    expect(formChanged({ ...saved, text: "Fix it " }, saved)).toBe(false);
    expect(formChanged({ ...saved, difficulty: "easy" }, saved)).toBe(true);
    expect(formChanged({ ...saved, tags: "b, a" }, saved)).toBe(true);
    expect(formFromQuery({ text: "x", domain: "d", difficulty: "weird", tags: [] }).difficulty).toBe("");
  });
});
