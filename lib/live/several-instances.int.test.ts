/**
 * Several instances behind one address (issue 12's acceptance): two app instances as separate
 * processes on loopback, sharing the run's PostgreSQL and Redis, behind a sticky proxy
 * (lib/live/testing/sticky-proxy.ts: the rule of the docker-compose example's Caddy, written in
 * Node because no Caddy or nginx can be installed for tests here).
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Socket } from "socket.io-client";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { createApiKey } from "@/lib/auth/api-keys";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { importFile } from "@/lib/import/import-file";
import { tempFile } from "@/lib/import/testing/temp-files";
import { projectRoom } from "@/lib/live/project-events";
import { PRESENCE_TTL_MS } from "@/lib/live/presence-store";
import { clientOf, connected, disconnected, emit } from "@/lib/live/testing/live-test-server";
import { spawnInstance, type AppInstance } from "@/lib/live/testing/spawn-instance";
import { startStickyProxy, STICKY_COOKIE, type StickyProxy } from "@/lib/live/testing/sticky-proxy";
import { withStubLlm } from "@/lib/llm/testing/stub-llm-hooks";
import { defaultSynthesisReply } from "@/lib/llm/testing/stub-openai-server";
import { createPrImport, PrFilterParamsSchema } from "@/lib/queries/pull-requests/pr-import-service";
import { parsePrText } from "@/lib/queries/pull-requests/pr-file";
import { createRun } from "@/lib/queries/synthesis/synthesis-runs";
import { stopJobEngine } from "@/lib/jobs/job-engine";

afterAll(() => stopJobEngine());

const LEASE_SECONDS = 8;
const llm = withStubLlm();
const sharedEnv = () => ({
  DATABASE_URL: inject("databaseUrl"),
  LIMI_DATA_DIR: inject("dataDir"),
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET,
  REDIS_URL: inject("redisUrl"),
  REDIS_PREFIX: inject("redisPrefix"),
  JOB_LEASE_SECONDS: String(LEASE_SECONDS),
  LLM_BASE_URL: llm.current.baseUrl,
  LLM_MODEL: "stub-model",
});

const running: AppInstance[] = [];
const sockets: Socket[] = [];
async function instance(name: string) {
  const i = await spawnInstance(name, sharedEnv());
  running.push(i);
  return i;
}
function client(base: string, opts: Parameters<typeof clientOf>[1]) {
  const s = clientOf(base, opts);
  sockets.push(s);
  return s;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
  describeState?: () => Promise<string>,
) {
  const started = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out waiting for ${what}${describeState ? `: ${await describeState()}` : ""}`);
    await sleep(100);
  }
}
async function post(base: string, path: string, body: unknown) {
  const res = await fetch(`${base}${path}`, { method: "POST", body: JSON.stringify(body) });
  expect(res.status).toBe(204);
}
async function importOne(projectId: string): Promise<string> {
  const line = JSON.stringify({
    messages: [
      { role: "user", content: "hello" },
      { role: "assistant", content: "hi" },
    ],
  });
  const r = await importFile(await tempFile("one.jsonl", `${line}\n`), { projectId, actorId: null, format: "auto" });
  return r.trajectoryId!;
}

afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});
afterAll(async () => {
  await Promise.all(running.splice(0).map((i) => i.kill()));
});

// Starting an instance takes seconds (more on a busy machine): A and B serve the first tests.
describe("two instances, one Redis", { timeout: 60_000 }, () => {
  let a: AppInstance;
  let b: AppInstance;
  let proxy: StickyProxy;
  beforeAll(async () => {
    [a, b] = await Promise.all([instance("a"), instance("b")]);
    proxy = await startStickyProxy({ a: a.url, b: b.url });
  }, 180_000);
  afterAll(async () => {
    await proxy?.close();
    await Promise.all([a?.kill(), b?.kill()]);
  });

  it("an event caused on A reaches a watcher on B once, over websocket and over long-polling through the proxy", async () => {
    const hitsBefore = { ...proxy.hits };
    const project = await makeProject();
    const user = await makeMember(project.id, "annotator");
    const cookie = await sessionCookie(user.id);

    const direct = client(b.url, { cookie });
    // Long-polling only, through the proxy, pinned to B by the proxy's cookie.
    const polling = client(proxy.url, { cookie: `${cookie}; ${STICKY_COOKIE}=b`, transports: ["polling"] });
    const onA = client(a.url, { cookie });
    await Promise.all([connected(direct), connected(polling), connected(onA)]);
    for (const s of [direct, polling, onA])
      expect((await emit(s, "project:join", { project: project.slug })).ok).toBe(true);

    const got = { direct: [] as number[], polling: [] as number[], onA: [] as number[] };
    direct.on("test:event", (p: { n: number }) => got.direct.push(p.n));
    polling.on("test:event", (p: { n: number }) => got.polling.push(p.n));
    onA.on("test:event", (p: { n: number }) => got.onA.push(p.n));
    for (let n = 1; n <= 5; n++)
      await post(a.url, "/__test/notify", {
        projectId: project.id,
        room: projectRoom(project.id),
        event: "test:event",
        data: { n },
      });
    await until("all events", async () => got.direct.length >= 5 && got.polling.length >= 5 && got.onA.length >= 5);
    await sleep(500); // a duplicate would arrive by now
    expect(got).toEqual({ direct: [1, 2, 3, 4, 5], polling: [1, 2, 3, 4, 5], onA: [1, 2, 3, 4, 5] });
    expect(polling.io.engine.transport.name).toBe("polling");
    expect(proxy.hits.b - hitsBefore.b).toBeGreaterThan(2);
    expect(proxy.hits.a - hitsBefore.a).toBe(0);
  });

  it("the proxy pins a client without its cookie to the instance it chose, by the cookie it sets", async () => {
    const project = await makeProject();
    const user = await makeMember(project.id, "annotator");
    const cookie = await sessionCookie(user.id);
    // A socket.io handshake through the proxy with no cookie: it picks an instance and says which.
    const chosen: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${proxy.url}/socket.io/?EIO=4&transport=polling`, { headers: { cookie } });
      expect(res.status).toBe(200);
      const m = new RegExp(`${STICKY_COOKIE}=(\\w+)`).exec(res.headers.get("set-cookie") ?? "");
      expect(m).not.toBeNull();
      chosen.push(m![1]);
    }
    expect(chosen.sort()).toEqual(["a", "b"]);
    // A long-polling client that returns the cookie stays on that instance for its whole session.
    for (const name of ["a", "b"]) {
      const before = { ...proxy.hits };
      const s = client(proxy.url, { cookie: `${cookie}; ${STICKY_COOKIE}=${name}`, transports: ["polling"] });
      await connected(s);
      for (let i = 0; i < 3; i++) expect((await emit(s, "project:join", { project: project.slug })).ok).toBe(true);
      const other = name === "a" ? "b" : "a";
      expect(proxy.hits[other] - before[other]).toBe(0);
      expect(proxy.hits[name] - before[name]).toBeGreaterThan(3);
      s.disconnect();
      await sleep(300); // its last long-poll ends before the next client is counted
    }
  });

  it("revoking a key on A drops its socket on B within a second", async () => {
    const project = await makeProject();
    const admin = await makeMember(project.id, "admin");
    const key = await createApiKey({
      projectId: project.id,
      name: "recorder",
      role: "annotator",
      creatorId: admin.id,
      creatorRole: "admin",
    });
    const s = client(b.url, { token: key.secret });
    await connected(s);
    expect((await emit(s, "project:join", { project: project.slug })).ok).toBe(true);
    let droppedAt = 0;
    const gone = disconnected(s, 10_000).then((reason) => ((droppedAt = Date.now()), reason));
    await post(a.url, "/__test/revoke-key", { projectId: project.id, keyId: key.id, actorId: admin.id });
    const revokedAt = Date.now(); // the revoke has committed on A
    expect(await gone).toBe("io server disconnect");
    expect(droppedAt - revokedAt).toBeLessThan(1000);
  });

  // Last of this group: it kills A.
  it("a viewer on A is seen on B, and leaves B's list within 10 s of A being killed", async () => {
    const project = await makeProject();
    const trajectoryId = await importOne(project.id);
    const ana = await makeMember(project.id, "annotator");
    const rita = await makeMember(project.id, "reviewer");
    const onA = client(a.url, { cookie: await sessionCookie(ana.id) });
    const onB = client(b.url, { cookie: await sessionCookie(rita.id) });
    await Promise.all([connected(onA), connected(onB)]);
    let latest: Array<{ userId: string; stepKey: string | null }> = [];
    onB.on("presence", (p: { viewers: typeof latest }) => (latest = p.viewers));
    expect((await emit(onB, "trajectory:join", { project: project.slug, trajectoryId })).ok).toBe(true);
    expect((await emit(onA, "trajectory:join", { project: project.slug, trajectoryId })).ok).toBe(true);
    expect((await emit(onA, "trajectory:focus", { project: project.slug, trajectoryId, stepKey: "s1" })).ok).toBe(true);
    await until("ana on B with her step", async () => latest.some((v) => v.userId === ana.id && v.stepKey === "s1"));

    const killedAt = Date.now();
    await a.kill();
    await until("ana gone from B", async () => !latest.some((v) => v.userId === ana.id), 10_000);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(PRESENCE_TTL_MS).toBeLessThan(10_000);
    expect(latest.map((v) => v.userId)).toEqual([rita.id]);
  });
});

describe("jobs across instances", () => {
  it("a job of a killed instance is finished once by another; a restart does not re-run it", async () => {
    const project = await makeProject();
    const count = 8;
    const prs = parsePrText(
      Array.from({ length: count }, (_, i) =>
        JSON.stringify({
          repo: "acme/ledger",
          number: i + 1,
          title: `Fix rounding ${i + 1}`,
          patch: `diff --git a/x${i}.ts b/x${i}.ts\n--- a/x${i}.ts\n+++ b/x${i}.ts\n@@ -1 +1 @@\n-a\n+b${i}\n`,
        }),
      ).join("\n"),
      "prs.jsonl",
    );
    const imp = await createPrImport(project.id, {
      prs,
      sourceKind: "file",
      sourceName: "prs.jsonl",
      filters: PrFilterParamsSchema.parse({ maxPerRepo: 50 }),
      actorId: null,
    });
    // The model answers the first two PRs, then holds every request until the test opens the gate:
    // so A is mid-job when it is killed, and B mid-job when A comes back.
    const asked = new Map<string, number>();
    let requests = 0;
    const gate = () => {
      let open: () => void = () => {};
      const closed = new Promise<void>((r) => (open = r));
      return { closed, open };
    };
    let hold = gate();
    llm.current.setHandler(async (req) => {
      const title = /Fix rounding \d+/.exec(JSON.stringify(req.body))?.[0] ?? "?";
      asked.set(title, (asked.get(title) ?? 0) + 1);
      if (++requests > 2) await hold.closed;
      await sleep(100);
      return defaultSynthesisReply(req);
    });
    const jobOf = () => db().job.findFirst({ where: { projectId: project.id } });

    const a = await instance("a");
    process.env.JOB_LEASE_SECONDS = String(LEASE_SECONDS);
    resetEnvCache();
    const { run } = await createRun(project.id, { importId: imp.id, concurrency: 1, domain: undefined }, null);
    await until(
      "A done with two PRs and waiting on the third",
      async () => requests >= 3,
      30_000,
      async () => JSON.stringify(await jobOf()),
    );
    const b = await instance("b");
    await a.kill();
    const first = hold;
    hold = gate();
    first.open();
    const doneBeforeKill = await db().query.findMany({ where: { projectId: project.id }, select: { prKey: true } });
    expect(doneBeforeKill).toHaveLength(2);

    // B takes it over once A's lease has run out, and is held on its first PR.
    await until(
      "B took the job over",
      async () => (await jobOf())?.attempts === 2 && requests >= 4,
      40_000,
      async () => JSON.stringify(await jobOf()),
    );
    // A comes back while B works: it must leave B's job alone (B keeps renewing its lease).
    const a2 = await instance("a2");
    await sleep(3000);
    expect(await jobOf()).toMatchObject({ status: "running", attempts: 2 });
    hold.open();
    const finished = await until(
      "the job finished",
      async () => {
        const j = await jobOf();
        return j && ["done", "failed"].includes(j.status) ? j : null;
      },
      30_000,
    );
    expect(finished).toMatchObject({ status: "done", attempts: 2, error: null });
    expect((await db().synthesisRun.findUnique({ where: { id: run.id } }))?.status).toBe("done");
    const queries = await db().query.findMany({ where: { projectId: project.id }, select: { prKey: true } });
    expect(queries).toHaveLength(count);
    expect(new Set(queries.map((q) => q.prKey)).size).toBe(count);
    // What A finished before it died was not asked for again.
    for (const q of doneBeforeKill) {
      const title = `Fix rounding ${q.prKey!.split("#")[1]}`;
      expect({ title, asked: asked.get(title) }).toEqual({ title, asked: 1 });
    }
    expect(b.child.exitCode).toBeNull();
    expect(a2.child.exitCode).toBeNull();
  }, 240_000);
});
