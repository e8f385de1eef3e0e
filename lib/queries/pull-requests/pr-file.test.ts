import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { elementLines, parsePrText, readPrFile } from "@/lib/queries/pull-requests/pr-file";

const PATCH = "diff --git a/src/a.ts b/src/a.ts\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1 +1 @@\n-a\n+b\n";
const rec = (over: Record<string, unknown> = {}) => ({
  repo: "acme/widgets",
  number: 1,
  title: "Fix a",
  patch: PATCH,
  ...over,
});
const jsonl = (...records: unknown[]) =>
  records.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n") + "\n";

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error("expected an AppError, nothing was thrown");
}

describe("parsePrText: JSONL", () => {
  it("reads records, accepting field aliases and deriving changed files", () => {
    const text = jsonl(
      rec(),
      {
        repo: "acme/widgets",
        number: 2,
        title: "Add b",
        diff: PATCH,
        changed_files: ["src/a.ts", "src/b.ts"],
        merged_at: "2024-05-01T10:00:00Z",
        html_url: "https://github.com/acme/widgets/pull/2",
        body: null,
      },
      {
        repo: "acme/gears",
        number: 3,
        title: "GitHub files objects",
        patch: PATCH,
        files: [{ filename: "x.c", additions: 1 }],
      },
    );
    const prs = parsePrText(text, "prs.jsonl");
    expect(prs.map((p) => p.changedFiles)).toEqual([["src/a.ts"], ["src/a.ts", "src/b.ts"], ["x.c"]]);
    expect(prs[1]).toMatchObject({
      patch: PATCH,
      mergedAt: "2024-05-01T10:00:00Z",
      url: "https://github.com/acme/widgets/pull/2",
      body: undefined,
    });
  });

  it("names the file, line and field of a bad record", () => {
    const text = jsonl(rec(), "", rec({ number: 2, title: undefined }));
    const e = thrown(() => parsePrText(text, "prs.jsonl"));
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toBe("prs.jsonl line 3 field title: is required; nothing was imported");
    expect(e.location).toEqual({ file: "prs.jsonl", line: 3, field: "title" });
  });

  it("names the alias the file used, not our internal field", () => {
    const e = thrown(() => parsePrText(jsonl(rec({ patch: undefined, diff: 42 })), "prs.jsonl"));
    expect(e.location?.field).toBe("diff");
    expect(e.message).toMatch(/^prs\.jsonl line 1 field diff: .*expected string/);
  });

  it("reports invalid JSON on its line", () => {
    const e = thrown(() => parsePrText(jsonl(rec(), '{"repo": "a/b", "number": 2,'), "prs.jsonl"));
    expect(e.message).toMatch(/^prs\.jsonl line 2: invalid JSON/);
    expect(e.location?.line).toBe(2);
  });

  it("is all-or-nothing and lists every bad record", () => {
    const e = thrown(() =>
      parsePrText(jsonl(rec({ repo: "nope" }), rec({ number: 2 }), rec({ number: -1 }), "[1]"), "prs.jsonl"),
    );
    expect(e.message).toMatch(
      /^prs\.jsonl line 1 field repo: expected "owner\/name" \(and 2 more bad records; nothing was imported\)$/,
    );
    const details = e.details as { problems: { line: number; field?: string }[]; problemCount: number };
    expect(details.problemCount).toBe(3);
    expect(details.problems.map((p) => [p.line, p.field])).toEqual([
      [1, "repo"],
      [3, "number"],
      [4, undefined],
    ]);
  });

  it("refuses duplicates and conflicting aliases", () => {
    expect(() => parsePrText(jsonl(rec(), rec()), "prs.jsonl")).toThrow(
      "prs.jsonl line 2 field number: duplicate pull request acme/widgets#1 (already at line 1)",
    );
    expect(() => parsePrText(jsonl(rec({ diff: "other" })), "prs.jsonl")).toThrow(
      /field diff: patch and diff are both given with different values/,
    );
  });

  it("accepts one pretty-printed object, and refuses an empty file", () => {
    expect(parsePrText(JSON.stringify(rec(), null, 2), "one.json")).toHaveLength(1);
    expect(() => parsePrText("\n  \n", "empty.jsonl")).toThrow(/^empty\.jsonl: the file is empty/);
  });
});

describe("parsePrText: JSON array", () => {
  it("reads an array and reports a bad element by index and line", () => {
    const text = JSON.stringify([rec(), rec({ number: 2, patch: "" })], null, 2);
    const e = thrown(() => parsePrText(text, "prs.json"));
    const starts = text.split("\n").flatMap((l, i) => (l === "  {" ? [i + 1] : []));
    const line = starts[1];
    expect(line).toBeGreaterThan(2);
    expect(e.message).toBe(`prs.json element 1 line ${line} field patch: patch is empty; nothing was imported`);
    expect(e.location).toEqual({ file: "prs.json", line, field: "patch" });
    expect(parsePrText(JSON.stringify([rec(), rec({ number: 2 })]), "prs.json")).toHaveLength(2);
  });

  it("locates invalid JSON and refuses a non-array document", () => {
    expect(() => parsePrText('[\n{"repo": 1,}\n]', "prs.json")).toThrow(/^prs\.json line 2: invalid JSON/);
    expect(() => parsePrText('["x", 3]', "prs.json")).toThrow(
      /element 0 line 1: expected a pull request object, got a string/,
    );
  });

  it("finds element start lines through strings with brackets and escapes", () => {
    const text = '[\n  {"a": "[\\"x\\", {"},\n  [1, 2],\n\n  "s"\n]';
    expect(elementLines(text)).toEqual([2, 3, 5]);
  });
});

describe("readPrFile", () => {
  it("reads from disk, and refuses files over the cap or missing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "limi-prfile-"));
    try {
      const file = join(dir, "prs.jsonl");
      await writeFile(file, jsonl(rec(), rec({ number: 2 })));
      expect(await readPrFile(file)).toHaveLength(2);
      await expect(readPrFile(file, { maxBytes: 10 })).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
      await expect(readPrFile(join(dir, "missing.jsonl"))).rejects.toThrow(
        /missing\.jsonl: cannot read the pull request file \(ENOENT/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
