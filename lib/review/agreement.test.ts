import { describe, expect, it } from "vitest";
import {
  cohenKappa,
  firstErrorAgreement,
  fleissKappa,
  fleissTable,
  krippendorffAlpha,
  scoreAgreement,
} from "@/lib/review/agreement";

const repeat = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);

describe("Cohen's kappa", () => {
  // Wikipedia, "Cohen's kappa", section "Simple example": 50 grant proposals read by A and B;
  // both yes 20, both no 15, A yes/B no 5, A no/B yes 10. p_o = 0.7, p_e = 0.5, kappa = 0.4.
  it("matches Wikipedia's worked example (kappa = 0.4)", () => {
    const pairs = [
      ...repeat(20, ["yes", "yes"] as const),
      ...repeat(5, ["yes", "no"] as const),
      ...repeat(10, ["no", "yes"] as const),
      ...repeat(15, ["no", "no"] as const),
    ];
    expect(cohenKappa(pairs)).toBeCloseTo(0.4, 10);
  });

  it("leaves out items one rater did not rate, and is null when chance agreement is total", () => {
    expect(cohenKappa([...repeat(20, ["yes", "yes"] as const), ["no", null], [null, "yes"]])).toBeNull();
    expect(
      cohenKappa([
        ["a", "a"],
        ["b", "b"],
        ["a", null],
      ]),
    ).toBe(1);
  });
});

describe("Fleiss' kappa", () => {
  // Wikipedia, "Fleiss' kappa", section "Worked example": 14 raters, 10 subjects, 5 categories;
  // P-bar = 0.378, P-bar_e = 0.213, kappa = 0.210.
  const TABLE = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];
  it("matches Wikipedia's worked example (kappa = 0.210)", () => {
    expect(fleissKappa(TABLE)).toBeCloseTo(0.21, 3);
  });

  it("builds its table from label lists and refuses uneven rating counts", () => {
    expect(
      fleissTable([
        ["a", "a", "b"],
        ["b", "b", "b"],
      ]),
    ).toEqual([
      [2, 1],
      [0, 3],
    ]);
    expect(() =>
      fleissKappa([
        [2, 1],
        [1, 1],
      ]),
    ).toThrow(/same number of ratings/);
  });
});

describe("Krippendorff's alpha", () => {
  // Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability", Annenberg School for
  // Communication, University of Pennsylvania, section A: binary data, two observers, no missing
  // data; alpha = 0.095.
  it("matches Krippendorff (2011) example A: binary, two observers (alpha = 0.095)", () => {
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    expect(
      krippendorffAlpha(
        a.map((v, i) => [v, b[i]]),
        "nominal",
      ),
    ).toBeCloseTo(0.095, 3);
  });

  // Same source, section C: four observers, twelve units, values 1–5, missing data (null):
  // nominal alpha = 0.743; the text gives ordinal 0.815 and interval 0.849 for the same data.
  const OBSERVERS = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  ];
  const units = OBSERVERS[0].map((_, u) => OBSERVERS.map((o) => o[u]));
  it("matches Krippendorff (2011) example C with missing data: nominal 0.743", () => {
    expect(krippendorffAlpha(units, "nominal")).toBeCloseTo(0.743, 3);
  });
  it("matches the same example: ordinal 0.815", () => {
    expect(krippendorffAlpha(units, "ordinal")).toBeCloseTo(0.815, 3);
  });
  it("matches the same example: interval 0.849", () => {
    expect(krippendorffAlpha(units, "interval")).toBeCloseTo(0.849, 3);
  });

  it("is null without pairable values or without any variation, and refuses text for interval", () => {
    expect(
      krippendorffAlpha(
        [
          [1, null],
          [null, 2],
        ],
        "interval",
      ),
    ).toBeNull();
    expect(
      krippendorffAlpha(
        [
          [3, 3],
          [3, 3],
        ],
        "nominal",
      ),
    ).toBeNull();
    expect(() => krippendorffAlpha([["a", "b"]], "interval")).toThrow(/numeric/);
  });
});

describe("first-error-step agreement", () => {
  // Hand-computed (no published worked example exists for this statistic): unit 1 has the pairs
  // (4,4) exact, unit 2 (4,6) within 2, unit 3 (null,null) exact, unit 4 (null,3) neither, unit 5
  // three reviewers 2,2,9: one exact pair of three. Pairs 7; exact 3/7; within ±2: 4/7.
  it("counts exact and ±k agreement over reviewer pairs, 'no error' agreeing only with itself", () => {
    const r = firstErrorAgreement(
      [
        [4, 4],
        [4, 6],
        [null, null],
        [null, 3],
        [2, 2, 9],
      ],
      2,
    );
    expect(r).toEqual({ exact: 3 / 7, withinK: 4 / 7, pairs: 7 });
    expect(firstErrorAgreement([[1]], 2)).toEqual({ exact: null, withinK: null, pairs: 0 });
  });
});

describe("score agreement of one trajectory", () => {
  const rubric = [
    { key: "a", min: 1, max: 5 },
    { key: "b", min: 1, max: 5 },
  ];
  it("is 1 − the mean normalised score distance over pairs and criteria", () => {
    expect(
      scoreAgreement(
        [
          { a: 5, b: 3 },
          { a: 5, b: 3 },
        ],
        rubric,
      ),
    ).toBe(1);
    // |5−1|/4 = 1 and |3−2|/4 = 0.25 → mean 0.625 → 0.375.
    expect(
      scoreAgreement(
        [
          { a: 5, b: 3 },
          { a: 1, b: 2 },
        ],
        rubric,
      ),
    ).toBeCloseTo(0.375, 10);
    expect(scoreAgreement([{ a: 5 }], rubric)).toBeNull();
  });
});
