import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { importFile } from "@/lib/import/import-file";
import { tempFile } from "@/lib/import/testing/temp-files";
import { readRevision } from "@/lib/trajectory/store/read-revision";
import * as revisions from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/revisions/route";
import * as diff from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/revisions/diff/route";
import * as revert from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/revisions/revert/route";
import * as annotations from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/annotations/route";
import * as annotation from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/annotations/[annotationId]/route";
import * as comments from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/annotations/[annotationId]/comments/route";

const SAMPLE = {
  messages: [
    { role: "user", content: "Fix the failing scheduler test." },
    {
      role: "assistant",
      content: "Running the tests first.",
      tool_calls: [{ id: "c1", type: "function", function: { name: "sh", arguments: '{"cmd": "pytest -q"}' } }],
    },
    { role: "tool", tool_call_id: "c1", content: "1 failed, 47 passed; the API key is sk-live-123456 in config.py" },
    { role: "assistant", content: "The jitter bound was wrong; fixed." },
  ],
};

async function setup() {
  const project = await makeProject();
  const ana = await makeMember(project.id, "annotator");
  const rita = await makeMember(project.id, "annotator");
  const r = await importFile(await tempFile("t.jsonl", `${JSON.stringify(SAMPLE)}\n`), {
    projectId: project.id,
    actorId: ana.id,
    format: "auto",
  });
  const params = { slug: project.slug, trajectoryId: r.trajectoryId! };
  return { project, params, ana: await sessionCookie(ana.id), rita: await sessionCookie(rita.id), id: r.trajectoryId! };
}

const save = (cookie: string, params: Record<string, string>, body: unknown) =>
  callRoute(revisions.POST, { method: "POST", params, cookie, body });

describe("editing with revisions", () => {
  it("edits, deletes, inserts and moves as a new revision; the original stays as imported", async () => {
    const { project, params, ana, id } = await setup();
    const before = await readRevision(project.id, id, 1);
    const res = await save(ana, params, {
      baseNumber: 1,
      reason: "redact secret, add feedback",
      ops: [
        {
          op: "update",
          key: "s3",
          step: {
            kind: "tool_result",
            callId: "c1",
            name: "sh",
            output: "1 failed, 47 passed; the API key is [REDACTED] in config.py",
            isError: false,
            truncated: false,
          },
        },
        { op: "insert", after: "s4", step: { kind: "human", text: "Also add a regression test." } },
        { op: "delete", key: "s1" },
        { op: "move", key: "s4", after: "s0" },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.json.revision).toMatchObject({ number: 2 });
    const head = await readRevision(project.id, id);
    expect(head.number).toBe(2);
    expect(head.steps.map((s) => s.kind)).toEqual(["human", "assistant", "tool_call", "tool_result", "human"]);
    const redacted = head.steps.find((s) => s.key === "s3");
    expect(redacted?.kind === "tool_result" && redacted.output).toContain("[REDACTED]");
    expect(await readRevision(project.id, id, 1)).toEqual(before);
    const t = await db().trajectory.findUniqueOrThrow({
      where: { id },
      select: { headNumber: true, stepCount: true, humanTurnCount: true },
    });
    expect(t).toEqual({ headNumber: 2, stepCount: 5, humanTurnCount: 2 });
  });

  it("refuses an edit without a reason, naming the field", async () => {
    const { params, ana } = await setup();
    const res = await save(ana, params, { baseNumber: 1, reason: "", ops: [{ op: "delete", key: "s1" }] });
    expect(res.status).toBe(422);
    expect(res.json.error?.message).toMatch(/reason: give a short reason/);
  });

  it("loses no update when two people edit at once: the second gets a conflict naming what changed", async () => {
    const { params, ana, rita, project, id } = await setup();
    const first = await save(ana, params, {
      baseNumber: 1,
      reason: "fix wording",
      ops: [{ op: "update", key: "s4", step: { kind: "assistant", text: "The jitter bound was too loose; fixed." } }],
    });
    expect(first.status).toBe(201);
    const second = await save(rita, params, {
      baseNumber: 1,
      reason: "shorter",
      ops: [{ op: "update", key: "s4", step: { kind: "assistant", text: "Fixed." } }],
    });
    expect(second.status).toBe(409);
    expect(second.json.error?.message).toMatch(/updated by .* \(now revision 2, your edit was made on 1\)/);
    const details = (
      second.json.error as unknown as { details: { revisions: Array<{ number: number; changedKeys: string[] }> } }
    ).details;
    expect(details.revisions).toEqual([expect.objectContaining({ number: 2, changedKeys: ["s4"] })]);
    const reapplied = await save(rita, params, {
      baseNumber: 2,
      reason: "shorter",
      ops: [{ op: "update", key: "s4", step: { kind: "assistant", text: "Fixed." } }],
    });
    expect(reapplied.status).toBe(201);
    const history = await callRoute(revisions.GET, { params, cookie: ana });
    expect(
      (history.json.revisions as Array<{ number: number; reason: string }>).map((r) => [r.number, r.reason]),
    ).toEqual([
      [3, "shorter"],
      [2, "fix wording"],
      [1, "imported original"],
    ]);
    expect((await readRevision(project.id, id)).steps.at(-1)).toMatchObject({ text: "Fixed." });
  });

  it("warns (without blocking) when arguments do not parse or ids stop matching", async () => {
    const { params, ana } = await setup();
    const res = await save(ana, params, {
      baseNumber: 1,
      reason: "break things",
      ops: [
        {
          op: "update",
          key: "s2",
          step: { kind: "tool_call", callId: "c9", name: "sh", arguments: null, argumentsRaw: "{cmd: pytest" },
        },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.json.warnings).toEqual([
      "step 3 (sh): the tool-call arguments do not parse as a JSON object",
      "tool call c9 has no result",
      "tool result c1 has no matching call",
    ]);
  });

  it("diffs two revisions and reverts to an old one as a new revision", async () => {
    const { params, ana, project, id } = await setup();
    await save(ana, params, {
      baseNumber: 1,
      reason: "trim",
      ops: [
        { op: "delete", key: "s0" },
        { op: "update", key: "s1", step: { kind: "assistant", text: "Running pytest." } },
      ],
    });
    const d = await callRoute(diff.GET, { params, cookie: ana, path: "/?from=1&to=2" });
    expect(d.json.summary).toEqual({ updated: 1, inserted: 0, deleted: 1, moved: 0 });
    const changes = d.json.changes as Array<{
      key: string;
      change: string;
      before: { text?: string } | null;
      after: { text?: string } | null;
    }>;
    expect(changes.find((c) => c.change === "updated")).toMatchObject({
      key: "s1",
      before: { text: "Running the tests first." },
      after: { text: "Running pytest." },
    });
    const r = await callRoute(revert.POST, {
      method: "POST",
      params,
      cookie: ana,
      body: { baseNumber: 2, reason: "undo trim", to: 1 },
    });
    expect(r.status).toBe(201);
    const head = await readRevision(project.id, id);
    const original = await readRevision(project.id, id, 1);
    expect(head.number).toBe(3);
    expect(head.steps).toEqual(original.steps);
    expect(head.rows.map((x) => x.id)).toEqual(original.rows.map((x) => x.id));
  });
});

describe("annotations", () => {
  it("attaches a labelled range, threads comments, resolves and reopens", async () => {
    const { params, ana, rita } = await setup();
    const text = SAMPLE.messages[2].content;
    const start = text.indexOf("sk-live");
    const created = await callRoute(annotations.POST, {
      method: "POST",
      params,
      cookie: ana,
      body: { stepKey: "s3", field: "output", start, end: start + 14, label: "secret", comment: "Leaked key, redact." },
    });
    expect(created.status).toBe(201);
    const a = created.json.annotation as { id: string; quote: string; comments: Array<{ body: string }> };
    expect(a.quote).toBe("sk-live-123456");
    const ap = { ...params, annotationId: a.id };
    await callRoute(comments.POST, { method: "POST", params: ap, cookie: rita, body: { body: "Agreed." } });
    expect(
      (await callRoute(annotation.PATCH, { method: "PATCH", params: ap, cookie: rita, body: { status: "resolved" } }))
        .json.annotation,
    ).toMatchObject({ status: "resolved" });
    const reopened = await callRoute(annotation.PATCH, {
      method: "PATCH",
      params: ap,
      cookie: ana,
      body: { status: "open" },
    });
    expect(reopened.json.annotation).toMatchObject({
      status: "open",
      comments: [{ body: "Leaked key, redact." }, { body: "Agreed." }],
    });
  });

  it("refuses an unknown label and a range outside the text", async () => {
    const { params, ana } = await setup();
    const bad = await callRoute(annotations.POST, {
      method: "POST",
      params,
      cookie: ana,
      body: { stepKey: "s0", label: "meh" },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error?.message).toMatch(/unknown label "meh"; this project's labels are: error, redundant/);
    const out = await callRoute(annotations.POST, {
      method: "POST",
      params,
      cookie: ana,
      body: { stepKey: "s0", field: "text", start: 5, end: 999, label: "error" },
    });
    expect(out.status).toBe(422);
  });

  it("stays attached across edits of other steps, re-anchors when its text moves, and is marked outdated when its text goes", async () => {
    const { params, ana } = await setup();
    const text = SAMPLE.messages[2].content;
    const start = text.indexOf("sk-live");
    const range = (
      await callRoute(annotations.POST, {
        method: "POST",
        params,
        cookie: ana,
        body: { stepKey: "s3", field: "output", start, end: start + 14, label: "secret" },
      })
    ).json.annotation as { id: string };
    const whole = (
      await callRoute(annotations.POST, {
        method: "POST",
        params,
        cookie: ana,
        body: { stepKey: "s4", label: "key-decision" },
      })
    ).json.annotation as { id: string };
    await save(ana, params, {
      baseNumber: 1,
      reason: "other step",
      ops: [{ op: "update", key: "s0", step: { kind: "human", text: "Fix the failing test, please." } }],
    });
    await save(ana, params, {
      baseNumber: 2,
      reason: "prefix",
      ops: [
        {
          op: "update",
          key: "s3",
          step: {
            kind: "tool_result",
            callId: "c1",
            name: "sh",
            output: `[pytest] ${text}`,
            isError: false,
            truncated: false,
          },
        },
      ],
    });
    let list = (await callRoute(annotations.GET, { params, cookie: ana })).json.annotations as Array<{
      id: string;
      start: number;
      outdated: boolean;
      stepKey: string;
    }>;
    expect(list.find((x) => x.id === range.id)).toMatchObject({ stepKey: "s3", start: start + 9, outdated: false });
    expect(list.find((x) => x.id === whole.id)).toMatchObject({ stepKey: "s4", outdated: false });
    await save(ana, params, {
      baseNumber: 3,
      reason: "redact",
      ops: [
        {
          op: "update",
          key: "s3",
          step: {
            kind: "tool_result",
            callId: "c1",
            name: "sh",
            output: "1 failed, 47 passed",
            isError: false,
            truncated: false,
          },
        },
      ],
    });
    list = (await callRoute(annotations.GET, { params, cookie: ana })).json.annotations as typeof list;
    expect(list.find((x) => x.id === range.id)).toMatchObject({ outdated: true });
  });
});
