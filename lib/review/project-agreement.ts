/**
 * Agreement of a set of reviews, per project, per reviewer pair and per trajectory: the agreement
 * module's statistics applied to review rows grouped by (trajectory, revision). Pure, so the
 * dashboard and bench/review.ts run the same code.
 */
import {
  cohenKappa,
  firstErrorAgreement,
  fleissKappa,
  fleissTable,
  krippendorffAlpha,
  scoreAgreement,
} from "@/lib/review/agreement";
import type { Criterion } from "@/lib/review/rubric";

export interface ReviewRow {
  trajectoryId: string;
  revisionNumber: number;
  reviewerId: string;
  verdict: string;
  scores: Record<string, number>;
  firstErrorIndex: number | null;
}

function units(reviews: readonly ReviewRow[]): ReviewRow[][] {
  const byUnit = new Map<string, ReviewRow[]>();
  for (const r of reviews) {
    const k = `${r.trajectoryId}#${r.revisionNumber}`;
    const list = byUnit.get(k);
    if (list) list.push(r);
    else byUnit.set(k, [r]);
  }
  return [...byUnit.values()];
}

export interface PairAgreement {
  a: string;
  b: string;
  shared: number;
  kappa: number | null;
}

/** Cohen's kappa on verdicts for every pair of reviewers who reviewed the same revisions. */
export function pairAgreement(reviews: readonly ReviewRow[]): PairAgreement[] {
  const pairs = new Map<string, Array<[string, string]>>();
  for (const u of units(reviews))
    for (let i = 0; i < u.length; i++)
      for (let j = i + 1; j < u.length; j++) {
        const [x, y] = u[i].reviewerId < u[j].reviewerId ? [u[i], u[j]] : [u[j], u[i]];
        const k = `${x.reviewerId}|${y.reviewerId}`;
        const list = pairs.get(k) ?? [];
        list.push([x.verdict, y.verdict]);
        pairs.set(k, list);
      }
  return [...pairs.entries()]
    .map(([k, list]) => {
      const [a, b] = k.split("|");
      return { a, b, shared: list.length, kappa: cohenKappa(list) };
    })
    .sort((p, q) => q.shared - p.shared);
}

export function projectAgreement(reviews: readonly ReviewRow[], rubric: readonly Criterion[], k = 2) {
  const all = units(reviews).filter((u) => u.length >= 2);
  const verdictUnits = all.map((u) => u.map((r) => r.verdict));
  // Fleiss needs the same number of ratings per unit: the most common count.
  const sizes = new Map<number, number>();
  for (const u of verdictUnits) sizes.set(u.length, (sizes.get(u.length) ?? 0) + 1);
  const common = [...sizes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const even = verdictUnits.filter((u) => u.length === common);
  return {
    units: all.length,
    reviews: reviews.length,
    verdictAlpha: krippendorffAlpha(verdictUnits, "nominal"),
    verdictFleiss: even.length ? fleissKappa(fleissTable(even)) : null,
    criteria: rubric.map((c) => {
      const values = all.map((u) => u.map((r) => r.scores[c.key] ?? null));
      return {
        key: c.key,
        label: c.label,
        ordinal: krippendorffAlpha(values, "ordinal"),
        interval: krippendorffAlpha(values, "interval"),
      };
    }),
    firstError: firstErrorAgreement(
      all.map((u) => u.map((r) => r.firstErrorIndex)),
      k,
    ),
    meanScoreAgreement: mean(
      all.map((u) =>
        scoreAgreement(
          u.map((r) => r.scores),
          rubric,
        ),
      ),
    ),
  };
}

function mean(xs: Array<number | null>): number | null {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? v.reduce((s, x) => s + x, 0) / v.length : null;
}
