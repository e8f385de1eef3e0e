/**
 * The trajectory store against real PostgreSQL: versioning across reverts, concurrent saves,
 * reuse of stored token counts, project scoping of every route, and the streamed canonical JSON.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { importFile } from "@/lib/import/import-file";
import { tempFile } from "@/lib/import/testing/temp-files";
import { o200k } from "@/lib/tokens/o200k";
import type { Tokenizer } from "@/lib/tokens/tokenizer";
import { saveRevision } from "@/lib/trajectory/revisions";
import { pinRevision, readRevision, streamRevisionSteps } from "@/lib/trajectory/store/read-revision";
import * as revisions from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/revisions/route";
import * as revert from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/revisions/revert/route";
import * as diff from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/revisions/diff/route";
import * as bodies from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/bodies/route";
import * as canonical from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/canonical/route";
import * as steps from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/steps/route";
import * as annotations from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/annotations/route";

/** 1 + 3k steps: the task, then (text, tool call, tool result) k times. */
function sample(stepCount: number, tag = "") {
  const messages: unknown[] = [{ role: "user", content: `Task ${tag}: keep the build green.` }];
  for (let i = 0; i < Math.floor((stepCount - 1) / 3); i++) {
    messages.push({
      role: "assistant",
      content: `step ${i}`,
      tool_calls: [{ id: `c${i}`, type: "function", function: { name: "sh", arguments: `{"cmd":"make ${i}"}` } }],
    });
    messages.push({ role: "tool", tool_call_id: `c${i}`, content: `ok ${i} ${tag}` });
  }
  return { messages };
}

async function setup(stepCount = 4) {
  const project = await makeProject();
  const ana = await makeMember(project.id, "annotator");
  const r = await importFile(await tempFile("t.jsonl", `${JSON.stringify(sample(stepCount, project.slug))}\n`), {
    projectId: project.id,
    actorId: ana.id,
    format: "auto",
  });
  expect(r.status).toBe("imported");
  const params = { slug: project.slug, trajectoryId: r.trajectoryId! };
  return { project, ana, cookie: await sessionCookie(ana.id), params, id: r.trajectoryId! };
}

const humanUpdate = (key: string, text: string) => ({
  op: "update" as const,
  key,
  step: { kind: "human" as const, text },
});

describe("the trajectory store", () => {
  it("saves an edit of a step after a revert to before its last edit (versions never collide)", async () => {
    const { cookie, params } = await setup();
    const save = (base: number, text: string) =>
      callRoute(revisions.POST, {
        method: "POST",
        params,
        cookie,
        body: { baseNumber: base, reason: "reword the task", ops: [humanUpdate("s0", text)] },
      });
    expect((await save(1, "first edit")).status).toBe(201);
    const back = await callRoute(revert.POST, {
      method: "POST",
      params,
      cookie,
      body: { baseNumber: 2, reason: "undo", to: 1 },
    });
    expect(back.status).toBe(201);
    const again = await save(3, "second edit");
    expect(again.status).toBe(201);
    expect(again.json.revision).toMatchObject({ number: 4 });
    const versions = await db().step.findMany({
      where: { trajectoryId: params.trajectoryId, key: "s0" },
      select: { version: true },
      orderBy: { version: "asc" },
    });
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    const d = await callRoute(diff.GET, { params, cookie, path: "/?from=2&to=4" });
    expect(d.status).toBe(200);
    expect(d.json.summary).toMatchObject({ updated: 1 });
  });

  it("gives one 201 and 409 for the rest when saves race on the same head", async () => {
    const { cookie, params } = await setup();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        callRoute(revisions.POST, {
          method: "POST",
          params,
          cookie,
          body: { baseNumber: 1, reason: "racing edit", ops: [humanUpdate("s0", `edit ${i}`)] },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const t = await db().trajectory.findUniqueOrThrow({
      where: { id: params.trajectoryId },
      select: { headNumber: true },
    });
    expect(t.headNumber).toBe(2);
  });

  it("tokenizes only the changed step of a 400-step trajectory on save, and keeps the totals exact", async () => {
    const { project, ana, id } = await setup(400);
    const counted: string[] = [];
    const observed: Tokenizer = {
      id: o200k.id,
      count(text) {
        counted.push(text);
        return o200k.count(text);
      },
    };
    const head = await readRevision(project.id, id);
    expect(head.steps).toHaveLength(400);
    await saveRevision(
      project.id,
      id,
      { baseNumber: 1, reason: "reword", ops: [humanUpdate("s0", "a different task, in other words")] },
      { id: ana.id, name: "Ana" },
      observed,
    );
    expect(counted).toEqual(["a different task, in other words"]);
    const after = await readRevision(project.id, id);
    const t = await db().trajectory.findUniqueOrThrow({ where: { id }, select: { tokensTotal: true } });
    expect(t.tokensTotal).toBe(after.steps.reduce((n, s) => n + s.tokens, 0));
    expect(after.steps[0].tokens).toBe(o200k.count("a different task, in other words"));
  });

  it("answers 404 for another project's trajectory on every trajectory route", async () => {
    const mine = await setup();
    const theirs = await setup();
    const params = { slug: mine.project.slug, trajectoryId: theirs.id };
    const stepIds = (await readRevision(theirs.project.id, theirs.id)).rows.map((r) => r.id);
    for (const [handler, path] of [
      [revisions.GET, "/"],
      [bodies.GET, `/?ids=${stepIds.join(",")}`],
      [canonical.GET, "/"],
      [steps.GET, "/"],
      [annotations.GET, "/"],
      [diff.GET, "/?from=1&to=1"],
    ] as const) {
      const res = await callRoute(handler, { params, cookie: mine.cookie, path });
      expect(res.status, path).toBe(404);
      expect(res.json.error?.message).toContain(theirs.id);
    }
    const save = await callRoute(revisions.POST, {
      method: "POST",
      params,
      cookie: mine.cookie,
      body: { baseNumber: 1, reason: "not mine", ops: [humanUpdate("s0", "x")] },
    });
    expect(save.status).toBe(404);
  });

  it("refuses revision numbers above 2^31 − 1 and 10 KB step keys with a 4xx naming the field", async () => {
    const { cookie, params } = await setup();
    const big = await callRoute(canonical.GET, { params, cookie, path: "/?revision=4294967296" });
    expect(big.status).toBe(422);
    expect(big.json.error?.message).toContain("revision");
    const bigBase = await callRoute(revisions.POST, {
      method: "POST",
      params,
      cookie,
      body: { baseNumber: 2 ** 31, reason: "too far", ops: [humanUpdate("s0", "x")] },
    });
    expect(bigBase.status).toBe(422);
    expect(bigBase.json.error?.message).toContain("baseNumber");
    const key = "k".repeat(10_000);
    const longKey = await callRoute(revisions.POST, {
      method: "POST",
      params,
      cookie,
      body: {
        baseNumber: 1,
        reason: "long key",
        ops: [{ op: "insert", after: null, key, step: { kind: "human", text: "x" } }],
      },
    });
    expect(longKey.status).toBe(422);
    expect(longKey.json.error?.message).toContain("ops.0.key");
    const annotate = await callRoute(annotations.POST, {
      method: "POST",
      params,
      cookie,
      body: { stepKey: key, comment: "hi" },
    });
    expect(annotate.status).toBe(422);
    expect(annotate.json.error?.message).toContain("stepKey");
  });

  it("streams the canonical JSON of a pinned revision, equal to the revision read whole", async () => {
    const { project, cookie, params, id } = await setup(30);
    await saveRevision(
      project.id,
      id,
      { baseNumber: 1, reason: "reword", ops: [humanUpdate("s0", "edited")] },
      { id: (await db().user.findFirstOrThrow({ select: { id: true } })).id, name: "x" },
    );
    const whole = await readRevision(project.id, id, 2);
    const res = await callRoute(canonical.GET, { params, cookie, path: "/?revision=2" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ revision: 2, tools: whole.tools, steps: whole.steps });
    const streamed = [];
    for await (const s of streamRevisionSteps(await pinRevision(project.id, id, 2), 7)) streamed.push(s);
    expect(streamed).toEqual(whole.steps);
    const first = await callRoute(canonical.GET, { params, cookie, path: "/?revision=1" });
    expect((first.json.steps as Array<{ text?: string }>)[0].text).toContain("Task");
  });
});
