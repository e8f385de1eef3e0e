import { describe, expect, it } from "vitest";
import { filesFromPatch, prKey, PullRequestSchema } from "@/lib/queries/pull-requests/pr-types";

const GIT_DIFF = `diff --git a/src/a.ts b/src/a.ts
index 1111111..2222222 100644
--- a/src/a.ts
+++ b/src/a.ts
@@ -1,3 +1,3 @@
 keep
--- this removed line looks like a header
+++ and this added one too
diff --git a/old/name.ts b/new/name.ts
similarity index 90%
rename from old/name.ts
rename to new/name.ts
diff --git a/gone.ts b/gone.ts
deleted file mode 100644
index 3333333..0000000
--- a/gone.ts
+++ /dev/null
@@ -1 +0,0 @@
-bye
diff --git a/img.png b/img.png
new file mode 100644
index 0000000..4444444
Binary files /dev/null and b/img.png differ
diff --git a/with space.txt b/with space.txt
index 5555555..6666666 100644
--- a/with space.txt
+++ b/with space.txt
@@ -1 +1 @@
-a
+b
diff --git "a/caf\\303\\251.md" "b/caf\\303\\251.md"
index 7777777..8888888 100644
--- "a/caf\\303\\251.md"
+++ "b/caf\\303\\251.md"
@@ -1 +1 @@
-x
\\ No newline at end of file
+y
`;

describe("filesFromPatch", () => {
  it("lists every file of a git diff: edits, renames, deletions, binaries, odd names", () => {
    expect(filesFromPatch(GIT_DIFF)).toEqual([
      "src/a.ts",
      "new/name.ts",
      "gone.ts",
      "img.png",
      "with space.txt",
      "café.md",
    ]);
  });

  it("reads a plain `diff -u` without git headers, timestamps included", () => {
    const patch =
      "--- a/x.py\t2024-01-01 00:00:00\n+++ b/x.py\t2024-01-02 00:00:00\n@@ -1 +1 @@\n-1\n+2\n--- y.py\n+++ y.py\n@@ -1 +1 @@\n-a\n+b\n";
    expect(filesFromPatch(patch)).toEqual(["x.py", "y.py"]);
  });

  it("returns nothing for text that is not a diff", () => {
    expect(filesFromPatch("just words\n")).toEqual([]);
  });
});

describe("PullRequestSchema", () => {
  const base = { repo: "acme/widgets", number: 3, title: "Fix it", patch: GIT_DIFF };

  it("derives changedFiles from the patch when absent and keeps given ones", () => {
    expect(PullRequestSchema.parse(base).changedFiles).toHaveLength(6);
    expect(PullRequestSchema.parse({ ...base, changedFiles: ["only.ts"] }).changedFiles).toEqual(["only.ts"]);
  });

  it("treats null optional fields as absent (GitHub API style)", () => {
    const pr = PullRequestSchema.parse({ ...base, body: null, mergedAt: null, url: null });
    expect(pr.body).toBeUndefined();
    expect(pr.mergedAt).toBeUndefined();
  });

  it("rejects a bad repo, number or empty patch", () => {
    expect(PullRequestSchema.safeParse({ ...base, repo: "widgets" }).success).toBe(false);
    expect(PullRequestSchema.safeParse({ ...base, number: 0 }).success).toBe(false);
    expect(PullRequestSchema.safeParse({ ...base, patch: "  \n" }).success).toBe(false);
    expect(PullRequestSchema.safeParse({ ...base, mergedAt: "yesterday" }).success).toBe(false);
  });

  it("keys a PR by repo and number", () => {
    expect(prKey(base)).toBe("acme/widgets#3");
  });
});
