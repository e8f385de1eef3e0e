import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { readPrsFromGit } from "@/lib/queries/pull-requests/git-prs";
import { filterPrs, isDocsOnly, isDocsPath, patchTooLarge } from "@/lib/queries/pull-requests/pr-filters";
import { PullRequestSchema, type PullRequest } from "@/lib/queries/pull-requests/pr-types";
import { buildFixtureRepo, type GitFixture } from "@/lib/queries/pull-requests/testing/git-fixture";

function pr(repo: string, number: number, files: string[] = ["src/x.ts"], patchLines = 3): PullRequest {
  const body = Array.from({ length: patchLines }, (_, i) => `+line ${i}`).join("\n");
  const patch = files
    .map((f) => `diff --git a/${f} b/${f}\n--- a/${f}\n+++ b/${f}\n@@ -0,0 +1,${patchLines} @@\n${body}\n`)
    .join("");
  return PullRequestSchema.parse({ repo, number, title: `PR ${number}`, patch });
}

describe("filterPrs on PRs read from a git repository", () => {
  let repo: GitFixture;
  let prs: PullRequest[];
  beforeAll(async () => {
    repo = await buildFixtureRepo();
    prs = (await readPrsFromGit({ repoPath: repo.path, range: "main" })).prs;
  }, 60_000);
  afterAll(async () => {
    await repo?.cleanup();
  });

  it("drops the large PR and the docs-only PR by default", () => {
    const out = filterPrs(prs);
    expect(out.kept.map((p) => p.number)).toEqual([12, 15]);
    expect(out.removed).toEqual({ patchTooLarge: 1, docsOnly: 1, multiFile: 0, overRepoCap: 0 });
  });

  it("drops multi-file PRs when asked for single-file ones", () => {
    const out = filterPrs(prs, { singleFileOnly: true });
    expect(out.kept.map((p) => p.number)).toEqual([12]);
    expect(out.removed).toEqual({ patchTooLarge: 1, docsOnly: 1, multiFile: 1, overRepoCap: 0 });
  });

  it("keeps docs-only PRs when not excluded, and a large limit keeps the big one", () => {
    const out = filterPrs(prs, { excludeDocsOnly: false, maxPatchTokens: 1_000_000, maxPerRepo: Infinity });
    expect(out.kept.map((p) => p.number)).toEqual([12, 13, 14, 15]);
  });

  it("caps PRs per repository", () => {
    const out = filterPrs(prs, { maxPerRepo: 1, seed: "x" });
    expect(out.kept).toHaveLength(1);
    expect(out.removed.overRepoCap).toBe(1);
  });

  it("counts a truncated patch as too large whatever its token count", async () => {
    const capped = (await readPrsFromGit({ repoPath: repo.path, range: "main", maxPatchBytes: 300 })).prs;
    const out = filterPrs(capped, { maxPatchTokens: 100_000 });
    expect(out.removed.patchTooLarge).toBeGreaterThanOrEqual(1);
    expect(out.kept.every((p) => !p.patchTruncated)).toBe(true);
  });
});

describe("filterPrs rules", () => {
  it("counts each PR under the first filter that removes it, in order", () => {
    const bigDocs = pr("a/b", 1, ["README.md", "docs/x.md"], 2000);
    const docsMulti = pr("a/b", 2, ["README.md", "docs/x.md"]);
    const multi = pr("a/b", 3, ["src/a.ts", "src/b.ts"]);
    const out = filterPrs([bigDocs, docsMulti, multi], { singleFileOnly: true });
    expect(out.removed).toEqual({ patchTooLarge: 1, docsOnly: 1, multiFile: 1, overRepoCap: 0 });
    expect(out.kept).toEqual([]);
  });

  it("measures the patch in o200k tokens against maxPatchTokens", () => {
    const small = pr("a/b", 1, ["src/a.ts"], 10);
    expect(filterPrs([small], { maxPatchTokens: 1200 }).kept).toHaveLength(1);
    expect(filterPrs([small], { maxPatchTokens: 10 }).removed.patchTooLarge).toBe(1);
  });

  it("does not choke on special-token text inside a patch", () => {
    const weird = PullRequestSchema.parse({
      repo: "a/b",
      number: 1,
      title: "t",
      patch: "diff --git a/t.py b/t.py\n--- a/t.py\n+++ b/t.py\n@@ -0,0 +1 @@\n+EOT = '<|endoftext|>'\n",
    });
    expect(filterPrs([weird]).kept).toHaveLength(1);
  });

  it("stays fast on pathological patches (one long unbroken run, megabytes of diff)", () => {
    const start = Date.now();
    expect(patchTooLarge(`+${"A".repeat(30_000)}\n`, 1200)).toBe(true);
    expect(patchTooLarge(`+${"x = 1\n+".repeat(400_000)}`, 1200)).toBe(true);
    expect(patchTooLarge("+small change\n", 1200)).toBe(false);
    expect(Date.now() - start).toBeLessThan(3000);
  });

  it("samples the per-repository cap deterministically, independent of input order", () => {
    const many = [
      ...Array.from({ length: 20 }, (_, i) => pr("big/repo", i + 1)),
      ...Array.from({ length: 3 }, (_, i) => pr("small/repo", i + 1)),
    ];
    const a = filterPrs(many, { maxPerRepo: 5, seed: 7 });
    const b = filterPrs([...many].reverse(), { maxPerRepo: 5, seed: 7 });
    const keys = (r: typeof a) => r.kept.map((p) => `${p.repo}#${p.number}`).sort();
    expect(a.kept.filter((p) => p.repo === "big/repo")).toHaveLength(5);
    expect(a.kept.filter((p) => p.repo === "small/repo")).toHaveLength(3);
    expect(a.removed.overRepoCap).toBe(15);
    expect(keys(b)).toEqual(keys(a));
    expect(keys(filterPrs(many, { maxPerRepo: 5, seed: 8 }))).not.toEqual(keys(a));
    // Kept PRs stay in input order.
    const bigKept = a.kept.filter((p) => p.repo === "big/repo").map((p) => p.number);
    expect(bigKept).toEqual([...bigKept].sort((x, y) => x - y));
  });

  it("rejects nonsensical options with the field named", () => {
    const e = (() => {
      try {
        filterPrs([], { maxPerRepo: 0 });
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).location?.field).toBe("maxPerRepo");
    expect(() => filterPrs([], { maxPatchTokens: 1.5 })).toThrow(/maxPatchTokens/);
  });
});

describe("documentation paths", () => {
  it.each([
    ["README.md", true],
    ["docs/api/index.ts", true],
    ["packages/core/doc/guide.rst", true],
    ["LICENSE", true],
    ["CHANGELOG", true],
    ["notes.txt", true],
    ["CONTRIBUTING.md", true],
    ["src/readme_parser.ts", false],
    ["src/app.ts", false],
    ["requirements.txt", false],
    ["requirements-dev.txt", false],
    ["CMakeLists.txt", false],
    ["Makefile", false],
  ])("%s → %s", (path, docs) => {
    expect(isDocsPath(path)).toBe(docs);
  });

  it("needs every file to be docs, and at least one file", () => {
    expect(isDocsOnly(["README.md", "docs/a.md"])).toBe(true);
    expect(isDocsOnly(["README.md", "src/a.ts"])).toBe(false);
    expect(isDocsOnly([])).toBe(false);
  });
});
