/**
 * The upload endpoint under bad requests: an aborted multipart body leaves no partial file or open
 * handle, a multipart type without a boundary is a 400, and `?queryId=` / `?domain=` must point into
 * the project.
 */
import { readdir, readlink } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { env } from "@/lib/env";
import * as imports from "@/app/api/projects/[slug]/imports/route";

const chat = JSON.stringify({
  messages: [
    { role: "user", content: "task" },
    { role: "assistant", content: "ok" },
  ],
});

async function post(slug: string, cookie: string, body: BodyInit, headers: Record<string, string> = {}, query = "") {
  const req = new Request(`http://localhost/api/projects/${slug}/imports${query}`, {
    method: "POST",
    body,
    headers: { cookie, ...headers },
    duplex: "half",
  } as RequestInit);
  const res = await imports.POST(req, { params: Promise.resolve({ slug }) });
  return {
    status: res.status,
    json: (await res.json()) as { error?: { message: string; location?: { field?: string } } },
  };
}

async function setup() {
  const project = await makeProject();
  const annotator = await makeMember(project.id, "annotator");
  return { project, cookie: await sessionCookie(annotator.id) };
}

const tmpDir = () => path.join(env().dataDir, "tmp");
const tmpFiles = async () => (await readdir(tmpDir()).catch(() => [] as string[])).sort();
/** Open file descriptors of this process that point into the upload temp folder. */
async function openTmpHandles(): Promise<string[]> {
  const out: string[] = [];
  for (const fd of await readdir("/proc/self/fd")) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => "");
    if (target.startsWith(tmpDir())) out.push(target);
  }
  return out;
}

describe("upload hardening", () => {
  it("removes the partial file and closes its handle when the client aborts mid-upload", async () => {
    const { project, cookie } = await setup();
    const before = await tmpFiles();
    const boundary = "----limi-test-boundary";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jsonl"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode(head));
        else if (sent < 6) controller.enqueue(new Uint8Array(256 * 1024).fill(0x61));
        else {
          // Give the server time to open and write the part's temp file, then drop the connection.
          await new Promise((r) => setTimeout(r, 200));
          controller.error(new Error("client went away"));
          return;
        }
        sent++;
      },
    });
    const res = await post(project.slug, cookie, body, { "content-type": `multipart/form-data; boundary=${boundary}` });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await tmpFiles()).toEqual(before);
    expect(await openTmpHandles()).toEqual([]);
  });

  it("answers 400 for a multipart body without a boundary, naming the header", async () => {
    const { project, cookie } = await setup();
    const res = await post(project.slug, cookie, chat, { "content-type": "multipart/form-data" });
    expect(res.status).toBe(400);
    expect(res.json.error?.message).toContain("boundary");
    expect(res.json.error?.location?.field).toBe("content-type");
  });

  it("refuses a queryId of another project or unknown (404) and an unknown domain (422), naming the parameter", async () => {
    const { project, cookie } = await setup();
    const other = await makeProject();
    const foreign = await db().query.create({
      data: { projectId: other.id, text: "their task", domain: "Vibe Coding", source: "human" },
      select: { id: true },
    });
    const send = (query: string) =>
      post(project.slug, cookie, chat, { "content-type": "application/octet-stream" }, `?filename=a.jsonl&${query}`);
    for (const id of [foreign.id, "no-such-query"]) {
      const res = await send(`queryId=${id}`);
      expect(res.status).toBe(404);
      expect(res.json.error?.message).toContain("queryId");
      expect(res.json.error?.location?.field).toBe("queryId");
    }
    const domain = await send("domain=Cooking");
    expect(domain.status).toBe(422);
    expect(domain.json.error?.message).toContain('unknown domain "Cooking"');
    expect(domain.json.error?.location?.field).toBe("domain");
    expect(await db().trajectory.count({ where: { projectId: project.id } })).toBe(0);
    const mine = await db().query.create({
      data: { projectId: project.id, text: "our task", domain: "Vibe Coding", source: "human" },
      select: { id: true },
    });
    expect((await send(`queryId=${mine.id}&domain=Vibe%20Coding`)).status).toBe(200);
  });
});
