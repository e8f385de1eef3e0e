/**
 * The training view in the product: an admin names a chat template by model folder (never a path),
 * the count job stores the exact count per revision (and again after an edit), the route renders a
 * revision with loss spans, string arguments are a finding, and bad choices change nothing.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeMember, makeProject, sessionCookie, uid } from "@/lib/db/testing/factories";
import { importFile } from "@/lib/import/import-file";
import { tempFile } from "@/lib/import/testing/temp-files";
import { runPendingJobs } from "@/lib/jobs/job-worker";
import "@/lib/server/job-kinds";
import { callRoute } from "@/lib/http/testing/call-route";
import * as templateRoute from "@/app/api/projects/[slug]/chat-template/route";
import * as trainingRoute from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/training/route";
import { saveRevision } from "@/lib/trajectory/revisions";
import { readRevision } from "@/lib/trajectory/store/read-revision";
import { exactTokenCount } from "@/lib/trajectory/store/template-tokens";
import { loadTemplate, renderRevision, type RevisionTrainingView } from "@/lib/export/training-view/project-template";

const SPEC = "builtin:chatml+folder:tiny-bpe";

function line(task: string, args: string) {
  return JSON.stringify({
    messages: [
      { role: "user", content: task },
      {
        role: "assistant",
        content: "Looking.",
        tool_calls: [{ id: "c1", type: "function", function: { name: "sh", arguments: args } }],
      },
      { role: "tool", tool_call_id: "c1", content: "a.txt" },
      { role: "assistant", content: "One file." },
    ],
  });
}

async function setup() {
  const project = await makeProject();
  const [admin, annotator] = await Promise.all([makeMember(project.id, "admin"), makeMember(project.id, "annotator")]);
  const r = await importFile(await tempFile("t.jsonl", `${line(`List ${uid()}`, '{"command":"ls"}')}\n`), {
    projectId: project.id,
    actorId: null,
    format: "auto",
  });
  return {
    project,
    admin,
    id: r.trajectoryId!,
    adminCookie: await sessionCookie(admin.id),
    annotatorCookie: await sessionCookie(annotator.id),
  };
}

const put = (ctx: Awaited<ReturnType<typeof setup>>, body: unknown, cookie = ctx.adminCookie) =>
  callRoute(templateRoute.PUT, { method: "PUT", params: { slug: ctx.project.slug }, body, cookie });

const view = async (ctx: Awaited<ReturnType<typeof setup>>, id: string, revision?: number) =>
  callRoute(trainingRoute.GET, {
    params: { slug: ctx.project.slug, trajectoryId: id },
    path: `/x${revision ? `?revision=${revision}` : ""}`,
    cookie: ctx.annotatorCookie,
  });

describe("training view", () => {
  it("an admin sets the template; the job stores the exact count; the view shows text, loss spans and the count", async () => {
    const ctx = await setup();
    const none = await view(ctx, ctx.id);
    expect(none.status).toBe(409);
    expect(none.json.error!.message).toContain("no chat template");

    const set = await put(ctx, { model: "tiny-bpe", builtin: "chatml" });
    expect(set.status).toBe(202);
    expect(set.json.template).toBe(SPEC);
    const listed = await callRoute(templateRoute.GET, {
      params: { slug: ctx.project.slug },
      cookie: ctx.annotatorCookie,
    });
    expect(listed.json).toMatchObject({ template: SPEC, models: ["tiny-bpe"] });
    await runPendingJobs();

    const v = (await view(ctx, ctx.id)).json as unknown as RevisionTrainingView;
    expect(v.templateId).toBe(SPEC);
    expect(v.revision).toBe(1);
    expect(v.text).toContain("<|im_start|>assistant\n");
    const loss = v.lossSpans.map((s) => v.text.slice(s.start, s.end));
    expect(loss).toHaveLength(2);
    expect(loss[1]).toContain("One file.");
    expect(loss.join("")).not.toContain("a.txt");
    expect(v.tokenCount).toBe(v.segments.reduce((n, s) => n + s.tokens, 0));
    expect(v.tokenCount).toBeGreaterThan(v.lossTokenCount);
    expect(await exactTokenCount(ctx.project.id, ctx.id, 1)).toEqual({ count: v.tokenCount, templateId: SPEC });
    // A counted revision opens from the stored per-message counts, the same as tokenizing again.
    expect(v.countsFrom).toBe("stored");
    const fresh = await renderRevision(ctx.project.id, ctx.id, 1, await loadTemplate(SPEC));
    expect(fresh.view.countsFrom).toBe("tokenizer");
    expect(v.segments).toEqual(fresh.view.segments);
    expect(v.lossTokenCount).toBe(fresh.view.lossTokenCount);

    // An edit writes revision 2; the count job counts it too.
    const rev = await readRevision(ctx.project.id, ctx.id);
    const last = rev.steps.filter((s) => s.kind === "assistant").at(-1)!;
    await saveRevision(
      ctx.project.id,
      ctx.id,
      {
        baseNumber: 1,
        reason: "longer",
        ops: [{ op: "update", key: last.key, step: { kind: "assistant", text: "There is exactly one file here." } }],
      },
      { id: ctx.admin.id, name: "Admin" },
    );
    expect(await exactTokenCount(ctx.project.id, ctx.id, 2)).toBeNull();
    await runPendingJobs();
    const v2 = (await view(ctx, ctx.id, 2)).json as unknown as RevisionTrainingView;
    expect(v2.tokenCount).toBeGreaterThan(v.tokenCount);
    expect(await exactTokenCount(ctx.project.id, ctx.id, 2)).toEqual({ count: v2.tokenCount, templateId: SPEC });
  });

  it("string arguments are a finding of the view, not a crash", async () => {
    const ctx = await setup();
    await db().project.update({
      where: { id: ctx.project.id },
      data: { chatTemplate: "builtin:glm-4.5-style+folder:tiny-bpe" },
    });
    const r = await importFile(await tempFile("s.jsonl", `${line(`Raw ${uid()}`, "ls -la")}\n`), {
      projectId: ctx.project.id,
      actorId: null,
      format: "auto",
    });
    const res = await view(ctx, r.trajectoryId!);
    expect(res.status).toBe(200);
    const v = res.json as unknown as RevisionTrainingView;
    expect(v.findings.map((f) => f.code)).toContain("string-arguments");
  });

  it("refuses an annotator, a path instead of a model name, a folder without a chat template, an unknown shipped one", async () => {
    const ctx = await setup();
    expect((await put(ctx, { model: "tiny-bpe", builtin: "chatml" }, ctx.annotatorCookie)).status).toBe(403);
    const path = await put(ctx, { model: "../../etc", builtin: "chatml" });
    expect(path.status).toBe(422);
    expect(path.json.error!.message).toContain("is not a model name");
    const absolute = await put(ctx, { model: "/etc/passwd" });
    expect(absolute.status).toBe(422);
    const noTemplate = await put(ctx, { model: "tiny-bpe" });
    expect(noTemplate.status).toBe(422);
    expect(noTemplate.json.error!.message).toContain("has no chat_template");
    const unknown = await put(ctx, { model: "tiny-bpe", builtin: "llama-99" });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toMatchObject({ location: { field: "builtin" } });
    const missing = await put(ctx, { model: "no-such-model", builtin: "chatml" });
    expect(missing.status).toBe(422);
    expect(missing.json.error!.message).toContain("has no tokenizer.json");
    const p = await db().project.findUniqueOrThrow({ where: { id: ctx.project.id }, select: { chatTemplate: true } });
    expect(p.chatTemplate).toBeNull();
    expect(await db().job.count({ where: { projectId: ctx.project.id, kind: "training.count" } })).toBe(0);
  });
});
