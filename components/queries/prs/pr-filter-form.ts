/**
 * The PR import form's LIMI filter options, checked in the browser and sent as the query string
 * of `POST /pr-imports` (the server validates them again: PrFilterParamsSchema).
 */
export interface PrFilterFormValues {
  maxPatchTokens: string;
  includeDocs: boolean;
  singleFileOnly: boolean;
  maxPerRepo: string;
  seed: string;
}

/** The same defaults as the server's (DEFAULT_PR_FILTERS; a unit test keeps them equal). */
export const DEFAULT_PR_FILTER_FORM: PrFilterFormValues = {
  maxPatchTokens: "1200",
  includeDocs: false,
  singleFileOnly: false,
  maxPerRepo: "5",
  seed: "0",
};

export type PrFilterField = "maxPatchTokens" | "maxPerRepo" | "seed";

export const REMOVED_BY_LABELS = {
  patchTooLarge: "patch too large",
  docsOnly: "documentation only",
  multiFile: "more than one file",
  overRepoCap: "over the per-repository cap",
} as const;
export type RemovedBy = keyof typeof REMOVED_BY_LABELS;
export const REMOVED_BY_ORDER = Object.keys(REMOVED_BY_LABELS) as RemovedBy[];

const wholeAtLeast1 = /^[1-9]\d*$/;

export function prFilterQuery(
  v: PrFilterFormValues,
): { ok: true; query: string } | { ok: false; errors: Partial<Record<PrFilterField, string>> } {
  const errors: Partial<Record<PrFilterField, string>> = {};
  if (!wholeAtLeast1.test(v.maxPatchTokens.trim())) errors.maxPatchTokens = "a whole number of tokens, at least 1";
  if (!wholeAtLeast1.test(v.maxPerRepo.trim())) errors.maxPerRepo = "a whole number, at least 1";
  if (!/^-?\d+$/.test(v.seed.trim())) errors.seed = "a whole number";
  if (Object.keys(errors).length) return { ok: false, errors };
  const qs = new URLSearchParams({
    maxPatchTokens: v.maxPatchTokens.trim(),
    excludeDocsOnly: String(!v.includeDocs),
    singleFileOnly: String(v.singleFileOnly),
    maxPerRepo: v.maxPerRepo.trim(),
    seed: v.seed.trim(),
  });
  return { ok: true, query: qs.toString() };
}

/** "≤ 1,200 patch tokens · docs-only excluded · …", from the options an import stored (JSON, so read with care). */
export function describeFilterOptions(o: Record<string, unknown>): string {
  const n = new Intl.NumberFormat("en");
  const num = (v: unknown, d: number) => (typeof v === "number" && Number.isFinite(v) ? v : d);
  return [
    `≤ ${n.format(num(o.maxPatchTokens, 1200))} patch tokens`,
    o.excludeDocsOnly === false ? "docs-only kept" : "docs-only excluded",
    o.singleFileOnly === true ? "single-file only" : "any number of files",
    `≤ ${n.format(num(o.maxPerRepo, 5))} per repository`,
    `seed ${num(o.seed, 0)}`,
  ].join(" · ");
}
