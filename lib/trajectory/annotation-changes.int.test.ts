import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { importFile } from "@/lib/import/import-file";
import { tempFile } from "@/lib/import/testing/temp-files";
import * as annotations from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/annotations/route";
import * as annotation from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/annotations/[annotationId]/route";
import * as comment from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/annotations/[annotationId]/comments/[commentId]/route";

const LINE = JSON.stringify({
  messages: [
    { role: "user", content: "Fix the scheduler." },
    { role: "assistant", content: "Done." },
  ],
});

async function setup() {
  const project = await makeProject();
  const [ana, rita, lena] = [
    await makeMember(project.id, "annotator"),
    await makeMember(project.id, "reviewer"),
    await makeMember(project.id, "lead"),
  ];
  const r = await importFile(await tempFile("t.jsonl", `${LINE}\n`), {
    projectId: project.id,
    actorId: ana.id,
    format: "auto",
  });
  const params = { slug: project.slug, trajectoryId: r.trajectoryId! };
  const cookies = {
    ana: await sessionCookie(ana.id),
    rita: await sessionCookie(rita.id),
    lena: await sessionCookie(lena.id),
  };
  const create = async () => {
    const res = await callRoute(annotations.POST, {
      method: "POST",
      params,
      cookie: cookies.ana,
      body: { stepKey: "s0", label: "error", comment: "Wrong file." },
    });
    expect(res.status).toBe(201);
    const a = res.json.annotation as { id: string; comments: Array<{ id: string }> };
    return { ...params, annotationId: a.id, commentId: a.comments[0].id };
  };
  const audit = (targetId: string) =>
    db().auditLog.findMany({
      where: { projectId: project.id, targetType: "Annotation", targetId },
      orderBy: { createdAt: "asc" },
      select: { action: true, actorId: true, data: true },
    });
  return { project, params, cookies, ids: { ana: ana.id, rita: rita.id, lena: lena.id }, create, audit };
}

describe("changing and deleting annotations", () => {
  it("lets the author edit a label and a comment, then delete both, each with an audit row", async () => {
    const { cookies, ids, create, audit } = await setup();
    const p = await create();
    const label = await callRoute(annotation.PATCH, {
      method: "PATCH",
      params: p,
      cookie: cookies.ana,
      body: { label: "redundant" },
    });
    expect(label.json.annotation).toMatchObject({ label: "redundant" });
    const edited = await callRoute(comment.PATCH, {
      method: "PATCH",
      params: p,
      cookie: cookies.ana,
      body: { body: "Wrong file: it edits the test." },
    });
    expect(edited.status).toBe(200);
    expect(edited.json.annotation).toMatchObject({ comments: [{ body: "Wrong file: it edits the test." }] });
    const gone = await callRoute(comment.DELETE, { method: "DELETE", params: p, cookie: cookies.ana });
    expect(gone.json.annotation).toMatchObject({ comments: [] });
    expect((await callRoute(annotation.DELETE, { method: "DELETE", params: p, cookie: cookies.ana })).status).toBe(200);
    expect(await db().annotation.count({ where: { id: p.annotationId } })).toBe(0);
    expect((await audit(p.annotationId)).map((r) => [r.action, r.actorId])).toEqual([
      ["annotation.create", ids.ana],
      ["annotation.update", ids.ana],
      ["annotation.comment.edit", ids.ana],
      ["annotation.comment.delete", ids.ana],
      ["annotation.delete", ids.ana],
    ]);
  });

  it("lets a lead delete anyone's comment and annotation (audited, naming the author) but not rewrite them", async () => {
    const { cookies, ids, create, audit } = await setup();
    const p = await create();
    const rewrite = await callRoute(comment.PATCH, {
      method: "PATCH",
      params: p,
      cookie: cookies.lena,
      body: { body: "Something else." },
    });
    expect(rewrite.status).toBe(403);
    expect((await callRoute(comment.DELETE, { method: "DELETE", params: p, cookie: cookies.lena })).status).toBe(200);
    expect((await callRoute(annotation.DELETE, { method: "DELETE", params: p, cookie: cookies.lena })).status).toBe(
      200,
    );
    const rows = await audit(p.annotationId);
    expect(rows.map((r) => [r.action, r.actorId])).toEqual([
      ["annotation.create", ids.ana],
      ["annotation.comment.delete", ids.lena],
      ["annotation.delete", ids.lena],
    ]);
    expect(rows[2].data).toMatchObject({ authorId: ids.ana });
  });

  it("refuses anyone else with 403, changes nothing and audits nothing", async () => {
    const { cookies, create, audit } = await setup();
    const p = await create();
    const tries = [
      await callRoute(annotation.PATCH, {
        method: "PATCH",
        params: p,
        cookie: cookies.rita,
        body: { label: "unsafe" },
      }),
      await callRoute(annotation.DELETE, { method: "DELETE", params: p, cookie: cookies.rita }),
      await callRoute(comment.PATCH, { method: "PATCH", params: p, cookie: cookies.rita, body: { body: "mine now" } }),
      await callRoute(comment.DELETE, { method: "DELETE", params: p, cookie: cookies.rita }),
    ];
    expect(tries.map((t) => t.status)).toEqual([403, 403, 403, 403]);
    expect(tries[1].json).toMatchObject({ error: { message: "only the author or a lead can delete this annotation" } });
    // Resolving stays open to everyone annotating.
    expect(
      (
        await callRoute(annotation.PATCH, {
          method: "PATCH",
          params: p,
          cookie: cookies.rita,
          body: { status: "resolved" },
        })
      ).status,
    ).toBe(200);
    const a = await db().annotation.findUniqueOrThrow({
      where: { id: p.annotationId },
      select: { label: true, comments: { select: { body: true } } },
    });
    expect(a).toEqual({ label: "error", comments: [{ body: "Wrong file." }] });
    expect((await audit(p.annotationId)).map((r) => r.action)).toEqual(["annotation.create", "annotation.update"]);
  });

  it("answers 404 for a comment of another annotation", async () => {
    const { cookies, create } = await setup();
    const a = await create();
    const b = await create();
    const res = await callRoute(comment.DELETE, {
      method: "DELETE",
      params: { ...a, commentId: b.commentId },
      cookie: cookies.ana,
    });
    expect(res.status).toBe(404);
  });
});
