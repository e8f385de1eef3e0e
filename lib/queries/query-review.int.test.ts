/** What the Queries page reads and does beyond plain CRUD: filters, a query's attempts, bulk decisions. */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeMember, makeProject, sessionCookie, uid } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { importFile } from "@/lib/import/import-file";
import { tempFile } from "@/lib/import/testing/temp-files";
import * as queries from "@/app/api/projects/[slug]/queries/route";
import * as oneQuery from "@/app/api/projects/[slug]/queries/[queryId]/route";
import * as bulk from "@/app/api/projects/[slug]/queries/bulk/route";
import * as importQueries from "@/app/api/projects/[slug]/queries/import/route";

async function setup() {
  const project = await makeProject();
  const lead = await makeMember(project.id, "lead");
  return { project, lead, cookie: await sessionCookie(lead.id) };
}

const GOMOKU =
  "Build a fifteen by fifteen Gomoku web page with undo and redo, win detection in four directions and an AI opponent that blocks open fours.";

describe("the query list", () => {
  it("filters by difficulty alongside the other filters", async () => {
    const { project, cookie } = await setup();
    const make = (text: string, difficulty: string | null) =>
      callRoute(queries.POST, {
        method: "POST",
        params: { slug: project.slug },
        cookie,
        body: { text, domain: "Vibe Coding", difficulty },
      });
    await make(`Hard task ${uid()} about compilers`, "hard");
    await make(`Easy task ${uid()} about a landing page`, "easy");
    await make(`Unrated task ${uid()} about a shell script`, null);
    const hard = await callRoute(queries.GET, { params: { slug: project.slug }, path: "/?difficulty=hard", cookie });
    expect(hard.status).toBe(200);
    expect((hard.json.items as Array<{ difficulty: string }>).map((q) => q.difficulty)).toEqual(["hard"]);
    const bad = await callRoute(queries.GET, { params: { slug: project.slug }, path: "/?difficulty=extreme", cookie });
    expect(bad.status).toBe(422);
    expect(bad.json.error?.message).toMatch(/difficulty/);
  });
});

describe("one query", () => {
  it("lists its trajectories, counted with their approvals, and none of another query's", async () => {
    const { project, lead, cookie } = await setup();
    const created = await callRoute(queries.POST, {
      method: "POST",
      params: { slug: project.slug },
      cookie,
      body: { text: `Port the pager ${uid()}`, domain: "Vibe Coding" },
    });
    const id = (created.json.query as { id: string }).id;
    const other = await db().query.create({
      data: { projectId: project.id, text: `Other ${uid()}`, domain: "Vibe Coding" },
      select: { id: true },
    });
    const attempt = async (queryId: string, n: number) => {
      const line = JSON.stringify({
        messages: [
          { role: "user", content: `attempt ${n} ${uid()}` },
          { role: "assistant", content: "done" },
        ],
      });
      const r = await importFile(await tempFile(`a${n}.jsonl`, `${line}\n`), {
        projectId: project.id,
        actorId: lead.id,
        format: "auto",
        queryId,
      });
      return r.trajectoryId!;
    };
    const first = await attempt(id, 1);
    await attempt(id, 2);
    await attempt(other.id, 3);
    await db().trajectory.update({ where: { id: first }, data: { status: "approved" } });

    const r = await callRoute(oneQuery.GET, { params: { slug: project.slug, queryId: id }, cookie });
    expect(r.status).toBe(200);
    expect(r.json.query).toMatchObject({ trajectoryCount: 2, approvedCount: 1 });
    const linked = r.json.trajectories as Array<{ id: string; status: string; title: string }>;
    expect(linked).toHaveLength(2);
    expect(linked.find((t) => t.id === first)).toMatchObject({ status: "approved" });
    expect(linked.every((t) => typeof t.title === "string")).toBe(true);
  });
});

describe("bulk decisions", () => {
  it("asks before accepting near-duplicates in bulk, accepts with force, and rejects without asking", async () => {
    const { project, cookie } = await setup();
    const make = async (text: string) =>
      (
        (
          await callRoute(queries.POST, {
            method: "POST",
            params: { slug: project.slug },
            cookie,
            body: { text, domain: "Vibe Coding" },
          })
        ).json.query as { id: string }
      ).id;
    const a = await make(GOMOKU);
    const b = await make(`${GOMOKU} Thanks.`);
    const lone = await make(`Summarise the survey of retrieval-augmented generation ${uid()} for the reading group.`);

    const asked = await callRoute(bulk.POST, {
      method: "POST",
      params: { slug: project.slug },
      cookie,
      body: { ids: [b, lone], status: "accepted" },
    });
    expect(asked.status).toBe(409);
    expect(asked.json.error?.message).toBe("1 of the 2 selected queries has near-duplicates; accept anyway with force");
    const groups = (
      asked.json.error as unknown as {
        details: { groups: Array<{ id: string; duplicates: Array<{ id: string; similarity: number }> }> };
      }
    ).details.groups;
    expect(groups.map((g) => g.id)).toEqual([b]);
    expect(groups[0].duplicates[0]).toMatchObject({ id: a });
    expect(await db().query.count({ where: { projectId: project.id, status: "accepted" } })).toBe(0);

    const forced = await callRoute(bulk.POST, {
      method: "POST",
      params: { slug: project.slug },
      cookie,
      body: { ids: [b, lone], status: "accepted", force: true },
    });
    expect(forced.json).toEqual({ updated: 2 });
    const rejected = await callRoute(bulk.POST, {
      method: "POST",
      params: { slug: project.slug },
      cookie,
      body: { ids: [a], status: "rejected" },
    });
    expect(rejected.json).toEqual({ updated: 1 });
    const statuses = await db().query.findMany({
      where: { projectId: project.id },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(statuses.map((q) => [q.id, q.status]))).toEqual({
      [a]: "rejected",
      [b]: "accepted",
      [lone]: "accepted",
    });
  });

  it("never touches another project's queries", async () => {
    const { project, cookie } = await setup();
    const elsewhere = await makeProject();
    const foreign = await db().query.create({
      data: { projectId: elsewhere.id, text: `Foreign ${uid()}`, domain: "Vibe Coding" },
      select: { id: true },
    });
    const r = await callRoute(bulk.POST, {
      method: "POST",
      params: { slug: project.slug },
      cookie,
      body: { ids: [foreign.id], status: "rejected" },
    });
    expect(r.json).toEqual({ updated: 0 });
    expect((await db().query.findUniqueOrThrow({ where: { id: foreign.id } })).status).toBe("candidate");
  });
});

describe("JSONL import and decisions", () => {
  it("lets an annotator import candidates but not accepted or rejected queries, naming the line", async () => {
    const { project, cookie: leadCookie } = await setup();
    const annotator = await makeMember(project.id, "annotator");
    const cookie = await sessionCookie(annotator.id);
    const line = (status?: string) =>
      JSON.stringify({
        text: `Write the migration guide ${uid()}`,
        domain: "Research Workflows",
        ...(status ? { status } : {}),
      });
    const body = `${line()}\n${line("accepted")}\n`;
    const refused = await callRoute(importQueries.POST, {
      method: "POST",
      params: { slug: project.slug },
      path: "/?filename=pool.jsonl",
      cookie,
      body,
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error?.message).toBe(
      "pool.jsonl line 2 field status: Annotators cannot import accepted queries, only candidates. Nothing was imported.",
    );
    expect(await db().query.count({ where: { projectId: project.id } })).toBe(0);

    expect(
      (
        await callRoute(importQueries.POST, {
          method: "POST",
          params: { slug: project.slug },
          path: "/?filename=pool.jsonl",
          cookie,
          body: `${line()}\n${line("candidate")}\n`,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await callRoute(importQueries.POST, {
          method: "POST",
          params: { slug: project.slug },
          path: "/?filename=pool.jsonl",
          cookie: leadCookie,
          body,
        })
      ).status,
    ).toBe(201);
    const statuses = (await db().query.findMany({ where: { projectId: project.id }, select: { status: true } }))
      .map((q) => q.status)
      .sort();
    expect(statuses).toEqual(["accepted", "candidate", "candidate", "candidate"]);
  });
});
