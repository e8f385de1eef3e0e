/**
 * Issue 17: parallel reads of a large trajectory's canonical JSON must not take the server. The
 * gate's limits are lowered so one held stream reaches them at a small scale.
 */
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { ReadGate, replaceLargeReadGate } from "@/lib/http/read-gate";
import { importFile } from "@/lib/import/import-file";
import { tempFile } from "@/lib/import/testing/temp-files";
import * as canonical from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/canonical/route";
import * as bodies from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/bodies/route";

afterEach(() => replaceLargeReadGate(null));

/** A chat of `calls` tool calls, each result `size` characters (with a non-ASCII character to cut around). */
function chat(calls: number, size: number) {
  const messages: unknown[] = [{ role: "user", content: "read the logs" }];
  for (let i = 0; i < calls; i++) {
    messages.push({
      role: "assistant",
      content: null,
      tool_calls: [{ id: `c${i}`, type: "function", function: { name: "cat", arguments: `{"path":"l${i}"}` } }],
    });
    messages.push({ role: "tool", tool_call_id: `c${i}`, content: `${i} ${"é🙂ab ".repeat(size / 6)}` });
  }
  return { messages };
}

async function setup() {
  const project = await makeProject();
  const ana = await makeMember(project.id, "annotator");
  const r = await importFile(await tempFile("big.jsonl", `${JSON.stringify(chat(4, 400_000))}\n`), {
    projectId: project.id,
    actorId: ana.id,
    format: "auto",
  });
  expect(r.status).toBe("imported");
  const rows = await db().step.findMany({
    where: { trajectoryId: r.trajectoryId! },
    select: { id: true, key: true, bodyBytes: true },
  });
  return {
    cookie: await sessionCookie(ana.id),
    params: { slug: project.slug, trajectoryId: r.trajectoryId! },
    largeIds: rows.filter((x) => x.bodyBytes > 100_000).map((x) => x.id),
    taskId: rows.find((x) => x.key === "s0")!.id,
  };
}

const request = (path: string, cookie: string) => new Request(`http://localhost${path}`, { headers: { cookie } });

describe("large streamed reads", () => {
  it("hold a slot while they stream; past the running and waiting limits the next read gets 503 with Retry-After", async () => {
    const { cookie, params, largeIds } = await setup();
    expect(largeIds).toHaveLength(4);
    replaceLargeReadGate(new ReadGate({ running: 1, waiting: 0, minBytes: 1024, retryAfterSeconds: 3 }));
    const ctx = { params: Promise.resolve(params) };

    // The first read streams (its body is not read yet, so it keeps its slot).
    const held = await canonical.GET(request("/", cookie), ctx);
    expect(held.status).toBe(200);
    const busy = await canonical.GET(request("/", cookie), ctx);
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("3");
    expect(((await busy.json()) as { error: { message: string } }).error.message).toContain("try again in 3 s");
    const busyBodies = await callRoute(bodies.GET, { params, cookie, path: `/?ids=${largeIds.join(",")}` });
    expect(busyBodies.status).toBe(503);

    // Read to its end, the stream gives its slot back: the document is whole and the next read runs.
    const doc = (await held.json()) as { steps: Array<{ key: string; output?: string }> };
    expect(doc.steps).toHaveLength(9);
    expect(doc.steps[2].output).toContain("é🙂ab é🙂ab");
    const again = await callRoute(canonical.GET, { params, cookie });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(doc);
  });

  it("gives the slot back when the client goes away mid-stream", async () => {
    const { cookie, params } = await setup();
    replaceLargeReadGate(new ReadGate({ running: 1, waiting: 0, minBytes: 1024, retryAfterSeconds: 3 }));
    const ctx = { params: Promise.resolve(params) };
    const held = await canonical.GET(request("/", cookie), ctx);
    const reader = held.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect((await callRoute(canonical.GET, { params, cookie })).status).toBe(200);
  });

  it("lets small reads through while the large ones are at the limit", async () => {
    const { cookie, params, taskId } = await setup();
    replaceLargeReadGate(new ReadGate({ running: 1, waiting: 0, minBytes: 1024, retryAfterSeconds: 3 }));
    const held = await canonical.GET(request("/", cookie), { params: Promise.resolve(params) });
    expect(held.status).toBe(200);
    // The task step alone is a few bytes: under the gate's minimum.
    const small = await callRoute(bodies.GET, { params, cookie, path: `/?ids=${taskId}` });
    expect(small.status).toBe(200);
    await held.body!.cancel();
  });
});
