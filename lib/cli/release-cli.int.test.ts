/** `limi release list|show` as a user runs it, against releases made by the curation service. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it, inject } from "vitest";
import { makeMember, makeProject } from "@/lib/db/testing/factories";
import { pgPool } from "@/lib/db/pg-pool";
import { curationTrajectory, makeSet } from "@/lib/curation/testing/curation-fixtures";
import { lockRelease } from "@/lib/curation/releases";
import { runChecks } from "@/lib/curation/gate/run-checks";

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

describe("limi release", () => {
  let slug = "";
  let emptySlug = "";
  let ids: string[] = [];
  beforeAll(async () => {
    const project = await makeProject();
    emptySlug = (await makeProject()).slug;
    slug = project.slug;
    const lead = await makeMember(project.id, "lead");
    const setId = await makeSet(project.id, { targetSize: 2 });
    const a = await curationTrajectory(project.id, lead.id, { text: "first task for the cli" });
    const b = await curationTrajectory(project.id, lead.id, { text: "second task for the cli" });
    ids = [a, b];
    await pgPool().query(
      `INSERT INTO "CurationItem" ("setId","trajectoryId","projectId","addedAt") VALUES ($1,$2,$4,now()),($1,$3,$4,now()+interval '1 second')`,
      [setId, a, b, project.id],
    );
    await runChecks(project.id, setId, lead.id, { rateLimit: false });
    await lockRelease(project.id, setId, { notes: "for the cli" }, lead.id);
  });

  it("lists the releases (none, then one as JSON)", async () => {
    expect(await limi(["release", "list", "--project", emptySlug])).toMatchObject({
      code: 0,
      stdout: `no releases in ${emptySlug}\n`,
    });
    const list = await limi(["release", "list", "--project", slug, "--json"]);
    expect(list.code).toBe(0);
    const rows = list.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ number: 1, items: 2, notes: "for the cli", override: null });
  });

  it("shows one release with its pinned revisions, as JSON and as text", async () => {
    const show = await limi(["release", "show", "1", "--project", slug, "--json"]);
    expect(show.code).toBe(0);
    const rel = JSON.parse(show.stdout) as {
      number: number;
      items: { trajectoryId: string; revisionNumber: number; position: number }[];
    };
    expect(rel.number).toBe(1);
    expect(rel.items.map((i) => [i.position, i.trajectoryId, i.revisionNumber])).toEqual([
      [0, ids[0], 1],
      [1, ids[1], 1],
    ]);
    const text = await limi(["release", "show", "1", "--project", slug]);
    expect(text.stdout).toContain(`0\t${ids[0]}\t1\t`);
    expect(text.stdout).toContain("notes: for the cli");
  });

  it("exits 1 with a message for an unknown release and a bad number", async () => {
    const missing = await limi(["release", "show", "7", "--project", slug]);
    expect(missing).toMatchObject({ code: 1, stderr: "error: release 7 not found in this project\n" });
    const bad = await limi(["release", "show", "x", "--project", slug]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('release number must be a positive integer, got "x"');
  });

  it("exits 1 with a message for an unknown project", async () => {
    const noProject = await limi(["release", "list", "--project", "no-such-project"]);
    expect(noProject.code).toBe(1);
    expect(noProject.stderr).toMatch(/^error: .*no-such-project/);
  });
});
