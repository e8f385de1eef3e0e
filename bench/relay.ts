/**
 * Live event relay across instances: 50 watchers split over two app instances (Redis adapter,
 * shared PostgreSQL), 200 project events a second published with NOTIFY as the app's writers do;
 * prints delivery latency p50/p99 and the counts of lost and duplicated deliveries, next to the
 * same load on one instance without an adapter, measured in the same run.
 *
 *   npx tsx bench/relay.ts [--seconds 10] [--rate 200] [--watchers 50]
 *
 * Needs PostgreSQL (TEST_DATABASE_URL, or an embedded one) and Redis (REDIS_URL, or Debian's
 * redis-server started for the run).
 */
import { parseArgs } from "node:util";
import pg from "pg";
import type { Socket } from "socket.io-client";
import { createTestDatabase } from "@/lib/db/testing/test-database";
import { resetEnvCache } from "@/lib/env";
import { startTestRedis } from "@/lib/live/testing/test-redis";
import { spawnInstance, type AppInstance } from "@/lib/live/testing/spawn-instance";
import { clientOf, connected, emit } from "@/lib/live/testing/live-test-server";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    rate: { type: "string", default: "200" },
    watchers: { type: "string", default: "50" },
  },
});
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);
const WATCHERS = Number(values.watchers);

const database = await createTestDatabase("limi_bench_relay");
const redis = await startTestRedis();
process.env.DATABASE_URL = database.url;
process.env.NEXTAUTH_SECRET ??= "bench-relay-secret-0123456789abcdef";
process.env.LIMI_DEMO = "false";
delete process.env.REDIS_URL;
resetEnvCache();

const { makeMember, makeProject, sessionCookie } = await import("@/lib/db/testing/factories");
const { PROJECT_EVENTS_CHANNEL, projectRoom } = await import("@/lib/live/project-events");
const { disconnectDb } = await import("@/lib/db/client");

const project = await makeProject();
const user = await makeMember(project.id, "annotator");
const cookie = await sessionCookie(user.id);

interface Result {
  label: string;
  sent: number;
  expected: number;
  delivered: number;
  lost: number;
  duplicated: number;
  p50: number;
  p99: number;
  max: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function measure(label: string, instances: AppInstance[]): Promise<Result> {
  const sockets: Socket[] = [];
  const seen: Array<Map<number, number>> = [];
  const latencies: number[] = [];
  let duplicated = 0;
  for (let i = 0; i < WATCHERS; i++) {
    const s = clientOf(instances[i % instances.length].url, { cookie });
    sockets.push(s);
    const mine = new Map<number, number>();
    seen.push(mine);
    s.on("bench:tick", (p: { seq: number; sentAt: number }) => {
      const n = (mine.get(p.seq) ?? 0) + 1;
      mine.set(p.seq, n);
      if (n > 1) duplicated++;
      else latencies.push(Date.now() - p.sentAt);
    });
  }
  await Promise.all(sockets.map(connected));
  for (const s of sockets) {
    const r = await emit(s, "project:join", { project: project.slug });
    if (!r.ok) throw new Error(`join failed: ${JSON.stringify(r.error)}`);
  }

  // One round trip per 10 ms slice carries that slice's notifications, so the publisher keeps up
  // with the rate and the latency measured is the relay's, not a queue in this script.
  const publisher = new pg.Client({ connectionString: database.url });
  await publisher.connect();
  const pending: Promise<unknown>[] = [];
  const total = RATE * SECONDS;
  const started = Date.now();
  let seq = 0;
  while (seq < total) {
    const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * RATE));
    const payloads: string[] = [];
    for (; seq < due; seq++)
      payloads.push(
        JSON.stringify({
          projectId: project.id,
          room: projectRoom(project.id),
          event: "bench:tick",
          data: { seq, sentAt: Date.now() },
        }),
      );
    if (payloads.length)
      pending.push(
        publisher.query("SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p", [PROJECT_EVENTS_CHANNEL, payloads]),
      );
    await new Promise((r) => setTimeout(r, 10));
  }
  await Promise.all(pending);
  // Late is not lost: wait until nothing has arrived for 2 s (at most 60 s).
  const count = () => seen.reduce((n, m) => n + m.size, 0) + duplicated;
  for (let last = -1, quietSince = Date.now(), end = Date.now() + 60_000; Date.now() < end;) {
    const now = count();
    if (now !== last) [last, quietSince] = [now, Date.now()];
    else if (Date.now() - quietSince > 2000) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await publisher.end();
  for (const s of sockets) s.disconnect();

  const delivered = seen.reduce((n, m) => n + m.size, 0);
  latencies.sort((x, y) => x - y);
  return {
    label,
    sent: total,
    expected: total * WATCHERS,
    delivered,
    lost: total * WATCHERS - delivered,
    duplicated,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    max: latencies[latencies.length - 1],
  };
}

const base = { DATABASE_URL: database.url, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET, LIMI_DEMO: "false" };
const results: Result[] = [];
try {
  const single = await spawnInstance("single", { ...base, REDIS_URL: "" });
  results.push(await measure("one instance, no adapter (reference)", [single]));
  await single.kill();

  const shared = { ...base, REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix };
  const [a, b] = await Promise.all([spawnInstance("a", shared), spawnInstance("b", shared)]);
  results.push(await measure("two instances, Redis Streams adapter", [a, b]));
  await Promise.all([a.kill(), b.kill()]);
} finally {
  await disconnectDb();
  await redis.stop();
  await database.dispose();
}

console.log(`\n${WATCHERS} watchers, ${RATE} events/s for ${SECONDS} s (${RATE * SECONDS} events)\n`);
console.log("| setup | deliveries expected | delivered | lost | duplicated | p50 ms | p99 ms | max ms |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of results)
  console.log(
    `| ${r.label} | ${r.expected} | ${r.delivered} | ${r.lost} | ${r.duplicated} | ${r.p50} | ${r.p99} | ${r.max} |`,
  );
