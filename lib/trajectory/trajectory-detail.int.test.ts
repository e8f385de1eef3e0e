import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { importFile } from "@/lib/import/import-file";
import * as detail from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/route";
import * as steps from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/steps/route";
import * as bodies from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/bodies/route";

const FIX = path.resolve(__dirname, "../formats/fixtures");

async function setup() {
  const project = await makeProject();
  const user = await makeMember(project.id, "annotator");
  const r = await importFile(
    { path: path.join(FIX, "claude-code/session.jsonl"), name: "session.jsonl" },
    { projectId: project.id, actorId: user.id, format: "auto" },
  );
  return { project, cookie: await sessionCookie(user.id), id: r.trajectoryId!, steps: r.steps };
}

describe("reading a trajectory for the viewer", () => {
  it("returns the header, the ordered step index without bodies, and bodies on demand", async () => {
    const { project, cookie, id, steps: n } = await setup();
    const params = { slug: project.slug, trajectoryId: id };
    const head = await callRoute(detail.GET, { params, cookie });
    expect(head.status).toBe(200);
    expect(head.json).toMatchObject({
      trajectory: { id, format: "claude-code", headNumber: 1, stepCount: n, hasSource: true },
    });

    const index = await callRoute(steps.GET, { params, cookie });
    const list = index.json.steps as Array<{ id: string; seq: number; key: string; preview: string }>;
    expect(index.json.revision).toBe(1);
    expect(list.map((s) => s.seq)).toEqual([...Array(n).keys()]);
    expect(list[0]).not.toHaveProperty("data");

    const ids = list.slice(0, 5).map((s) => s.id);
    const got = await callRoute(bodies.GET, { params, cookie, path: `/?ids=${ids.join(",")}` });
    const map = got.json.bodies as Record<string, { kind: string }>;
    expect(Object.keys(map).sort()).toEqual([...ids].sort());
  });

  it("never returns another project's bodies, and validates its inputs", async () => {
    const a = await setup();
    const b = await setup();
    const bIndex = await callRoute(steps.GET, {
      params: { slug: b.project.slug, trajectoryId: b.id },
      cookie: b.cookie,
    });
    const foreign = (bIndex.json.steps as Array<{ id: string }>).slice(0, 3).map((s) => s.id);
    const res = await callRoute(bodies.GET, {
      params: { slug: a.project.slug, trajectoryId: a.id },
      cookie: a.cookie,
      path: `/?ids=${foreign.join(",")}`,
    });
    expect(res.json.bodies).toEqual({});
    const other = await callRoute(detail.GET, {
      params: { slug: a.project.slug, trajectoryId: b.id },
      cookie: a.cookie,
    });
    expect(other.status).toBe(404);
    const tooMany = await callRoute(bodies.GET, {
      params: { slug: a.project.slug, trajectoryId: a.id },
      cookie: a.cookie,
      path: `/?ids=${Array.from({ length: 201 }, (_, i) => `x${i}`).join(",")}`,
    });
    expect(tooMany.status).toBe(422);
    const badRevision = await callRoute(steps.GET, {
      params: { slug: a.project.slug, trajectoryId: a.id },
      cookie: a.cookie,
      path: "/?revision=9",
    });
    expect(badRevision.status).toBe(404);
  });
});
