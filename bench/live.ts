/**
 * Live sessions under load: 20 recorders (clients of the ingest protocol on `/agent`) each send 10
 * steps a second, and 50 watching sockets each watch every session. Measures the latency from a
 * step's send to its index row reaching a watcher (through the database append, NOTIFY and the
 * relay), p50/p99, and the lost and duplicated deliveries; next to a bare socket.io echo (the same
 * senders and watchers, no database) measured in the same run, and on two instances with the Redis
 * Streams adapter (recorders and watchers split between them).
 *
 *   npx tsx bench/live.ts [--seconds 10] [--recorders 20] [--rate 10] [--watchers 50]
 *
 * Needs PostgreSQL (TEST_DATABASE_URL, or an embedded one) and Redis (REDIS_URL, or Debian's
 * redis-server started for the run).
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { parseArgs } from "node:util";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { createTestDatabase } from "@/lib/db/testing/test-database";
import { resetEnvCache } from "@/lib/env";
import { startTestRedis } from "@/lib/live/testing/test-redis";
import { spawnInstance, type AppInstance } from "@/lib/live/testing/spawn-instance";
import { clientOf, connected, emit } from "@/lib/live/testing/live-test-server";
import { sentAtOf, TRACE_ON, wallNow } from "@/lib/live/live-trace";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    recorders: { type: "string", default: "20" },
    rate: { type: "string", default: "10" },
    watchers: { type: "string", default: "50" },
  },
});
const SECONDS = Number(values.seconds);
const RECORDERS = Number(values.recorders);
const RATE = Number(values.rate);
const WATCHERS = Number(values.watchers);

const database = await createTestDatabase("limi_bench_live");
const redis = await startTestRedis();
process.env.DATABASE_URL = database.url;
process.env.NEXTAUTH_SECRET ??= "bench-live-secret-0123456789abcdef";
process.env.LIMI_DEMO = "false";
delete process.env.REDIS_URL;
resetEnvCache();

const { makeMember, makeProject, sessionCookie } = await import("@/lib/db/testing/factories");
const { createApiKey } = await import("@/lib/auth/api-keys");
const { disconnectDb } = await import("@/lib/db/client");

const project = await makeProject();
const admin = await makeMember(project.id, "admin");
const cookie = await sessionCookie(admin.id);
const key = await createApiKey({
  projectId: project.id,
  name: "bench",
  role: "annotator",
  creatorId: admin.id,
  creatorRole: "admin",
});

interface Result {
  label: string;
  expected: number;
  delivered: number;
  lost: number;
  duplicated: number;
  p50: number;
  p99: number;
  max: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts deliveries per watcher and (session, seq); the send time travels in the step text. */
function tally() {
  const latencies: number[] = [];
  let duplicated = 0;
  const seen: Array<Set<string>> = [];
  return {
    latencies,
    seen,
    get duplicated() {
      return duplicated;
    },
    watcher() {
      const mine = new Set<string>();
      seen.push(mine);
      return (session: string, seq: number, sentAt: number) => {
        const k = `${session}:${seq}`;
        if (mine.has(k)) duplicated++;
        else {
          mine.add(k);
          latencies.push(wallNow() - sentAt);
        }
      };
    },
    count: () => seen.reduce((n, m) => n + m.size, 0) + duplicated,
  };
}

async function settle(count: () => number) {
  for (let last = -1, quietSince = Date.now(), end = Date.now() + 60_000; Date.now() < end;) {
    const now = count();
    if (now !== last) [last, quietSince] = [now, Date.now()];
    else if (Date.now() - quietSince > 2000) break;
    await sleep(100);
  }
}

function result(label: string, t: ReturnType<typeof tally>): Result {
  const expected = RECORDERS * RATE * SECONDS * WATCHERS;
  const delivered = t.seen.reduce((n, m) => n + m.size, 0);
  t.latencies.sort((x, y) => x - y);
  return {
    label,
    expected,
    delivered,
    lost: expected - delivered,
    duplicated: t.duplicated,
    p50: Math.round(pct(t.latencies, 50)),
    p99: Math.round(pct(t.latencies, 99)),
    max: Math.round(t.latencies.at(-1) ?? 0),
  };
}

/** Each recorder sends one step every 1000/RATE ms, waiting for the ack as the recorder does. */
async function drive(send: (r: number, seq: number, sentAt: number) => Promise<void>) {
  const period = 1000 / RATE;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: RECORDERS }, async (_, r) => {
      await sleep((period / RECORDERS) * r);
      for (let seq = 1; seq <= RATE * SECONDS; seq++) {
        const due = started + (period / RECORDERS) * r + (seq - 1) * period;
        if (due > Date.now()) await sleep(due - Date.now());
        await send(r, seq, wallNow());
      }
    }),
  );
}

async function measureLive(label: string, instances: AppInstance[]): Promise<Result> {
  const t = tally();
  const agents: Socket[] = [];
  const sessions: string[] = [];
  for (let r = 0; r < RECORDERS; r++) {
    const s = connect(`${instances[r % instances.length].url}/agent`, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      auth: { token: key.secret },
    });
    agents.push(s);
    await connected(s);
    const session = randomUUID();
    const open = await emit(s, "session:open", { session, format: "limi-runner", agent: `bench ${r}` });
    if (!open.ok) throw new Error(`open failed: ${JSON.stringify(open.error)}`);
    sessions.push(session);
  }
  const watchers: Socket[] = [];
  for (let i = 0; i < WATCHERS; i++) {
    const s = clientOf(instances[i % instances.length].url, { cookie });
    watchers.push(s);
    const on = t.watcher();
    s.on("live:step", (row: { sessionId: string; seq: number; preview: string }) => {
      on(row.sessionId, row.seq, sentAtOf(row.preview));
    });
    await connected(s);
    for (const session of sessions) {
      const w = await emit(s, "live:watch", { project: project.slug, session });
      if (!w.ok) throw new Error(`watch failed: ${JSON.stringify(w.error)}`);
    }
    await sleep(40); // stay under the per-socket event rate
  }
  await Promise.all(instances.map((i) => takeTrace(i)));
  const cpuBefore = processCpu();
  const driveStart = Date.now();
  await drive(async (r, seq, sentAt) => {
    const reply = await emit(
      agents[r],
      "session:steps",
      {
        session: sessions[r],
        steps: [{ seq, step: { kind: "assistant", text: `t=${sentAt} step ${seq} of recorder ${r}` } }],
      },
      60_000,
    );
    if (!reply.ok) throw new Error(`steps failed: ${JSON.stringify(reply.error)}`);
  });
  const driveSeconds = (Date.now() - driveStart) / 1000;
  await settle(t.count);
  const cpu = cpuShares(cpuBefore, processCpu(), instances);
  console.log(
    `\n${label}: sending took ${driveSeconds.toFixed(1)} s (${SECONDS} s planned); CPU over sending + settling, in cores: ${cpu}`,
  );
  if (TRACE_ON)
    for (const i of instances) {
      const trace = await takeTrace(i);
      console.log(
        `instance ${i.name}: CPU ${trace.cpuShare} cores, event-loop delay p50 ${trace.loopDelayMs?.p50} p99 ${trace.loopDelayMs?.p99} max ${trace.loopDelayMs?.max} ms`,
      );
      console.log("| stage | count | p50 ms | p99 ms | max ms |\n| --- | --- | --- | --- | --- |");
      for (const st of trace.stages.sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true })))
        console.log(`| ${st.name} | ${st.count} | ${st.p50} | ${st.p99} | ${st.max} |`);
    }
  for (const s of [...agents, ...watchers]) s.disconnect();
  return result(label, t);
}

interface Trace {
  stages: Array<{ name: string; count: number; p50: number; p99: number; max: number }>;
  cpuShare: number;
  loopDelayMs: { p50: number; p99: number; max: number } | null;
}

/** The instance's stage timestamps since the last call (lib/live/live-trace.ts; empty unless LIMI_LIVE_TRACE=1). */
async function takeTrace(i: AppInstance): Promise<Trace> {
  const res = await fetch(`${i.url}/__test/trace`, { method: "POST" });
  return (await res.json()) as Trace;
}

/** CPU seconds (user + system) of every process on the machine by pid and name, from /proc. */
function processCpu(): { at: number; byPid: Map<number, { name: string; seconds: number }> } {
  const byPid = new Map<number, { name: string; seconds: number }>();
  const tick = 100; // USER_HZ on Linux
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      byPid.set(Number(d), { name, seconds: (Number(f[11]) + Number(f[12])) / tick });
    } catch {
      // gone
    }
  }
  return { at: Date.now(), byPid };
}

/** Cores used between two readings by PostgreSQL, each instance, this process and everything else. */
function cpuShares(
  a: ReturnType<typeof processCpu>,
  b: ReturnType<typeof processCpu>,
  instances: AppInstance[],
): string {
  const wall = (b.at - a.at) / 1000;
  const groups = new Map<string, number>();
  const instancePids = new Map(instances.map((i) => [i.child.pid, i.name]));
  for (const [pid, now] of b.byPid) {
    const used = now.seconds - (a.byPid.get(pid)?.seconds ?? 0);
    if (used <= 0) continue;
    const group =
      pid === process.pid
        ? "benchmark clients"
        : instancePids.has(pid)
          ? `instance ${instancePids.get(pid)}`
          : now.name.startsWith("postgres")
            ? "PostgreSQL"
            : now.name.startsWith("redis")
              ? "Redis"
              : "other";
    groups.set(group, (groups.get(group) ?? 0) + used);
  }
  return [...groups.entries()].map(([g, s]) => `${g} ${(s / wall).toFixed(2)}`).join(", ");
}

/** The reference: a bare socket.io server that relays each message to a room, no auth, no database. */
async function measureEcho(): Promise<Result> {
  const http = createServer();
  const io = new Server(http);
  io.on("connection", (s) => {
    s.on("watch", async (_: unknown, ack: () => void) => {
      await s.join("room");
      ack();
    });
    s.on("step", (p: { session: string; seq: number; sentAt: number }, ack: () => void) => {
      io.to("room").emit("step", p);
      ack();
    });
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const t = tally();
  const open = (): Socket => connect(url, { transports: ["websocket"], forceNew: true, reconnection: false });
  const agents = Array.from({ length: RECORDERS }, open);
  const watchers = Array.from({ length: WATCHERS }, open);
  await Promise.all([...agents, ...watchers].map(connected));
  for (const w of watchers) {
    const on = t.watcher();
    w.on("step", (p: { session: string; seq: number; sentAt: number }) => on(p.session, p.seq, p.sentAt));
    await new Promise<void>((r) => w.emit("watch", {}, r));
  }
  await drive(
    (r, seq, sentAt) => new Promise<void>((done) => agents[r].emit("step", { session: `s${r}`, seq, sentAt }, done)),
  );
  await settle(t.count);
  for (const s of [...agents, ...watchers]) s.disconnect();
  await io.close();
  return result("bare socket.io echo (reference)", t);
}

const base = { DATABASE_URL: database.url, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET, LIMI_DEMO: "false" };
const results: Result[] = [];
const load: string[] = [];
try {
  load.push(
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" "),
  );
  results.push(await measureEcho());
  const single = await spawnInstance("single", { ...base, REDIS_URL: "" });
  load.push(
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" "),
  );
  results.push(await measureLive("live sessions, one instance", [single]));
  await (TRACE_ON ? single.stop() : single.kill());
  const shared = { ...base, REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix };
  const [a, b] = await Promise.all([spawnInstance("a", shared), spawnInstance("b", shared)]);
  load.push(
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" "),
  );
  results.push(await measureLive("live sessions, two instances (Redis Streams adapter)", [a, b]));
  await Promise.all([a, b].map((i) => (TRACE_ON ? i.stop() : i.kill())));
  load.push(
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" "),
  );
} finally {
  await disconnectDb();
  await redis.stop();
  await database.dispose();
}

console.log(
  `\n${RECORDERS} recorders × ${RATE} steps/s for ${SECONDS} s, ${WATCHERS} watchers each watching every session`,
);
console.log(
  `load average (1/5/15 min) before each part and at the end: ${load.join(" · ")}; ${os.cpus().length} cores\n`,
);
console.log("| setup | deliveries expected | delivered | lost | duplicated | p50 ms | p99 ms | max ms |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of results)
  console.log(
    `| ${r.label} | ${r.expected} | ${r.delivered} | ${r.lost} | ${r.duplicated} | ${r.p50} | ${r.p99} | ${r.max} |`,
  );
process.exit(0);
