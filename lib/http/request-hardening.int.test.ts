// The attacks of issue 17 on the HTTP layer, replayed: cross-origin writes with the session cookie,
// JSON under another Content-Type, chunked bodies past the limit, NUL and lone surrogates in
// fields, and API keys creating keys or accounts that would outlive them.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createApiKey } from "@/lib/auth/api-keys";
import { makeMember, makeProject, sessionCookie, uid } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { MAX_JSON_BODY } from "@/lib/http/read-body";
import * as queries from "@/app/api/projects/[slug]/queries/route";
import * as query from "@/app/api/projects/[slug]/queries/[queryId]/route";
import * as apiKeys from "@/app/api/projects/[slug]/api-keys/route";
import * as members from "@/app/api/projects/[slug]/members/route";
import * as audit from "@/app/api/projects/[slug]/audit/route";

async function setup() {
  const project = await makeProject();
  const lead = await makeMember(project.id, "lead");
  const admin = await makeMember(project.id, "admin");
  return { project, lead, admin, cookie: await sessionCookie(lead.id), adminCookie: await sessionCookie(admin.id) };
}

const newQuery = () => ({ text: `A query ${uid()} about pagers`, domain: "Vibe Coding" });

describe("cross-origin writes with the session cookie", () => {
  it("refuses a page on another port of the same host (Origin), and a same-site fetch (Sec-Fetch-Site)", async () => {
    const { project, cookie } = await setup();
    const params = { slug: project.slug };
    const variants: Record<string, string>[] = [
      { origin: "http://localhost:4444" },
      { origin: "http://evil.example" },
      { origin: "null" },
      { referer: "http://localhost:4444/attack.html" },
      { "sec-fetch-site": "same-site", origin: "http://localhost:4444" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of variants) {
      const res = await callRoute(queries.POST, { method: "POST", params, cookie, body: newQuery(), headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.json.error?.message).toContain("must come from the app's own pages");
    }
    expect(await db().query.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("accepts the app's own pages, reads from anywhere, and API keys from anywhere", async () => {
    const { project, lead, cookie } = await setup();
    const params = { slug: project.slug };
    const same = await callRoute(queries.POST, {
      method: "POST",
      params,
      cookie,
      body: newQuery(),
      headers: { origin: "http://localhost", "sec-fetch-site": "same-origin" },
    });
    expect(same.status).toBe(201);
    const read = await callRoute(queries.GET, { params, cookie, headers: { "sec-fetch-site": "cross-site" } });
    expect(read.status).toBe(200);
    const { secret } = await createApiKey({
      projectId: project.id,
      name: "script",
      role: "lead",
      creatorId: lead.id,
      creatorRole: "lead",
    });
    const byKey = await callRoute(queries.POST, {
      method: "POST",
      params,
      authorization: `Bearer ${secret}`,
      body: newQuery(),
      headers: { origin: "http://elsewhere.example" },
    });
    expect(byKey.status).toBe(201);
  });
});

describe("JSON bodies", () => {
  it("must be sent as application/json (a cross-site form cannot pass as JSON)", async () => {
    const { project, cookie } = await setup();
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await callRoute(queries.POST, {
        method: "POST",
        params: { slug: project.slug },
        cookie,
        body: JSON.stringify(newQuery()),
        headers: { "content-type": type },
      });
      expect(res.status, type).toBe(415);
      expect(res.json.error?.message).toBe("a JSON body must be sent with Content-Type: application/json");
    }
  });

  it("stops reading a chunked body at the limit and answers 413", async () => {
    const { project, cookie } = await setup();
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(32);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await callRoute(queries.POST, {
      method: "POST",
      params: { slug: project.slug },
      cookie,
      stream: endless,
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(413);
    expect(res.json.error?.message).toBe("the JSON body is over 2 MiB");
    // The stream was cancelled: not much more than the limit was ever pulled.
    expect(pulled).toBeLessThan(MAX_JSON_BODY + 10 * chunk.byteLength);
  });
});

describe("NUL characters and lone surrogates", () => {
  it("are a 400 naming the field, in query text, comments-like fields, URL parameters and query strings", async () => {
    const { project, cookie } = await setup();
    const params = { slug: project.slug };
    const nulText = await callRoute(queries.POST, {
      method: "POST",
      params,
      cookie,
      body: { text: "bad\u0000text", domain: "Vibe Coding" },
    });
    expect(nulText.status).toBe(400);
    expect(nulText.json.error).toMatchObject({ location: { field: "text" } });
    expect(nulText.json.error?.message).toBe("invalid body: text contains a NUL character (\\u0000)");

    const surrogate = await callRoute(queries.POST, {
      method: "POST",
      params,
      cookie,
      body: `{"text":"lone \\ud800 surrogate","domain":"Vibe Coding","tags":["ok"]}`,
    });
    expect(surrogate.status).toBe(400);
    expect(surrogate.json.error?.message).toContain("text contains a lone UTF-16 surrogate");

    const nested = await callRoute(queries.POST, {
      method: "POST",
      params,
      cookie,
      body: { text: "fine", domain: "Vibe Coding", tags: ["ok", "b\u0000d"] },
    });
    expect(nested.json.error).toMatchObject({ location: { field: "tags.1" } });

    const inParam = await callRoute(query.GET, { params: { slug: project.slug, queryId: "q\u0000x" }, cookie });
    expect(inParam.status).toBe(400);
    expect(inParam.json.error).toMatchObject({ location: { field: "queryId" } });

    const inQuery = await callRoute(queries.GET, { params, cookie, path: "/?q=a%00b" });
    expect(inQuery.status).toBe(400);
    expect(inQuery.json.error).toMatchObject({ location: { field: "q" } });
    expect(await db().query.count({ where: { projectId: project.id } })).toBe(0);
  });
});

describe("what an API key creates cannot outlive it", () => {
  it("a key cannot create another key, nor an account; a person can", async () => {
    const { project, admin, adminCookie } = await setup();
    const { secret, id: keyId } = await createApiKey({
      projectId: project.id,
      name: "admin key",
      role: "admin",
      creatorId: admin.id,
      creatorRole: "admin",
    });
    const byKey = await callRoute(apiKeys.POST, {
      method: "POST",
      params: { slug: project.slug },
      authorization: `Bearer ${secret}`,
      body: { name: "child", role: "annotator" },
    });
    expect(byKey.status).toBe(403);
    expect(byKey.json.error?.message).toBe("an API key cannot create API keys: sign in as a person to create one");

    const email = `new-${uid()}@test.local`;
    const account = await callRoute(members.POST, {
      method: "POST",
      params: { slug: project.slug },
      authorization: `Bearer ${secret}`,
      body: { email, role: "annotator", name: "New", password: "long-enough-1" },
    });
    expect(account.status).toBe(403);
    expect(await db().user.count({ where: { email } })).toBe(0);
    expect(await db().apiKey.count({ where: { projectId: project.id } })).toBe(1);

    const byPerson = await callRoute(apiKeys.POST, {
      method: "POST",
      params: { slug: project.slug },
      cookie: adminCookie,
      body: { name: "person's", role: "annotator" },
    });
    expect(byPerson.status).toBe(201);

    // The audit log names the key for what the key did, next to its creator.
    const q = await callRoute(queries.POST, {
      method: "POST",
      params: { slug: project.slug },
      authorization: `Bearer ${secret}`,
      body: newQuery(),
    });
    expect(q.status).toBe(201);
    const log = await callRoute(audit.GET, { params: { slug: project.slug }, cookie: adminCookie });
    const entries = log.json.entries as Array<{ action: string; apiKeyId: string | null }>;
    expect(entries.find((e) => e.action === "query.create")).toMatchObject({ apiKeyId: keyId });
    expect(entries.find((e) => e.action === "apikey.create")).toMatchObject({ apiKeyId: null });
  });
});
