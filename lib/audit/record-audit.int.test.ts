/** Audit rows live and die with the transaction of the change they record. */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { makeMember, makeProject, sessionCookie, uid } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { importFile } from "@/lib/import/import-file";
import { tempFile } from "@/lib/import/testing/temp-files";
import { recordAudit } from "@/lib/audit/record-audit";
import * as revisions from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/revisions/route";
import * as revert from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/revisions/revert/route";
import * as annotations from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/annotations/route";
import * as annotation from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/annotations/[annotationId]/route";
import * as comments from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/annotations/[annotationId]/comments/route";

const actions = async (projectId: string) =>
  (await db().auditLog.findMany({ where: { projectId }, orderBy: { createdAt: "asc" }, select: { action: true } })).map(
    (a) => a.action,
  );

describe("the audit log", () => {
  it("has no row for a change whose transaction rolled back (Prisma and pg transactions)", async () => {
    const project = await makeProject();
    const marker = `test.rollback.${uid()}`;
    await expect(
      db().$transaction(async (tx) => {
        await recordAudit({ projectId: project.id, action: marker, targetType: "Project" }, tx);
        throw new Error("the change failed after its audit row");
      }),
    ).rejects.toThrow("the change failed");
    await expect(
      withPgTransaction(async (client) => {
        await recordAudit({ projectId: project.id, action: marker, targetType: "Project" }, client);
        throw new Error("the change failed after its audit row");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db().auditLog.count({ where: { action: marker } })).toBe(0);
    await withPgTransaction((client) =>
      recordAudit({ projectId: project.id, action: marker, targetType: "Project", data: { n: 1 } }, client),
    );
    expect(await db().auditLog.findMany({ where: { action: marker }, select: { data: true } })).toEqual([
      { data: { n: 1 } },
    ]);
  });

  it("records imports, revision saves, reverts and annotation writes", async () => {
    const project = await makeProject();
    const ana = await makeMember(project.id, "annotator");
    const cookie = await sessionCookie(ana.id);
    const r = await importFile(
      await tempFile(
        "t.jsonl",
        `${JSON.stringify({
          messages: [
            { role: "user", content: `audit ${uid()}` },
            { role: "assistant", content: "ok" },
          ],
        })}\n`,
      ),
      { projectId: project.id, actorId: ana.id, format: "auto" },
    );
    const params = { slug: project.slug, trajectoryId: r.trajectoryId! };
    const step = { kind: "human", text: "edited" };
    expect(
      (
        await callRoute(revisions.POST, {
          method: "POST",
          params,
          cookie,
          body: { baseNumber: 1, reason: "edit", ops: [{ op: "update", key: "s0", step }] },
        })
      ).status,
    ).toBe(201);
    expect(
      (await callRoute(revert.POST, { method: "POST", params, cookie, body: { baseNumber: 2, reason: "undo", to: 1 } }))
        .status,
    ).toBe(201);
    const a = await callRoute(annotations.POST, {
      method: "POST",
      params,
      cookie,
      body: { stepKey: "s0", comment: "hm" },
    });
    expect(a.status).toBe(201);
    const annotationId = (a.json.annotation as { id: string }).id;
    const ap = { ...params, annotationId };
    expect(
      (await callRoute(annotation.PATCH, { method: "PATCH", params: ap, cookie, body: { status: "resolved" } })).status,
    ).toBe(200);
    expect(
      (await callRoute(comments.POST, { method: "POST", params: ap, cookie, body: { body: "reply" } })).status,
    ).toBe(201);
    // Review state changes (lib/review) are audited in the same transactions as the import, the save
    // and the revert; rows of one transaction share its timestamp, so each kind is checked in order.
    const all = await actions(project.id);
    expect(all.filter((a) => !a.startsWith("review."))).toEqual([
      "project.create",
      "trajectory.import",
      "revision.save",
      "revision.revert",
      "annotation.create",
      "annotation.update",
      "annotation.comment",
    ]);
    expect(all.filter((a) => a.startsWith("review."))).toEqual(["review.auto_queue", "review.revise", "review.revise"]);
    const save = await db().auditLog.findFirstOrThrow({
      where: { projectId: project.id, action: "revision.save" },
      select: { actorId: true, targetId: true, data: true },
    });
    expect(save).toEqual({ actorId: ana.id, targetId: r.trajectoryId, data: { revision: 2, base: 1, reason: "edit" } });
  });
});
