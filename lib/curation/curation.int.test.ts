/**
 * Curation against a real PostgreSQL: sets, items, the last slot taken by two leads at once, the
 * token rule, bad input that changes nothing, releases (override, empty, immutability) and compare.
 */
import { describe, expect, it } from "vitest";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { pgPool } from "@/lib/db/pg-pool";
import { saveRevision } from "@/lib/trajectory/revisions";
import { curationTrajectory } from "@/lib/curation/testing/curation-fixtures";
import { runChecks } from "@/lib/curation/gate/run-checks";
import * as sets from "@/app/api/projects/[slug]/curation/sets/route";
import * as oneSet from "@/app/api/projects/[slug]/curation/sets/[setId]/route";
import * as items from "@/app/api/projects/[slug]/curation/sets/[setId]/items/route";
import * as oneItem from "@/app/api/projects/[slug]/curation/sets/[setId]/items/[trajectoryId]/route";
import * as pool from "@/app/api/projects/[slug]/curation/sets/[setId]/pool/route";
import * as dups from "@/app/api/projects/[slug]/curation/sets/[setId]/duplicates/route";
import * as suggestRoute from "@/app/api/projects/[slug]/curation/sets/[setId]/suggest/route";
import * as release from "@/app/api/projects/[slug]/curation/sets/[setId]/release/route";
import * as releases from "@/app/api/projects/[slug]/releases/route";
import * as oneRelease from "@/app/api/projects/[slug]/releases/[number]/route";
import * as compare from "@/app/api/projects/[slug]/releases/compare/route";
import * as stats from "@/app/api/projects/[slug]/curation/stats/route";

async function fixture() {
  const project = await makeProject();
  const lead = await makeMember(project.id, "lead");
  const lead2 = await makeMember(project.id, "lead");
  const annotator = await makeMember(project.id, "annotator");
  return {
    project,
    lead,
    cookie: await sessionCookie(lead.id),
    cookie2: await sessionCookie(lead2.id),
    annotatorCookie: await sessionCookie(annotator.id),
  };
}

type F = Awaited<ReturnType<typeof fixture>>;

async function createSet(f: F, body: Record<string, unknown>) {
  const r = await callRoute(sets.POST, { method: "POST", params: { slug: f.project.slug }, cookie: f.cookie, body });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return (r.json as { set: { id: string; version: number } }).set;
}

const count = async (sql: string, args: unknown[]) =>
  (await pgPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, args)).rows[0].n;

const add = (f: F, setId: string, body: Record<string, unknown>, cookie = f.cookie) =>
  callRoute(items.POST, { method: "POST", params: { slug: f.project.slug, setId }, cookie, body });

const err = (r: { json: unknown }) =>
  (r.json as { error: { code: string; message: string; location?: { field?: string } } }).error;

describe("curation sets", () => {
  it("refuses quotas over the target naming the field, and unknown domains", async () => {
    const f = await fixture();
    const r = await callRoute(sets.POST, {
      method: "POST",
      params: { slug: f.project.slug },
      cookie: f.cookie,
      body: { name: "too many", targetSize: 10, quotas: { "Vibe Coding": 6, "Research Workflows": 5 } },
    });
    expect(r.status).toBe(422);
    expect(err(r).location?.field).toBe("quotas");
    expect(err(r).message).toContain("add up to 11, over the target size of 10");
    const d = await callRoute(sets.POST, {
      method: "POST",
      params: { slug: f.project.slug },
      cookie: f.cookie,
      body: { name: "odd", targetSize: 10, quotas: { Cooking: 1 } },
    });
    expect(d.status).toBe(422);
    expect(err(d).location?.field).toBe("quotas.Cooking");
    expect(await count(`"CurationSet" WHERE "projectId"=$1`, [f.project.id])).toBe(0);
  });

  it("adds only approved trajectories: an unapproved one is named and nothing is written", async () => {
    const f = await fixture();
    const set = await createSet(f, { name: "s", targetSize: 5 });
    const ok = await curationTrajectory(f.project.id, f.lead.id);
    const pending = await curationTrajectory(f.project.id, f.lead.id, { approve: false, text: "pending task text" });
    const r = await add(f, set.id, { trajectoryIds: [ok, pending] });
    expect(r.status).toBe(422);
    expect(err(r).message).toContain(pending);
    expect(err(r).message).toContain("has no approved revision");
    expect(err(r).location?.field).toBe("trajectoryIds[1]");
    expect(await count(`"CurationItem" WHERE "setId"=$1`, [set.id])).toBe(0);
    expect(await count(`"AuditLog" WHERE "projectId"=$1 AND "action"='curation.item.add'`, [f.project.id])).toBe(0);

    const good = await add(f, set.id, { trajectoryIds: [ok] });
    expect(good.status).toBe(200);
    expect(good.json).toMatchObject({ added: 1, version: 1, warnings: [] });
    expect(await count(`"AuditLog" WHERE "projectId"=$1 AND "action"='curation.item.add'`, [f.project.id])).toBe(1);
    expect((await add(f, set.id, { trajectoryIds: [ok] })).status).toBe(409);
    // Bad ids: unknown trajectory, unknown set, another project's set.
    expect((await add(f, set.id, { trajectoryIds: ["nope"] })).status).toBe(404);
    expect((await add(f, "no-such-set", { trajectoryIds: [ok] })).status).toBe(404);
    const other = await fixture();
    const foreign = await createSet(other, { name: "theirs" });
    expect((await add(f, foreign.id, { trajectoryIds: [ok] })).status).toBe(404);
    expect((await add(f, set.id, { trajectoryIds: [] })).status).toBe(422);
    const del = await callRoute(oneItem.DELETE, {
      method: "DELETE",
      params: { slug: f.project.slug, setId: set.id, trajectoryId: pending },
      cookie: f.cookie,
    });
    expect(del.status).toBe(404);
  });

  it("lets one of two leads fill the last slot; the other gets a 409 saying why", async () => {
    const f = await fixture();
    const set = await createSet(f, { name: "last slot", targetSize: 2 });
    const [a, b, c] = [
      await curationTrajectory(f.project.id, f.lead.id),
      await curationTrajectory(f.project.id, f.lead.id),
      await curationTrajectory(f.project.id, f.lead.id),
    ];
    expect((await add(f, set.id, { trajectoryIds: [a] })).status).toBe(200);
    const [r1, r2] = await Promise.all([
      add(f, set.id, { trajectoryIds: [b] }),
      add(f, set.id, { trajectoryIds: [c] }, f.cookie2),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const lost = r1.status === 409 ? r1 : r2;
    expect(err(lost).message).toMatch(/already full: 2 of the target 2 \(the latest was added by .+\)/);
    expect(await count(`"CurationItem" WHERE "setId"=$1`, [set.id])).toBe(2);
    // The warning can be overridden by the person who saw it.
    const forced = await add(f, set.id, { trajectoryIds: [r1.status === 409 ? b : c], force: true });
    expect(forced.status).toBe(200);
    expect((forced.json as { warnings: string[] }).warnings[0]).toContain("already full");
    // A stale version is refused.
    expect((await add(f, set.id, { trajectoryIds: [a], expectedVersion: 0 })).status).toBe(409);
  });

  it("warns past a domain quota and refuses a trajectory over the token rule", async () => {
    const f = await fixture();
    const set = await createSet(f, {
      name: "quota",
      targetSize: 4,
      quotas: { "Vibe Coding": 1 },
      maxTokensPerSample: 60,
    });
    const v1 = await curationTrajectory(f.project.id, f.lead.id, { domain: "Vibe Coding" });
    const v2 = await curationTrajectory(f.project.id, f.lead.id, { domain: "Vibe Coding" });
    const long = await curationTrajectory(f.project.id, f.lead.id, { padding: 200 });
    expect((await add(f, set.id, { trajectoryIds: [v1] })).status).toBe(200);
    const q = await add(f, set.id, { trajectoryIds: [v2] });
    expect(q.status).toBe(409);
    expect(err(q).message).toContain("Vibe Coding would have 2, past its quota of 1");
    const t = await add(f, set.id, { trajectoryIds: [long] });
    expect(t.status).toBe(422);
    expect(err(t).message).toMatch(/tokens under the token rule, over the set's maximum of 60/);
  });

  it("refuses every curation write to an annotator with 403", async () => {
    const f = await fixture();
    const set = await createSet(f, { name: "mine" });
    const id = await curationTrajectory(f.project.id, f.lead.id);
    const c = f.annotatorCookie;
    const params = { slug: f.project.slug, setId: set.id };
    const answers = [
      await callRoute(sets.POST, { method: "POST", params: { slug: f.project.slug }, cookie: c, body: { name: "x" } }),
      await callRoute(oneSet.PATCH, { method: "PATCH", params, cookie: c, body: { targetSize: 3 } }),
      await callRoute(oneSet.DELETE, { method: "DELETE", params, cookie: c }),
      await add(f, set.id, { trajectoryIds: [id] }, c),
      await callRoute(oneItem.DELETE, { method: "DELETE", params: { ...params, trajectoryId: id }, cookie: c }),
      await callRoute(suggestRoute.POST, { method: "POST", params, cookie: c }),
      await callRoute(release.POST, { method: "POST", params, cookie: c, body: {} }),
    ];
    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403, 403, 403, 403]);
    expect(await count(`"CurationItem" WHERE "setId"=$1`, [set.id])).toBe(0);
  });

  it("filters and sorts the approved pool and warns of near-duplicates", async () => {
    const f = await fixture();
    const set = await createSet(f, { name: "board", targetSize: 5 });
    const text = "Write a command line tool that converts CSV files with dates into JSON lines using UTC timestamps";
    const a = await curationTrajectory(f.project.id, f.lead.id, {
      text,
      tools: ["read", "edit", "bash", "bash"],
      domain: "Vibe Coding",
    });
    const b = await curationTrajectory(f.project.id, f.lead.id, {
      text: `${text}.`,
      tools: ["read", "edit", "bash", "bash"],
      padding: 50,
    });
    await curationTrajectory(f.project.id, f.lead.id, { approve: false });
    const p = await callRoute(pool.GET, {
      params: { slug: f.project.slug, setId: set.id },
      path: "/?sort=tokens&dir=desc",
      cookie: f.annotatorCookie,
    });
    expect(p.status).toBe(200);
    const rows = (p.json as { rows: { id: string }[]; total: number }).rows;
    expect(rows.map((r) => r.id)).toEqual([b, a]);
    const byDomain = await callRoute(pool.GET, {
      params: { slug: f.project.slug, setId: set.id },
      path: "/?domain=Vibe%20Coding&tool=edit",
      cookie: f.cookie,
    });
    expect((byDomain.json as { rows: { id: string }[] }).rows.map((r) => r.id)).toEqual([a]);
    const bad = await callRoute(pool.GET, {
      params: { slug: f.project.slug, setId: set.id },
      path: "/?sort=nope",
      cookie: f.cookie,
    });
    expect(bad.status).toBe(422);
    await add(f, set.id, { trajectoryIds: [a, b] });
    const d = await callRoute(dups.GET, { params: { slug: f.project.slug, setId: set.id }, cookie: f.cookie });
    const pairs = (d.json as { pairs: { kind: string }[] }).pairs;
    expect(pairs.map((x) => x.kind).sort()).toEqual(["query", "tools"]);
  });
});

describe("suggest and releases", () => {
  it("suggests without writing, releases with an override, refuses an empty set, and pins revisions", async () => {
    const f = await fixture();
    const set = await createSet(f, { name: "rel", targetSize: 3, quotas: { "Vibe Coding": 1 } });
    const params = { slug: f.project.slug, setId: set.id };
    const empty = await callRoute(release.POST, { method: "POST", params, cookie: f.cookie, body: {} });
    expect(empty.status).toBe(422);
    expect(err(empty).message).toContain("is empty");
    const ids = [
      await curationTrajectory(f.project.id, f.lead.id, { domain: "Vibe Coding", tools: ["read", "bash"] }),
      await curationTrajectory(f.project.id, f.lead.id, { domain: "Vibe Coding", tools: ["read"] }),
      await curationTrajectory(f.project.id, f.lead.id, { domain: "Research Workflows", tools: ["search", "fetch"] }),
      await curationTrajectory(f.project.id, f.lead.id, { domain: "Research Workflows", tools: ["search"] }),
    ];
    const s = await callRoute(suggestRoute.POST, { method: "POST", params, cookie: f.cookie });
    expect(s.status).toBe(200);
    const sug = (s.json as { suggestions: { id: string; domain: string; reasons: string[] }[] }).suggestions;
    expect(sug).toHaveLength(3);
    expect(sug.filter((x) => x.domain === "Vibe Coding")).toHaveLength(1);
    expect(sug.every((x) => x.reasons.length > 0)).toBe(true);
    expect(await count(`"CurationItem" WHERE "setId"=$1`, [set.id])).toBe(0);

    // Given against the ids' own order: the set and its release keep the order items were given in.
    const given = ids[0] > ids[2] ? [ids[0], ids[2]] : [ids[2], ids[0]];
    await add(f, set.id, { trajectoryIds: given });
    const unmet = await callRoute(release.POST, { method: "POST", params, cookie: f.cookie, body: { notes: "first" } });
    expect(unmet.status).toBe(422);
    expect(err(unmet).location?.field).toBe("override");
    expect(err(unmet).message).toContain("2 of the target 3");
    expect(await count(`"Release" WHERE "projectId"=$1`, [f.project.id])).toBe(0);
    // The release gate (lib/curation/gate) needs a run of the checks over exactly these samples.
    const unchecked = await callRoute(release.POST, {
      method: "POST",
      params,
      cookie: f.cookie,
      body: { notes: "first", override: { reason: "ship the pilot with two" } },
    });
    expect(unchecked.status).toBe(409);
    expect(err(unchecked).message).toContain("checks have not been run");
    await runChecks(f.project.id, set.id, f.lead.id, { rateLimit: false });
    const r1 = await callRoute(release.POST, {
      method: "POST",
      params,
      cookie: f.cookie,
      body: { notes: "first", override: { reason: "ship the pilot with two" } },
    });
    expect(r1.status, JSON.stringify(r1.json)).toBe(201);
    expect(r1.json).toMatchObject({
      release: { number: 1, items: 2, override: { reason: "ship the pilot with two" } },
    });
    expect(
      await count(`"AuditLog" WHERE "projectId"=$1 AND "action"='curation.release.override'`, [f.project.id]),
    ).toBe(1);

    // A later revision of a released trajectory leaves the release's pinned revision as it was.
    await saveRevision(
      f.project.id,
      ids[2],
      { baseNumber: 1, reason: "tidy", ops: [{ op: "update", key: "s0", step: { kind: "human", text: "changed" } }] },
      { id: f.lead.id, name: "Lead" },
    );
    const show = await callRoute(oneRelease.GET, {
      params: { slug: f.project.slug, number: "1" },
      cookie: f.annotatorCookie,
    });
    expect(show.status).toBe(200);
    const pinned = (show.json as { items: { trajectoryId: string; revisionNumber: number; headNumber: number }[] })
      .items;
    expect(pinned.map((i) => [i.trajectoryId, i.revisionNumber])).toEqual([
      [given[0], 1],
      [given[1], 1],
    ]);
    expect(pinned.find((i) => i.trajectoryId === ids[2])!.headNumber).toBe(2);
    // The edited trajectory left the approved pool: releasing again names it.
    const lost = await callRoute(release.POST, {
      method: "POST",
      params,
      cookie: f.cookie,
      body: { override: { reason: "again" } },
    });
    expect(lost.status).toBe(409);
    expect(err(lost).message).toContain(ids[2]);

    await callRoute(oneItem.DELETE, {
      method: "DELETE",
      params: { ...params, trajectoryId: ids[2] },
      cookie: f.cookie,
    });
    await add(f, set.id, { trajectoryIds: [ids[3], ids[1]], force: true });
    await callRoute(oneItem.DELETE, {
      method: "DELETE",
      params: { ...params, trajectoryId: ids[1] },
      cookie: f.cookie,
    });
    await add(f, set.id, {
      trajectoryIds: [await curationTrajectory(f.project.id, f.lead.id, { domain: "Research Workflows" })],
    });
    await runChecks(f.project.id, set.id, f.lead.id, { rateLimit: false });
    const r2 = await callRoute(release.POST, { method: "POST", params, cookie: f.cookie, body: { notes: "exact" } });
    expect(r2.status, JSON.stringify(r2.json)).toBe(201);
    expect(r2.json).toMatchObject({ release: { number: 2, items: 3, override: null } });

    const cmp = await callRoute(compare.GET, {
      params: { slug: f.project.slug },
      path: "/?from=1&to=2",
      cookie: f.cookie,
    });
    expect(cmp.status).toBe(200);
    const c = cmp.json as { added: { trajectoryId: string }[]; removed: { trajectoryId: string }[]; unchanged: number };
    expect(c.removed.map((x) => x.trajectoryId)).toEqual([ids[2]]);
    expect(c.added).toHaveLength(2);
    expect(c.unchanged).toBe(1);
    const list = await callRoute(releases.GET, { params: { slug: f.project.slug }, cookie: f.cookie });
    expect((list.json as { releases: { number: number }[] }).releases.map((r) => r.number)).toEqual([2, 1]);
    expect(
      (await callRoute(oneRelease.GET, { params: { slug: f.project.slug, number: "9" }, cookie: f.cookie })).status,
    ).toBe(404);
    expect(
      (await callRoute(oneRelease.GET, { params: { slug: f.project.slug, number: "x" }, cookie: f.cookie })).status,
    ).toBe(422);
    // A set with releases is kept.
    expect((await callRoute(oneSet.DELETE, { method: "DELETE", params, cookie: f.cookie })).status).toBe(409);

    const st = await callRoute(stats.GET, {
      params: { slug: f.project.slug },
      path: `/?setId=${set.id}`,
      cookie: f.cookie,
    });
    expect(st.status).toBe(200);
    const totals = (st.json as { totals: Record<string, { n: number }> }).totals;
    expect(totals.set.n).toBe(3);
    expect(totals.pool.n).toBe(
      await count(`"Trajectory" WHERE "projectId"=$1 AND "deletedAt" IS NULL`, [f.project.id]),
    );
  });
});
