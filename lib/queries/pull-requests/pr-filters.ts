/**
 * The LIMI selection of pull requests worth turning into tasks: a small patch (a task a person
 * can state in a paragraph), real code rather than documentation, optionally a single file, and
 * no more than a few per repository so one busy project does not dominate the pool.
 */
import { AppError } from "@/lib/errors/app-error";
import { o200k } from "@/lib/tokens/o200k";
import { prKey, type PullRequest } from "@/lib/queries/pull-requests/pr-types";
import { fmix32 } from "@/lib/similarity/minhash";

export interface PrFilterOptions {
  /** o200k tokens of the unified diff; larger PRs are dropped. Default 1200. */
  maxPatchTokens?: number;
  /** Drop PRs whose every changed file is documentation. Default true. */
  excludeDocsOnly?: boolean;
  /** Drop PRs touching more than one file. Default false. */
  singleFileOnly?: boolean;
  /** At most this many PRs per repository (`Infinity` for no cap). Default 5. */
  maxPerRepo?: number;
  /** Chooses which PRs survive the per-repository cap; same seed, same choice. Default 0. */
  seed?: number | string;
}

export interface PrFilterResult {
  /** Survivors, in input order. */
  kept: PullRequest[];
  /** How many PRs each filter removed; a PR is counted under the first filter that removed it. */
  removed: { patchTooLarge: number; docsOnly: number; multiFile: number; overRepoCap: number };
  /** The filter that removed each dropped PR, by `prKey`. */
  removedBy: Map<string, PrFilterName>;
}

export type PrFilterName = "patchTooLarge" | "docsOnly" | "multiFile" | "overRepoCap";

export const DEFAULT_PR_FILTERS = {
  maxPatchTokens: 1200,
  excludeDocsOnly: true,
  singleFileOnly: false,
  maxPerRepo: 5,
  seed: 0,
} as const;

export function filterPrs(prs: readonly PullRequest[], options: PrFilterOptions = {}): PrFilterResult {
  const o = { ...DEFAULT_PR_FILTERS, ...stripUndefined(options) };
  checkCount(o.maxPatchTokens, "maxPatchTokens");
  if (o.maxPerRepo !== Infinity) checkCount(o.maxPerRepo, "maxPerRepo");

  const removed = { patchTooLarge: 0, docsOnly: 0, multiFile: 0, overRepoCap: 0 };
  const removedBy = new Map<string, PrFilterName>();
  const drop = (pr: PullRequest, why: PrFilterName) => {
    removed[why]++;
    removedBy.set(prKey(pr), why);
  };
  const survivors: PullRequest[] = [];
  for (const pr of prs) {
    if (pr.patchTruncated || patchTooLarge(pr.patch, o.maxPatchTokens)) drop(pr, "patchTooLarge");
    else if (o.excludeDocsOnly && isDocsOnly(pr.changedFiles)) drop(pr, "docsOnly");
    else if (o.singleFileOnly && pr.changedFiles.length > 1) drop(pr, "multiFile");
    else survivors.push(pr);
  }

  if (o.maxPerRepo === Infinity) return { kept: survivors, removed, removedBy };
  const byRepo = new Map<string, PullRequest[]>();
  for (const pr of survivors) {
    const list = byRepo.get(pr.repo);
    if (list) list.push(pr);
    else byRepo.set(pr.repo, [pr]);
  }
  const chosen = new Set<PullRequest>();
  for (const list of byRepo.values()) {
    // Rank by a seeded hash of the PR's own key rather than shuffling the list: the choice then
    // does not depend on input order, and adding one PR to a repository rarely changes the rest.
    const ranked = list
      .map((pr) => ({ pr, rank: seededHash(`${o.seed}\u0000${prKey(pr)}`) }))
      .sort((a, b) => a.rank - b.rank || (prKey(a.pr) < prKey(b.pr) ? -1 : 1));
    for (const { pr } of ranked.slice(0, o.maxPerRepo)) chosen.add(pr);
    for (const { pr } of ranked.slice(o.maxPerRepo)) drop(pr, "overRepoCap");
  }
  return { kept: survivors.filter((pr) => chosen.has(pr)), removed, removedBy };
}

/**
 * Code averages about 4 characters per o200k token; no real patch reaches 32. Past that length a
 * patch cannot fit, so it is refused without tokenizing a possibly megabyte-long diff. Shorter
 * ones are counted exactly with the app's o200k tokenizer (special-token text counted as text).
 */
const MAX_CHARS_PER_TOKEN = 32;

export function patchTooLarge(patch: string, maxTokens: number): boolean {
  if (patch.length > maxTokens * MAX_CHARS_PER_TOKEN) return true;
  return o200k.count(patch) > maxTokens;
}

const DOC_EXTENSIONS = new Set([
  ".md",
  ".mdx",
  ".markdown",
  ".rst",
  ".txt",
  ".adoc",
  ".asciidoc",
  ".rdoc",
  ".org",
  ".textile",
]);
const DOC_DIRS = new Set(["docs", "doc", "documentation"]);
// Conventional project-metadata files, with or without an extension.
const DOC_BASENAMES =
  /^(license|licence|copying|notice|authors|contributors|changelog|changes|history|news|readme|code_of_conduct|contributing|security|maintainers)(\..*)?$/i;
// `.txt` files that are build inputs, not prose.
const TXT_NOT_DOCS = /^(cmakelists\.txt|requirements([-_.].*)?\.txt|constraints([-_.].*)?\.txt)$/i;

export function isDocsPath(path: string): boolean {
  const parts = path.split("/").filter(Boolean);
  const base = parts[parts.length - 1] ?? "";
  if (TXT_NOT_DOCS.test(base)) return false;
  if (parts.slice(0, -1).some((p) => DOC_DIRS.has(p.toLowerCase()))) return true;
  if (DOC_BASENAMES.test(base)) return true;
  const dot = base.lastIndexOf(".");
  return dot > 0 && DOC_EXTENSIONS.has(base.slice(dot).toLowerCase());
}

/** A PR with no known files is not called docs-only: there is nothing to judge it by. */
export const isDocsOnly = (files: readonly string[]): boolean => files.length > 0 && files.every(isDocsPath);

/** FNV-1a then a murmur3 finaliser: stable across platforms and Node versions, well spread. */
export function seededHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

function checkCount(v: number, field: string): void {
  if (!Number.isInteger(v) || v < 1)
    throw new AppError("VALIDATION", `filter option ${field} must be a whole number of at least 1, got ${v}`, {
      location: { field },
    });
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]-?: Exclude<T[K], undefined>;
  };
}
