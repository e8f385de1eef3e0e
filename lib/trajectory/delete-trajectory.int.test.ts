/**
 * What a delete does beyond hiding the trajectory: refused while it is pinned in a release (naming
 * the release), out of its curated sets (not back after an undo), and out of the review queues
 * (back in its place after an undo). Releases and sets are made as rows here, as curation will.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { importFile } from "@/lib/import/import-file";
import { listQueue, reviewerProgress } from "@/lib/review/queue-list";
import { nextForMe } from "@/lib/review/review-queue";
import { sendToReview } from "@/lib/review/send-to-review";
import * as detail from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/route";
import * as restore from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/restore/route";

type Refusal = { error: { message: string; location?: { field: string } } };
const FIX = path.resolve(__dirname, "../formats/fixtures");

async function setup() {
  const project = await makeProject();
  const lead = await makeMember(project.id, "lead");
  const r = await importFile(
    { path: path.join(FIX, "claude-code/session.jsonl"), name: "session.jsonl" },
    { projectId: project.id, actorId: lead.id, format: "auto" },
  );
  const id = r.trajectoryId!;
  const params = { slug: project.slug, trajectoryId: id };
  return { project, lead, id, params, cookie: await sessionCookie(lead.id) };
}

async function makeSet(projectId: string, name: string, trajectoryIds: string[]) {
  return db().curationSet.create({
    data: {
      projectId,
      name,
      items: { create: trajectoryIds.map((trajectoryId) => ({ trajectoryId, projectId })) },
    },
    select: { id: true, version: true },
  });
}

async function makeRelease(projectId: string, setId: string, number: number, trajectoryId: string) {
  return db().release.create({
    data: {
      projectId,
      setId,
      number,
      validation: {},
      tokenRule: {},
      items: { create: [{ trajectoryId, projectId, revisionNumber: 1, position: 0 }] },
    },
  });
}

describe("deleting a trajectory", () => {
  it("is refused while the trajectory is pinned in a release, and the refusal names the release", async () => {
    const { project, id, params, cookie } = await setup();
    const set = await makeSet(project.id, "final", [id]);
    await makeRelease(project.id, set.id, 3, id);

    const res = await callRoute(detail.DELETE, { method: "DELETE", params, cookie });
    expect(res.status).toBe(409);
    const refusal = res.json as Refusal;
    expect(refusal.error.message).toContain("pinned in release 3");
    expect(refusal.error.location).toEqual({ field: "trajectoryId" });
    // Nothing written: still there, still in its set, no audit row.
    const t = await db().trajectory.findUniqueOrThrow({ where: { id }, select: { deletedAt: true } });
    expect(t.deletedAt).toBeNull();
    expect(await db().curationItem.count({ where: { trajectoryId: id } })).toBe(1);
    expect(await db().auditLog.count({ where: { targetId: id, action: "trajectory.delete" } })).toBe(0);

    await makeRelease(project.id, set.id, 4, id);
    const again = await callRoute(detail.DELETE, { method: "DELETE", params, cookie });
    expect(again.status).toBe(409);
    expect((again.json as Refusal).error.message).toContain("pinned in releases 3, 4");
  });

  it("takes the trajectory out of its curated sets, and an undo does not put it back", async () => {
    const { project, id, params, cookie } = await setup();
    const other = await importFile(
      { path: path.join(FIX, "sii-cli/conv_0042.json"), name: "conv_0042.json" },
      { projectId: project.id, actorId: null, format: "auto" },
    );
    const a = await makeSet(project.id, "draft A", [id, other.trajectoryId!]);
    const b = await makeSet(project.id, "draft B", [id]);

    const res = await callRoute(detail.DELETE, { method: "DELETE", params, cookie });
    expect(res.status).toBe(200);
    expect(res.json.leftSets).toEqual(["draft A", "draft B"]);
    expect(
      await db().curationItem.findMany({ where: { setId: { in: [a.id, b.id] } }, select: { trajectoryId: true } }),
    ).toEqual([{ trajectoryId: other.trajectoryId }]);
    // The sets moved on (optimistic concurrency and live updates see the change).
    const sets = await db().curationSet.findMany({ where: { id: { in: [a.id, b.id] } }, select: { version: true } });
    expect(sets.map((s) => s.version)).toEqual([1, 1]);
    const audit = await db().auditLog.findFirstOrThrow({
      where: { targetId: id, action: "trajectory.delete" },
      select: { data: true },
    });
    expect(audit.data).toMatchObject({ leftSets: ["draft A", "draft B"] });

    const back = await callRoute(restore.POST, { method: "POST", params, cookie });
    expect(back.status).toBe(200);
    expect(await db().curationItem.count({ where: { trajectoryId: id } })).toBe(0);
  });

  it("leaves the review queues, drops the claim on it, and an undo puts it back where it was", async () => {
    const { project, lead, id, params, cookie } = await setup();
    const reviewer = await makeMember(project.id, "reviewer");
    const other = await makeMember(project.id, "reviewer");
    // New trajectories enter review on import (the project's default); otherwise someone sends it.
    const { status } = await db().trajectory.findUniqueOrThrow({ where: { id }, select: { status: true } });
    if (status !== "in_review") await sendToReview(project.id, { trajectoryIds: [id] }, lead.id);
    const claim = await nextForMe(project.id, reviewer.id, "review");
    expect(claim?.trajectoryId).toBe(id);

    const res = await callRoute(detail.DELETE, { method: "DELETE", params, cookie });
    expect(res.status).toBe(200);
    const q = { queue: "review" as const, page: 1, pageSize: 50 };
    expect(await listQueue(project.id, q)).toMatchObject({ items: [], total: 0 });
    // Nobody is handed it, nor keeps it: the claimant's next is not it either.
    expect(await nextForMe(project.id, other.id, "review")).toBeNull();
    expect(await nextForMe(project.id, reviewer.id, "review")).toBeNull();
    const progress = await reviewerProgress(project.id);
    expect(progress.find((p) => p.userId === reviewer.id)?.claimed).toBe(0);
    const audit = await db().auditLog.findFirstOrThrow({
      where: { targetId: id, action: "trajectory.delete" },
      select: { data: true },
    });
    expect(audit.data).toMatchObject({ reviewQueue: "review" });

    const back = await callRoute(restore.POST, { method: "POST", params, cookie });
    expect(back.status).toBe(200);
    const listed = await listQueue(project.id, q);
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({ trajectoryId: id, claimedBy: null });
    expect((await nextForMe(project.id, other.id, "review"))?.trajectoryId).toBe(id);
  });
});
