/** `limi queries …` as a user runs it, including git PR import on a repository built by the test. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { db } from "@/lib/db/client";
import { makeProject } from "@/lib/db/testing/factories";
import { buildFixtureRepo, type GitFixture } from "@/lib/queries/pull-requests/testing/git-fixture";
import { startStubOpenAiServer } from "@/lib/llm/testing/stub-openai-server";
import { tempFile } from "@/lib/import/testing/temp-files";
import { DEFAULT_SYNTHESIS_TEMPLATE } from "@/lib/queries/synthesis/synthesis-prompt";

const run = promisify(execFile);
const BIN = path.resolve(__dirname, "limi.mjs");
let repo: GitFixture;
let stub: Awaited<ReturnType<typeof startStubOpenAiServer>>;

beforeAll(async () => {
  repo = await buildFixtureRepo();
  stub = await startStubOpenAiServer();
});
afterAll(async () => {
  await repo.cleanup();
  await stub.close();
});

async function limi(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: inject("databaseUrl"), ...env },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** `limi queries prs` over the fixture repository's whole history; the import it printed as JSON. */
async function importRepoPrs(slug: string, extra: string[] = []) {
  const r = await limi([
    "queries",
    "prs",
    "--project",
    slug,
    "--repo",
    repo.path,
    "--range",
    `${repo.initial}..HEAD`,
    ...extra,
    "--json",
  ]);
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as { id: string; total: number; kept: number };
}

describe("limi queries", () => {
  it("imports PRs from a git range, then synthesises candidates with the configured LLM", async () => {
    const project = await makeProject();
    const imp = await importRepoPrs(project.slug, ["--repo-name", "acme/app"]);
    expect(imp.total).toBeGreaterThan(imp.kept);
    expect(imp.kept).toBeGreaterThan(0);
    const syn = await limi(["queries", "synthesize", "--project", project.slug, "--import", imp.id], {
      LLM_BASE_URL: stub.baseUrl,
      LLM_MODEL: "stub",
    });
    expect(syn.code).toBe(0);
    expect(syn.stdout).toContain(`${imp.kept} new candidate queries`);
    expect(
      await db().query.count({ where: { projectId: project.id, source: "pr_synthesized", status: "candidate" } }),
    ).toBe(imp.kept);
  });

  it("resumes a stopped run with --run, in the run's own domain, without duplicating", async () => {
    const project = await makeProject();
    const imp = await importRepoPrs(project.slug, ["--repo-name", "acme/app"]);
    const run = await db().synthesisRun.create({
      data: {
        projectId: project.id,
        importId: imp.id,
        model: "stub",
        template: DEFAULT_SYNTHESIS_TEMPLATE,
        domain: "Research Workflows",
        total: imp.kept,
        status: "cancelled",
      },
      select: { id: true },
    });
    const env = { LLM_BASE_URL: stub.baseUrl, LLM_MODEL: "stub" };
    const first = await limi(
      ["queries", "synthesize", "--project", project.slug, "--import", imp.id, "--run", run.id],
      env,
    );
    expect(first.stdout).toContain(`run ${run.id}: ${imp.kept} new candidate queries, 0 already done`);
    const second = await limi(
      ["queries", "synthesize", "--project", project.slug, "--import", imp.id, "--run", run.id],
      env,
    );
    expect(second.stdout).toContain(`run ${run.id}: 0 new candidate queries, ${imp.kept} already done`);
    const made = await db().query.findMany({ where: { projectId: project.id }, select: { domain: true } });
    expect(made).toHaveLength(imp.kept);
    expect(made.every((q) => q.domain === "Research Workflows")).toBe(true);
  });

  it("says what is wrong with a bad rev-range, a missing LLM base URL and an unknown domain", async () => {
    const project = await makeProject();
    const bad = await limi(["queries", "prs", "--project", project.slug, "--repo", repo.path, "--range", "nope..HEAD"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: .*nope\.\.HEAD/);
    const prs = await importRepoPrs(project.slug);
    const noLlm = await limi(["queries", "synthesize", "--project", project.slug, "--import", prs.id], {
      LLM_BASE_URL: "",
    });
    expect(noLlm).toMatchObject({ code: 1, stderr: "error: LLM base URL is not configured (set LLM_BASE_URL)\n" });
    const file = await tempFile("q.jsonl", `${JSON.stringify({ text: "Write the report", domain: "Cooking" })}\n`);
    const domain = await limi(["queries", "import", file.path, "--project", project.slug]);
    expect(domain.code).toBe(1);
    expect(domain.stderr).toMatch(/q\.jsonl line 1 field domain: unknown domain "Cooking"/);
  });

  it("exports queries as JSONL", async () => {
    const project = await makeProject();
    const file = await tempFile(
      "q.jsonl",
      `${JSON.stringify({ text: "Write the report", domain: "Research Workflows", status: "accepted" })}\n${JSON.stringify({ text: "Fix the pager", domain: "Vibe Coding" })}\n`,
    );
    expect((await limi(["queries", "import", file.path, "--project", project.slug])).stdout).toContain(
      "imported 2 queries",
    );
    const out = await limi(["queries", "export", "--project", project.slug, "--status", "accepted"]);
    expect(
      out.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).text),
    ).toEqual(["Write the report"]);
  });
});
