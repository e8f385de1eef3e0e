import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { parseMessage, readPrsFromGit, repoNameFromUrl } from "@/lib/queries/pull-requests/git-prs";
import { buildFixtureRepo, type GitFixture } from "@/lib/queries/pull-requests/testing/git-fixture";

let repo: GitFixture;
beforeAll(async () => {
  repo = await buildFixtureRepo();
}, 60_000);
afterAll(async () => {
  await repo?.cleanup();
});

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe("readPrsFromGit: merge commits", () => {
  it("reads each first-parent merge as a PR diffed against its first parent", async () => {
    const out = await readPrsFromGit({ repoPath: repo.path, range: `${repo.initial}..merges-done` });
    expect(out.mode).toBe("merges");
    expect(out.repo).toBe("acme/widgets");
    expect(out.prs.map((p) => p.number)).toEqual([12, 13, 14, 15]);
    const [greet, docs, big, multi] = out.prs;
    expect(greet).toMatchObject({
      repo: "acme/widgets",
      title: "Add greeting option",
      body: "Lets callers pass a custom greeting.",
      changedFiles: ["src/app.ts"],
      url: "https://github.com/acme/widgets/pull/12",
      mergedAt: "2024-01-01T12:10:00.000Z",
    });
    expect(greet.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(greet.patch).toContain("diff --git a/src/app.ts b/src/app.ts");
    expect(greet.patch).toContain('+export function greet(name: string, greeting = "Hello"): string {');
    expect(docs.changedFiles).toEqual(["README.md", "docs/guide.md"]);
    expect(big.changedFiles).toEqual(["src/data.ts"]);
    expect(big.patchTruncated).toBeUndefined();
    // The back-merge of main into the branch is not a PR, and #15 brings only its own files.
    expect(multi.changedFiles).toEqual(["src/app.ts", "src/util.ts"]);
    expect(multi.patch).not.toContain("src/data.ts");
  });

  it("uses the given repository name and reads a whole branch", async () => {
    const out = await readPrsFromGit({ repoPath: repo.path, range: "main", repoName: "someone/else" });
    expect(out.prs.map((p) => `${p.repo}#${p.number}`)).toEqual([
      "someone/else#12",
      "someone/else#13",
      "someone/else#14",
      "someone/else#15",
    ]);
  });

  it("caps a huge diff and marks it truncated at a line end", async () => {
    const out = await readPrsFromGit({
      repoPath: repo.path,
      range: `${repo.initial}..merges-done`,
      maxPatchBytes: 4096,
    });
    const big = out.prs.find((p) => p.number === 14);
    expect(big?.patchTruncated).toBe(true);
    expect(Buffer.byteLength(big?.patch ?? "")).toBeLessThanOrEqual(4096);
    expect(big?.patch.endsWith("\n")).toBe(true);
    expect(big?.changedFiles).toEqual(["src/data.ts"]);
    expect(out.prs.find((p) => p.number === 12)?.patchTruncated).toBeUndefined();
  });
});

describe("readPrsFromGit: ranges without merges", () => {
  it("reads each commit, numbering from (#N) or sequentially", async () => {
    const out = await readPrsFromGit({ repoPath: repo.path, range: "merges-done..main" });
    expect(out.mode).toBe("commits");
    expect(out.prs.map((p) => [p.number, p.title])).toEqual([
      [20, "Fix off-by-one in clamp"],
      [1, "Tidy imports"],
    ]);
    expect(out.prs[0]).toMatchObject({
      body: "The upper bound was exclusive.",
      changedFiles: ["src/util.ts"],
      url: "https://github.com/acme/widgets/pull/20",
    });
    expect(out.prs[1].url).toBeUndefined();
    expect(out.prs[1].body).toBeUndefined();
  });

  it("reads a root commit (no parent to diff against)", async () => {
    const out = await readPrsFromGit({ repoPath: repo.path, range: repo.initial });
    expect(out.mode).toBe("commits");
    expect(out.prs).toHaveLength(1);
    expect(out.prs[0]).toMatchObject({ number: 1, title: "Initial commit" });
    expect(out.prs[0].changedFiles.sort()).toEqual(["README.md", "src/app.ts", "src/util.ts"]);
  });

  it("returns nothing for an empty range", async () => {
    const out = await readPrsFromGit({ repoPath: repo.path, range: "main..main" });
    expect(out.prs).toEqual([]);
  });

  it("refuses a range with more commits than the cap", async () => {
    const e = await rejection(readPrsFromGit({ repoPath: repo.path, range: "main", maxCommits: 2 }));
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.message).toMatch(/more than 2 merge commits/);
  });
});

describe("readPrsFromGit: errors", () => {
  it("reports a bad revision range with git's own message", async () => {
    const e = await rejection(readPrsFromGit({ repoPath: repo.path, range: "no-such-branch..main" }));
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.message).toContain('git could not read the range "no-such-branch..main"');
    expect(e.message).toMatch(/git: fatal: (bad revision|ambiguous argument|unknown revision).*no-such-branch/);
  });

  it("refuses a range that looks like an option, before running git", async () => {
    const e = await rejection(readPrsFromGit({ repoPath: repo.path, range: "--output=/tmp/pwned" }));
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.location?.field).toBe("range");
    await expect(readPrsFromGit({ repoPath: repo.path, range: "main ; rm -rf /" })).rejects.toThrow(/whitespace/);
    await expect(readPrsFromGit({ repoPath: repo.path, range: "  " })).rejects.toThrow(/range is empty/);
  });

  it("reports a directory that is not a repository, without searching its parents", async () => {
    const dir = await mkdtemp(join(tmpdir(), "limi-not-a-repo-"));
    try {
      const e = await rejection(readPrsFromGit({ repoPath: dir, range: "main" }));
      expect(e.code).toBe("BAD_REQUEST");
      expect(e.message).toContain(`${dir} is not a readable git repository`);
      expect(e.message).toMatch(/git: fatal: not a git repository/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // A subdirectory of the fixture is not the repository either.
    await expect(readPrsFromGit({ repoPath: join(repo.path, "src"), range: "main" })).rejects.toThrow(
      /not a git repository/,
    );
  });

  it("reports a path that does not exist", async () => {
    const e = await rejection(readPrsFromGit({ repoPath: "/definitely/not/here", range: "main" }));
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.message).toMatch(
      /\/definitely\/not\/here is not a readable git repository \(git: fatal: cannot change to/,
    );
  });

  it("ignores GIT_DIR and friends inherited from a git hook", async () => {
    const saved = { dir: process.env.GIT_DIR, index: process.env.GIT_INDEX_FILE };
    process.env.GIT_DIR = "/nonexistent/.git";
    process.env.GIT_INDEX_FILE = "/nonexistent/index";
    try {
      const out = await readPrsFromGit({ repoPath: repo.path, range: "main" });
      expect(out.prs).toHaveLength(4);
    } finally {
      for (const [k, v] of [
        ["GIT_DIR", saved.dir],
        ["GIT_INDEX_FILE", saved.index],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it("rejects a malformed repository name", async () => {
    await expect(readPrsFromGit({ repoPath: repo.path, range: "main", repoName: "no-slash" })).rejects.toThrow(
      /not of the form owner\/name/,
    );
  });
});

describe("commit message parsing", () => {
  it("takes the PR title from a GitHub merge message", () => {
    expect(parseMessage("Merge pull request #7 from a/b\n\nFix the thing\n\nLonger text\nhere\n")).toEqual({
      title: "Fix the thing",
      body: "Longer text\nhere",
      explicitNumber: 7,
    });
    expect(parseMessage("Merge pull request #7 from a/b")).toEqual({
      title: "Merge pull request #7 from a/b",
      body: "",
      explicitNumber: 7,
    });
  });

  it("reads a squash suffix and leaves other subjects alone", () => {
    expect(parseMessage("Speed up parser (#123)\n\nDetails")).toEqual({
      title: "Speed up parser",
      body: "Details",
      explicitNumber: 123,
    });
    expect(parseMessage("Mention #5 in passing")).toEqual({ title: "Mention #5 in passing", body: "" });
  });

  it("derives owner/name from remote URLs", () => {
    expect(repoNameFromUrl("git@github.com:acme/widgets.git")).toBe("acme/widgets");
    expect(repoNameFromUrl("https://github.com/acme/widgets")).toBe("acme/widgets");
    expect(repoNameFromUrl("ssh://git@gitlab.example.com/team/proj.git/")).toBe("team/proj");
    expect(repoNameFromUrl("/srv/repos")).toBe("srv/repos");
  });
});
