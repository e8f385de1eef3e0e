/** The `limi` command as a user runs it: a real process against the run's database. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { db } from "@/lib/db/client";
import { makeProject, makeUser, uid } from "@/lib/db/testing/factories";
import { hashApiKey } from "@/lib/auth/api-keys";

const run = promisify(execFile);
const BIN = path.resolve(__dirname, "limi.mjs");

async function limi(...args: string[]) {
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

describe("limi CLI", () => {
  it("prints help", async () => {
    const r = await limi("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/user\s+user accounts/);
  });

  it("creates a user, then refuses the same email with a clear error and exit 1", async () => {
    const email = `cli-${uid()}@test.local`;
    const ok = await limi("user", "create", "--email", email, "--password", "long-enough-1", "--admin");
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.stdout).toContain(`created user ${email} (instance admin)`);
    expect(await db().user.count({ where: { email, isAdmin: true } })).toBe(1);
    const dup = await limi("user", "create", "--email", email, "--password", "long-enough-1");
    expect(dup.code).toBe(1);
    expect(dup.stderr).toBe(`error: a user with email ${email} already exists\n`);
  });

  it("refuses a short password and a bad email, naming the field", async () => {
    const r = await limi("user", "create", "--email", "not-an-email", "--password", "short");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/email: must be an email address/);
    expect(r.stderr).toMatch(/password: must be at least 8 characters/);
  });

  it("exits 2 on a usage error", async () => {
    const r = await limi("user", "create", "--email", "x@test.local");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/required option '--password <password>' not specified/);
  });

  it("creates a project and adds a member; an invalid role and an unknown slug are clear errors", async () => {
    const owner = await makeUser();
    const member = await makeUser();
    const slug = `cli-${uid()}`;
    expect(
      (await limi("project", "create", "--slug", slug, "--name", "CLI project", "--owner", owner.email)).code,
    ).toBe(0);
    const badRole = await limi("member", "add", "--project", slug, "--email", member.email, "--role", "boss");
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toBe('error: invalid role "boss": must be one of annotator, reviewer, lead, admin\n');
    const unknown = await limi(
      "member",
      "add",
      "--project",
      "no-such-project",
      "--email",
      member.email,
      "--role",
      "reviewer",
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('error: project "no-such-project" not found\n');
    expect((await limi("member", "add", "--project", slug, "--email", member.email, "--role", "reviewer")).code).toBe(
      0,
    );
    const project = await db().project.findUniqueOrThrow({
      where: { slug },
      select: { memberships: { select: { userId: true, role: true } } },
    });
    expect(project.memberships).toEqual(
      expect.arrayContaining([
        { userId: owner.id, role: "admin" },
        { userId: member.id, role: "reviewer" },
      ]),
    );
  });

  it("creates an API key shown once as JSON and stores only its hash", async () => {
    const project = await makeProject();
    await makeUser({ isAdmin: true });
    const r = await limi("apikey", "create", "--project", project.slug, "--role", "lead", "--json");
    expect(r.code).toBe(0);
    const key = JSON.parse(r.stdout) as { id: string; secret: string; role: string };
    expect(key.role).toBe("lead");
    expect(key.secret).toMatch(/^limi_[A-Za-z0-9_-]{43}$/);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { keyHash: true, prefix: true } });
    expect(row.keyHash).toBe(hashApiKey(key.secret));
    expect(row.prefix).toBe(key.secret.slice(0, 12));
  });
});

describe("limi import", () => {
  const FIX = path.resolve(__dirname, "../formats/fixtures");

  it("imports folders and globs, printing one JSON object per file, and exits 0", async () => {
    const project = await makeProject();
    const r = await limi(
      "import",
      path.join(FIX, "claude-code"),
      path.join(FIX, "codex-cli/*.jsonl"),
      "--project",
      project.slug,
      "--domain",
      "Vibe Coding",
      "--json",
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.status, l.format])).toEqual([
      ["imported", "claude-code"],
      ["imported", "codex-cli"],
      ["imported", "codex-cli"],
    ]);
    expect(Object.keys(lines[0]).sort()).toEqual(
      [
        "file",
        "status",
        "format",
        "trajectoryId",
        "trajectoryIds",
        "duplicates",
        "steps",
        "toolCalls",
        "toolResults",
        "failedToolResults",
        "detectedFailedToolResults",
        "humanMessages",
        "reasoningSteps",
        "tokens",
        "warnings",
        "error",
        "waited",
      ].sort(),
    );
    expect(await db().trajectory.count({ where: { projectId: project.id, domain: "Vibe Coding" } })).toBe(3);
  });

  it("exits 1 and names the file and line when a file is rejected; the others still import", async () => {
    const project = await makeProject();
    const { tempFile } = await import("@/lib/import/testing/temp-files");
    const bad = await tempFile(
      "broken.jsonl",
      '{"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}]}\n{"messages": [\n{"messages": []}\n',
    );
    const r = await limi("import", bad.path, path.join(FIX, "atif"), "--project", project.slug);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/broken\.jsonl\s+rejected/);
    expect(r.stdout).toMatch(/line 2: invalid JSON/);
    expect(r.stdout).toMatch(/1 imported, 0 duplicate, 1 rejected/);
  });

  it("refuses an unknown project, an unknown format and a bad --concurrency before reading any file", async () => {
    const unknown = await limi("import", path.join(FIX, "atif"), "--project", "no-such-project");
    expect(unknown).toMatchObject({ code: 1, stderr: 'error: project "no-such-project" not found\n' });
    const project = await makeProject();
    const fmt = await limi("import", path.join(FIX, "atif"), "--project", project.slug, "--format", "pdf");
    expect(fmt.code).toBe(1);
    expect(fmt.stderr).toMatch(/^error: .*unknown format "pdf"; valid formats: auto, claude-code/);
    const lanes = await limi("import", path.join(FIX, "atif"), "--project", project.slug, "--concurrency", "0");
    expect(lanes).toMatchObject({
      code: 1,
      stderr: 'error: --concurrency must be a whole number from 1 to 8, not "0"\n',
    });
    expect(await db().trajectory.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("reports a path that matches nothing as rejected", async () => {
    const project = await makeProject();
    const r = await limi("import", "/nonexistent/folder", "--project", project.slug, "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      file: "/nonexistent/folder",
      status: "rejected",
      error: { message: "/nonexistent/folder: no such file, folder or matching glob" },
    });
  });
});
