import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { importFile } from "@/lib/import/import-file";
import { runPendingJobs } from "@/lib/jobs/job-worker";
import "@/lib/server/job-kinds";
import { loadTokenizer } from "@/lib/tokens/registry";
import { stepText } from "@/lib/tokens/step-text";
import { readRevision } from "@/lib/trajectory/store/read-revision";
import * as tokenizerRoute from "@/app/api/projects/[slug]/tokenizer/route";
import { migrateLegacyTokenizerSpecs } from "@/lib/tokens/legacy-tokenizer-specs";
import * as jobsRoute from "@/app/api/projects/[slug]/jobs/route";

const FIX = path.resolve(__dirname, "../formats/fixtures");

describe("changing the project tokenizer", () => {
  it("recounts every step and the totals in a background job with progress", async () => {
    const project = await makeProject();
    const admin = await makeMember(project.id, "admin");
    const cookie = await sessionCookie(admin.id);
    for (const f of ["claude-code/session.jsonl", "sii-cli/conv_0042.json"]) {
      expect(
        (
          await importFile(
            { path: path.join(FIX, f), name: f },
            { projectId: project.id, actorId: admin.id, format: "auto" },
          )
        ).status,
      ).toBe("imported");
    }
    const before = await db().trajectory.findMany({
      where: { projectId: project.id },
      select: { id: true, tokensTotal: true, tokenizer: true },
    });
    expect(before.every((t) => t.tokenizer === "o200k_base")).toBe(true);

    const res = await callRoute(tokenizerRoute.PUT, {
      method: "PUT",
      params: { slug: project.slug },
      cookie,
      body: { tokenizer: "hf:tiny-bpe" },
    });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({
      project: { tokenizer: "hf:tiny-bpe" },
      job: { status: "queued", kind: "tokens.recount" },
    });

    // Other tests' projects may have queued jobs too; this project's job is checked below.
    expect(await runPendingJobs()).toBeGreaterThanOrEqual(1);
    const jobs = await callRoute(jobsRoute.GET, { params: { slug: project.slug }, cookie });
    expect((jobs.json.jobs as Array<Record<string, unknown>>)[0]).toMatchObject({
      status: "done",
      progress: 2,
      total: 2,
      error: null,
    });

    const hf = await loadTokenizer("hf:tiny-bpe");
    for (const t of before) {
      const after = await db().trajectory.findUniqueOrThrow({
        where: { id: t.id },
        select: { tokensTotal: true, tokenizer: true },
      });
      expect(after.tokenizer).toBe("hf:tiny-bpe");
      const head = await readRevision(project.id, t.id);
      // Every stored step count is the new tokenizer's count of that step's text.
      for (const s of head.steps) expect(s.tokens).toBe(hf.count(stepText(s)));
      expect(after.tokensTotal).toBe(head.steps.reduce((n, s) => n + s.tokens, 0));
      expect(after.tokensTotal).not.toBe(t.tokensTotal);
    }
  });

  it("refuses a model that is not in the models folder, naming it, and changes nothing", async () => {
    const project = await makeProject();
    const admin = await makeMember(project.id, "admin");
    const res = await callRoute(tokenizerRoute.PUT, {
      method: "PUT",
      params: { slug: project.slug },
      cookie: await sessionCookie(admin.id),
      body: { tokenizer: "hf:nowhere" },
    });
    expect(res.status).toBe(422);
    expect(res.json.error?.message).toBe('model "nowhere" has no tokenizer.json in the models folder');
    expect(
      (await db().project.findUniqueOrThrow({ where: { id: project.id }, select: { tokenizer: true } })).tokenizer,
    ).toBe("o200k_base");
    expect(await db().job.count({ where: { projectId: project.id } })).toBe(0);
  });

  // The attack of issue 17 (High 1): a project admin or an admin API key names any file on the server.
  it("never reads a path from the request: /etc/passwd, /dev/zero and the auth secret are refused alike, quoting nothing", async () => {
    const project = await makeProject();
    const admin = await makeMember(project.id, "admin");
    const cookie = await sessionCookie(admin.id);
    const secretFile = path.join(process.env.LIMI_DATA_DIR ?? ".data", "auth-secret");
    const messages: string[] = [];
    for (const target of [
      "/etc/passwd",
      "/dev/zero",
      "/proc/self/environ",
      secretFile,
      "/no/such/file",
      "../../../etc/passwd",
    ]) {
      const started = Date.now();
      const res = await callRoute(tokenizerRoute.PUT, {
        method: "PUT",
        params: { slug: project.slug },
        cookie,
        body: { tokenizer: `hf:${target}` },
      });
      expect(res.status, target).toBe(422);
      expect(Date.now() - started).toBeLessThan(5000); // /dev/zero would never finish
      const msg = res.json.error?.message ?? "";
      expect(msg).not.toMatch(/root:|PATH=|not found|ENOENT|no such/i);
      messages.push(msg.replace(`hf:${target}`, "X"));
    }
    // Present and missing files outside the folder get the same answer.
    expect(new Set(messages.slice(0, 5)).size).toBe(1);
    expect(await db().job.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("offers o200k_base and each model folder by name", async () => {
    const project = await makeProject();
    const annotator = await makeMember(project.id, "annotator");
    const res = await callRoute(tokenizerRoute.GET, {
      params: { slug: project.slug },
      cookie: await sessionCookie(annotator.id),
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ specs: ["o200k_base", "hf:tiny-bpe"] });
  });

  it("migrates an old absolute-path setting inside the models folder to its name, and keeps others refused", async () => {
    const inside = await makeProject();
    const outside = await makeProject();
    const modelsDir = process.env.LIMI_MODELS_DIR ?? "";
    await db().project.update({
      where: { id: inside.id },
      data: { tokenizer: `hf:${modelsDir}/tiny-bpe/tokenizer.json` },
    });
    await db().project.update({ where: { id: outside.id }, data: { tokenizer: "hf:/opt/models/glm/tokenizer.json" } });
    const out = await migrateLegacyTokenizerSpecs();
    expect(out.migrated).toContainEqual({
      slug: inside.slug,
      from: `hf:${modelsDir}/tiny-bpe/tokenizer.json`,
      to: "hf:tiny-bpe",
    });
    expect(out.refused).toContainEqual({ slug: outside.slug, spec: "hf:/opt/models/glm/tokenizer.json" });
    expect((await db().project.findUniqueOrThrow({ where: { id: inside.id } })).tokenizer).toBe("hf:tiny-bpe");
    await expect(loadTokenizer("hf:/opt/models/glm/tokenizer.json")).rejects.toThrow(
      /Move the folder holding tokenizer.json/,
    );
  });
});
