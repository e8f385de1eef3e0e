/** `limi export` as a user runs it: a release into a directory, an ad-hoc set, and bad input. */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { describe, expect, it, inject } from "vitest";
import { makeMember, makeProject, uid } from "@/lib/db/testing/factories";
import { approveAll, makeRelease } from "@/lib/export/testing/releases";
import { importTrajectory } from "@/lib/review/testing/review-fixtures";

const run = promisify(execFile);
const BIN = path.resolve(__dirname, "limi.mjs");

async function limi(args: string[]) {
  try {
    const r = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const sha = async (file: string) =>
  createHash("sha256")
    .update(await readFile(file))
    .digest("hex");

describe("limi export", () => {
  it("writes a release as limi into --out, prints sha256 per file, and an --ids set is unreleased", async () => {
    const project = await makeProject();
    const lead = await makeMember(project.id, "lead");
    const ids = [await importTrajectory(project.id, null), await importTrajectory(project.id, null)];
    await approveAll(project.id, ids, lead.id);
    const release = await makeRelease(project.id, ids);
    const tmp = await mkdtemp(path.join(os.tmpdir(), "limi-export-"));

    const out = path.join(tmp, "r1");
    const r = await limi([
      "export",
      "--project",
      project.slug,
      "--release",
      String(release.number),
      "--format",
      "limi",
      "--out",
      out,
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as { files: Array<{ path: string; sha256: string }> };
    expect(printed.files.map((f) => f.path)).toEqual([
      "data/train.json",
      "data/train.parquet",
      "manifest.json",
      "README.md",
    ]);
    for (const f of printed.files) expect(await sha(path.join(out, f.path))).toBe(f.sha256);
    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8"));
    expect(manifest.release.number).toBe(release.number);

    // The same release again: byte-identical files.
    const again = path.join(tmp, "r1-again");
    const r2 = await limi([
      "export",
      "--project",
      project.slug,
      "--release",
      String(release.number),
      "--format",
      "limi",
      "--out",
      again,
      "--json",
    ]);
    expect(JSON.parse(r2.stdout).files).toEqual(printed.files);

    const adhoc = path.join(tmp, "ids");
    const r3 = await limi(["export", "--project", project.slug, "--ids", ids[1], "--format", "openai", "--out", adhoc]);
    expect(r3.code).toBe(0);
    expect(r3.stdout).toContain("1 samples (1 rows) (unreleased) as openai");
    expect(JSON.parse(await readFile(path.join(adhoc, "manifest.json"), "utf8")).unreleased).toBe(true);
  }, 240_000);

  it("refuses an unknown format, a missing release and unknown ids, writing nothing", async () => {
    const project = await makeProject();
    const tmp = await mkdtemp(path.join(os.tmpdir(), "limi-export-"));
    const out = path.join(tmp, "x");
    const badFormat = await limi([
      "export",
      "--project",
      project.slug,
      "--release",
      "1",
      "--format",
      "csv",
      "--out",
      out,
    ]);
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toContain('Unknown export format "csv"');
    const noRelease = await limi([
      "export",
      "--project",
      project.slug,
      "--release",
      "4",
      "--format",
      "limi",
      "--out",
      out,
    ]);
    expect(noRelease.code).toBe(1);
    expect(noRelease.stderr).toContain("release 4 does not exist");
    const unknown = `missing-${uid()}`;
    const noIds = await limi(["export", "--project", project.slug, "--ids", unknown, "--format", "limi", "--out", out]);
    expect(noIds.code).toBe(1);
    expect(noIds.stderr).toContain(unknown);
    const both = await limi(["export", "--project", project.slug, "--format", "limi", "--out", out]);
    expect(both.stderr).toContain("name either --release");
    expect(await readdir(tmp)).toEqual([]);
  }, 240_000);
});
