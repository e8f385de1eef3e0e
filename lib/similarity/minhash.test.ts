import { describe, expect, it } from "vitest";
import {
  estimateJaccard,
  exactJaccard,
  MinHasher,
  NearDuplicateIndex,
  normalizeText,
  shingles,
  signature,
} from "@/lib/similarity/minhash";

const TASK = `The CSV exporter in our reporting service writes dates in the server's local time zone, so reports generated
on machines in different regions disagree. Change the exporter so every timestamp column is written in UTC using
ISO 8601 with a trailing Z, keep the existing column order and header names, and add a regression test that runs
the exporter with the TZ environment variable set to America/New_York and checks the output against a fixture.
Do not change the JSON exporter, which already uses UTC, and make sure the command line flag that selects the
output format still works for both formats.`;

// Reformatted as markdown, with one small wording change.
const PARAPHRASE = `**The CSV exporter** in our reporting service writes dates in the server's *local time zone*, so reports generated
on machines in different regions disagree.

- Change the exporter so every timestamp column is written in UTC using ISO 8601 with a trailing Z,
- keep the existing column order and header names, and add a regression test that runs
the exporter with the \`TZ\` environment variable set to America/New_York and compares the output against a fixture.

Do not change the JSON exporter, which already uses UTC, and make sure the command line flag that selects the
output format still works for both formats.`;

const UNRELATED = `Add a dark mode toggle to the settings page of the web app. The choice should persist in local storage,
respect the operating system preference on first visit, and switch the colour tokens used by the sidebar, the
editor and the modal dialogs without a page reload. Include screenshots of both themes in the pull request.`;

describe("normalisation and shingles", () => {
  it("lowercases, strips markdown punctuation and collapses whitespace", () => {
    expect(normalizeText("  **Fix** the `parse()` bug\n\n- in _utils_ ")).toBe("fix the parse bug in utils");
  });

  it("uses word 3-grams, and one shingle for short texts", () => {
    expect([...shingles("a b c d")]).toEqual(["a b c", "b c d"]);
    expect([...shingles("Fix bug")]).toEqual(["fix bug"]);
    expect(shingles("  ** ").size).toBe(0);
  });
});

describe("signatures", () => {
  it("are deterministic, 128 long, and insensitive to formatting", () => {
    const a = signature(TASK);
    expect(a).toHaveLength(128);
    expect(signature(TASK)).toEqual(a);
    expect(new MinHasher().signature(TASK)).toEqual(a);
    expect(estimateJaccard(a, signature(TASK.toUpperCase().replace(/\n/g, "   ")))).toBe(1);
  });

  it("estimate the Jaccard similarity of the shingle sets", () => {
    const exact = exactJaccard(TASK, PARAPHRASE);
    const est = estimateJaccard(signature(TASK), signature(PARAPHRASE));
    expect(exact).toBeGreaterThan(0.85);
    expect(Math.abs(est - exact)).toBeLessThan(0.12);
    expect(estimateJaccard(signature(TASK), signature(UNRELATED))).toBeLessThan(0.1);
  });

  it("give empty texts similarity 0, not 1", () => {
    expect(estimateJaccard(signature(""), signature("!!"))).toBe(0);
  });
});

describe("NearDuplicateIndex", () => {
  function index() {
    const idx = new NearDuplicateIndex();
    idx.add("csv-utc", TASK);
    idx.add("dark-mode", UNRELATED);
    idx.add("other", "Rename the getUser helper to fetchUser across the codebase and update all call sites and tests.");
    return idx;
  }

  it("finds a paraphrase with a small edit", () => {
    const hits = index().query(PARAPHRASE);
    expect(hits.map((h) => h.id)).toEqual(["csv-utc"]);
    expect(hits[0].similarity).toBeGreaterThanOrEqual(0.8);
  });

  it("does not match unrelated text", () => {
    const idx = index();
    expect(
      idx.query("Upgrade the PostgreSQL driver to version 8 and fix the deprecation warnings it prints at start-up."),
    ).toEqual([]);
    expect(idx.query(UNRELATED).map((h) => h.id)).toEqual(["dark-mode"]);
  });

  it("supports lower thresholds, exclusion, replacement and removal", () => {
    const idx = index();
    expect(idx.query(TASK, 0.8, { excludeId: "csv-utc" })).toEqual([]);
    idx.add("csv-utc", UNRELATED);
    expect(idx.query(TASK)).toEqual([]);
    expect(idx.query(UNRELATED).map((h) => h.id)).toEqual(["csv-utc", "dark-mode"]);
    expect(idx.remove("csv-utc")).toBe(true);
    expect(idx.has("csv-utc")).toBe(false);
    expect(idx.size).toBe(2);
    expect(idx.query("")).toEqual([]);
  });

  it("finds a heavier edit only at a lower threshold", () => {
    const idx = index();
    const words = TASK.split(/\s+/);
    // Replace every 10th word: 3 of every 10 shingles change, Jaccard ≈ 0.54.
    const edited = words.map((w, i) => (i % 10 === 0 ? `x${i}` : w)).join(" ");
    const sim = exactJaccard(TASK, edited);
    expect(sim).toBeGreaterThan(0.45);
    expect(sim).toBeLessThan(0.65);
    expect(idx.query(edited, 0.8)).toEqual([]);
    expect(idx.query(edited, 0.4).map((h) => h.id)).toEqual(["csv-utc"]);
  });

  it("rejects bad settings", () => {
    expect(() => new NearDuplicateIndex({ bands: 7 })).toThrow(/divisor of numPerm/);
    expect(() => index().query(TASK, 1.5)).toThrow(/threshold/);
  });
});
