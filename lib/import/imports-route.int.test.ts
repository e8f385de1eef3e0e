/** The REST way in: POST /api/projects/{slug}/imports, and the original-file download. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { importRowCounts } from "@/lib/import/testing/row-counts";
import * as imports from "@/app/api/projects/[slug]/imports/route";
import * as source from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/source/route";

const FIXTURES = path.resolve(__dirname, "../formats/fixtures");
const read = (rel: string) => readFileSync(path.join(FIXTURES, rel));

async function post(slug: string, body: BodyInit, opts: { query?: string; headers?: Record<string, string> } = {}) {
  const req = new Request(`http://localhost/api/projects/${slug}/imports${opts.query ? `?${opts.query}` : ""}`, {
    method: "POST",
    body,
    headers: opts.headers,
    duplex: "half",
  } as RequestInit);
  const res = await imports.POST(req, { params: Promise.resolve({ slug }) });
  return {
    status: res.status,
    json: (await res.json()) as {
      results?: Array<Record<string, unknown>>;
      summary?: Record<string, number>;
      error?: { code: string; message: string };
    },
  };
}

function multipart(files: Array<[string, Buffer]>): FormData {
  const form = new FormData();
  for (const [name, bytes] of files) form.append("file", new Blob([new Uint8Array(bytes)]), name);
  return form;
}

async function setup() {
  const project = await makeProject();
  const annotator = await makeMember(project.id, "annotator");
  return { project, annotator, cookie: await sessionCookie(annotator.id) };
}

describe("POST /api/projects/{slug}/imports", () => {
  it("imports several multipart files with a session and reports each", async () => {
    const { project, cookie } = await setup();
    const res = await post(
      project.slug,
      multipart([
        ["session.jsonl", read("claude-code/session.jsonl")],
        ["conv.json", read("sii-cli/conv_0042.json")],
      ]),
      { headers: { cookie }, query: "domain=Vibe%20Coding" },
    );
    expect(res.status).toBe(200);
    expect(res.json.summary).toEqual({ imported: 2, duplicate: 0, rejected: 0 });
    expect(res.json.results?.map((r) => [r.file, r.status, r.format])).toEqual([
      ["session.jsonl", "imported", "claude-code"],
      ["conv.json", "imported", "sii-cli"],
    ]);
  });

  it("accepts a raw body named by ?filename= and an API key, and reports re-uploads as duplicates", async () => {
    const { project, annotator } = await setup();
    const key = await createApiKey({
      projectId: project.id,
      name: "script",
      role: "annotator",
      creatorId: annotator.id,
      creatorRole: "annotator",
    });
    const headers = { authorization: `Bearer ${key.secret}`, "content-type": "application/octet-stream" };
    const first = await post(project.slug, new Uint8Array(read("atif/hello-world.trajectory.json")), {
      headers,
      query: "filename=run.json",
    });
    expect(first.status).toBe(200);
    expect(first.json.results?.[0]).toMatchObject({ file: "run.json", status: "imported", format: "atif" });
    const second = await post(project.slug, new Uint8Array(read("atif/hello-world.trajectory.json")), {
      headers,
      query: "filename=run.json",
    });
    expect(second.json.results?.[0]).toMatchObject({
      status: "duplicate",
      trajectoryId: first.json.results?.[0].trajectoryId,
    });
  });

  it("answers 422 with every file's result when one is rejected, keeping the good one", async () => {
    const { project, cookie } = await setup();
    const res = await post(
      project.slug,
      multipart([
        ["ok.jsonl", read("openai-chat/dataset.jsonl")],
        ["bad.jsonl", Buffer.from('{"messages": [\n')],
      ]),
      { headers: { cookie } },
    );
    expect(res.status).toBe(422);
    expect(res.json.summary).toEqual({ imported: 1, duplicate: 0, rejected: 1 });
    // The document ends (cut short) on line 2.
    expect(res.json.results?.[1]).toMatchObject({ file: "bad.jsonl", status: "rejected", error: { line: 2 } });
  });

  it("refuses a request without credentials (401) and with a revoked or unknown key (401), writing nothing", async () => {
    const { project } = await setup();
    const before = await importRowCounts();
    const body = () => multipart([["a.jsonl", read("openai-chat/dataset.jsonl")]]);
    expect((await post(project.slug, body())).status).toBe(401);
    const bad = await post(project.slug, body(), { headers: { authorization: "Bearer limi_unknown" } });
    expect(bad.status).toBe(401);
    expect(bad.json.error?.message).toMatch(/API key is not valid/);
    expect(await importRowCounts()).toEqual(before);
  });

  it("refuses an unknown project (404), an unknown format (422) and a body without file parts (422)", async () => {
    const { project, cookie } = await setup();
    const before = await importRowCounts();
    const unknown = await post("no-such-project", multipart([["a.jsonl", read("openai-chat/dataset.jsonl")]]), {
      headers: { cookie },
    });
    expect(unknown).toMatchObject({
      status: 404,
      json: { error: { code: "NOT_FOUND", message: 'project "no-such-project" not found' } },
    });
    const fmt = await post(project.slug, multipart([["a.jsonl", read("openai-chat/dataset.jsonl")]]), {
      headers: { cookie },
      query: "format=word-doc",
    });
    expect(fmt.status).toBe(422);
    expect(fmt.json.error?.message).toMatch(/unknown format "word-doc"; valid formats: auto, claude-code/);
    const form = new FormData();
    form.append("note", "no files here");
    const empty = await post(project.slug, form, { headers: { cookie } });
    expect(empty.status).toBe(422);
    expect(empty.json.error?.message).toMatch(/no file parts/);
    const raw = await post(project.slug, "{}", { headers: { cookie, "content-type": "application/json" } });
    expect(raw.status).toBe(422);
    expect(raw.json.error?.message).toMatch(/\?filename=/);
    expect(await importRowCounts()).toEqual(before);
  });
});

describe("GET /api/projects/{slug}/trajectories/{id}/source", () => {
  it("downloads the original bytes under the original name, only within the project", async () => {
    const { project, cookie } = await setup();
    const bytes = read("gemini-cli/session-2025-12-01T10-00-7f3c9a1b.jsonl");
    const up = await post(project.slug, multipart([["gemini/session.jsonl", bytes]]), { headers: { cookie } });
    const id = String(up.json.results?.[0].trajectoryId);
    const res = await source.GET(new Request("http://localhost/x", { headers: { cookie } }), {
      params: Promise.resolve({ slug: project.slug, trajectoryId: id }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain('filename="session.jsonl"');
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);

    const other = await makeProject();
    const outsider = await makeMember(other.id, "admin");
    const leak = await source.GET(
      new Request("http://localhost/x", { headers: { cookie: await sessionCookie(outsider.id) } }),
      { params: Promise.resolve({ slug: other.slug, trajectoryId: id }) },
    );
    expect(leak.status).toBe(404);
  });
});
