/**
 * Replays issue 17's floods against a running server and prints, for each, the server process's
 * peak RSS and the p50/p99 of `GET /api/health` measured while it runs, next to an idle baseline
 * of the same run. Targets: RSS under 1 GB and health p99 under 200 ms throughout.
 *
 *   npx tsx bench/abuse.ts            # starts its own server (production build, fresh database)
 *   BENCH_URL=http://127.0.0.1:3000 BENCH_PID=<pid> npx tsx bench/abuse.ts   # an already running one
 *
 * Phases: idle; the import of one trajectory at the document limit and the idle time after it; socket events (project:join and trajectory:focus floods over socket.io); a sign-in
 * flood (32 at a time); large chunked bodies (to a JSON route and to next-auth); an archive bomb
 * (an Inspect `.eval` zip of ~1 MB holding four 250 MB members); parallel `/canonical` reads of one
 * large trajectory. It reports what the server answered; mechanisms belong to tests, figures here.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Zip, ZipDeflate } from "fflate";
import { io, type Socket } from "socket.io-client";
import { freePort } from "@/lib/db/embedded-postgres";

const MB = 1024 * 1024;

// ---------- the server ----------
async function startOwnServer(): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), "limi-abuse-"));
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "e2e/support/test-server.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NEXTAUTH_URL: url, LIMI_DATA_DIR: dir },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const own = process.env.BENCH_URL ? null : await startOwnServer();
const BASE = process.env.BENCH_URL ?? own!.url;
const PID = Number(process.env.BENCH_PID ?? own!.pid);

// ---------- measuring ----------
function rssMb(): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${PID}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

const percentile = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

interface PhaseResult {
  phase: string;
  peakRssMb: number;
  healthP50: number;
  healthP99: number;
  healthMax: number;
  healthFailures: number;
  outcome: string;
}
const results: PhaseResult[] = [];

const tally = (xs: Array<string | number>) =>
  Object.entries(xs.reduce<Record<string, number>>((m, x) => ((m[String(x)] = (m[String(x)] ?? 0) + 1), m), {}))
    .map(([k, v]) => `${k}×${v}`)
    .join(" ");

/** Runs `work` while sampling the server's RSS every 100 ms and timing /api/health back to back. */
async function phase(name: string, work: () => Promise<string>): Promise<void> {
  let done = false;
  let peak = rssMb();
  const rss = setInterval(() => (peak = Math.max(peak, rssMb())), 100);
  const latencies: number[] = [];
  const failures: string[] = [];
  const prober = (async () => {
    while (!done) {
      const t = performance.now();
      try {
        const r = await fetch(`${BASE}/api/health`, { signal: AbortSignal.timeout(30_000) });
        const body = await r.text();
        if (!r.ok) failures.push(`${r.status} ${body.slice(0, 80)}`);
      } catch (e) {
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        failures.push(cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e)));
      }
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  let outcome: string;
  try {
    outcome = await work();
  } catch (e) {
    outcome = `failed: ${e instanceof Error ? e.message : String(e)}`;
  }
  done = true;
  await prober;
  clearInterval(rss);
  peak = Math.max(peak, rssMb());
  const r: PhaseResult = {
    phase: name,
    peakRssMb: Math.round(peak),
    healthP50: Math.round(percentile(latencies, 50)),
    healthP99: Math.round(percentile(latencies, 99)),
    healthMax: Math.round(Math.max(...latencies)),
    healthFailures: failures.length,
    outcome: failures.length ? `${outcome}; health failures: ${tally(failures)}` : outcome,
  };
  results.push(r);
  console.log(JSON.stringify(r));
}

// ---------- a signed-in session ----------
async function signIn(email: string, password: string): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]);
  return [...jar, ...session].join("; ");
}

const admin = await signIn("admin@limi.local", "limi-demo");
const json = (cookie: string) => ({ cookie, "content-type": "application/json", origin: BASE });

// A project with one large trajectory (for /canonical) and one small one (for socket focus).
const slug = `abuse-${Date.now().toString(36)}`;
await fetch(`${BASE}/api/projects`, {
  method: "POST",
  headers: json(admin),
  body: JSON.stringify({ slug, name: slug }),
});

async function importRaw(filename: string, body: Buffer): Promise<{ status: number; text: string }> {
  try {
    return await importOnce(filename, body);
  } catch (e) {
    // A connection the server closed (it answers before reading a refused body) is reported, not fatal.
    return { status: 0, text: `connection closed: ${e instanceof Error ? String(e.cause ?? e.message) : String(e)}` };
  }
}

async function importOnce(filename: string, body: Buffer): Promise<{ status: number; text: string }> {
  const r = await fetch(`${BASE}/api/projects/${slug}/imports?filename=${encodeURIComponent(filename)}`, {
    method: "POST",
    headers: { cookie: admin, origin: BASE, "content-type": "application/octet-stream" },
    body: new Uint8Array(body),
  });
  return { status: r.status, text: await r.text() };
}

function chat(outputBytes: number, calls: number): Buffer {
  const out = "x".repeat(Math.floor(outputBytes / calls));
  const messages: unknown[] = [{ role: "user", content: "Run the tool many times" }];
  for (let i = 0; i < calls; i++) {
    messages.push({
      role: "assistant",
      content: null,
      tool_calls: [{ id: `c${i}`, type: "function", function: { name: "bash", arguments: `{"cmd":"cat f${i}"}` } }],
    });
    messages.push({ role: "tool", tool_call_id: `c${i}`, content: `${i} ${out}` });
  }
  messages.push({ role: "assistant", content: "done" });
  return Buffer.from(`${JSON.stringify({ messages })}\n`);
}

const small = JSON.parse((await importRaw("small.jsonl", chat(10_000, 3))).text) as {
  results: Array<{ trajectoryId: string }>;
};
const smallId = small.results[0].trajectoryId;

// Built before the phases: compressing 1 GB blocks this process for seconds. Meanwhile the server
// closes idle keep-alive connections (5 s); the pause after it lets this process see those closes
// before the first probe, which would otherwise be sent on a closed connection (UND_ERR_SOCKET, a
// failure of the bench, not of the server).
const bomb = await archiveBomb();
await new Promise((r) => setTimeout(r, 500));

// ---------- phases ----------
await phase("idle baseline (5 s)", async () => {
  await new Promise((r) => setTimeout(r, 5000));
  return "nothing sent";
});

// The largest trajectory an upload may hold: just under the document limit (IMPORT_MAX_DOCUMENT_MB),
// one JSON line of 200 tool results. Its import is a phase (the at-limit upload), and so is the
// idle time after it: the server's memory must come back down.
const docLimitMb = Number(process.env.IMPORT_MAX_DOCUMENT_MB ?? 64);
const bigSize = Number(process.env.BENCH_CANONICAL_MB ?? docLimitMb - 4) * MB;
const bigFile = chat(bigSize, 200);
let bigImport: { status: number; text: string } = { status: 0, text: "" };
await phase(`import of a ${Math.round(bigFile.length / MB)} MB trajectory (one JSON line)`, async () => {
  bigImport = await importRaw("big.jsonl", bigFile);
  const m = /"status":"(\w+)"/.exec(bigImport.text);
  return `status ${bigImport.status}, ${m ? m[1] : bigImport.text.slice(0, 200)}`;
});
let bigId: string | null | undefined;
try {
  bigId = (JSON.parse(bigImport.text) as { results?: Array<{ trajectoryId: string | null }> }).results?.[0]
    ?.trajectoryId;
} catch {
  bigId = null;
}
await phase("idle after the import (15 s)", async () => {
  await new Promise((r) => setTimeout(r, 15_000));
  return `RSS at the end: ${Math.round(rssMb())} MB`;
});

async function socketFlood(event: string, count: number, payload: Record<string, unknown>): Promise<string> {
  const s: Socket = io(BASE, {
    path: "/socket.io",
    transports: ["websocket"],
    extraHeaders: { cookie: admin, origin: BASE },
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    s.once("connect", () => resolve());
    s.once("connect_error", reject);
  });
  if (event === "trajectory:focus")
    await new Promise((r) => s.emit("trajectory:join", { project: slug, trajectoryId: smallId }, r));
  const outcomes: string[] = [];
  let disconnected = false;
  // Only a disconnect the server chose counts (not our own close at the end).
  s.on("disconnect", (reason) => (disconnected ||= reason !== "io client disconnect"));
  const acks: Promise<void>[] = [];
  for (let i = 0; i < count && !disconnected; i++) {
    acks.push(
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          outcomes.push("no answer");
          resolve();
        }, 60_000);
        s.emit(
          event,
          { ...payload, ...(event === "trajectory:focus" ? { stepKey: `s${i % 3}` } : {}) },
          (a: { ok: boolean; error?: { code: string } }) => {
            clearTimeout(timer);
            outcomes.push(a.ok ? "ok" : a.error!.code);
            resolve();
          },
        );
      }),
    );
    if (i % 1000 === 999) await new Promise((r) => setImmediate(r));
  }
  await Promise.race([Promise.all(acks), new Promise((r) => setTimeout(r, 65_000))]);
  s.close();
  return `${count} emitted: ${tally(outcomes)}${disconnected ? "; the server disconnected the socket" : ""}`;
}

const SOCKET_EVENTS = Number(process.env.BENCH_SOCKET_EVENTS ?? 100_000);
await phase(`socket: ${SOCKET_EVENTS} project:join`, () =>
  socketFlood("project:join", SOCKET_EVENTS, { project: slug }),
);
await phase(`socket: ${SOCKET_EVENTS / 5} trajectory:focus`, () =>
  socketFlood("trajectory:focus", SOCKET_EVENTS / 5, { project: slug, trajectoryId: smallId }),
);

await phase("sign-in flood: 320 wrong passwords, 32 at a time", async () => {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const jar = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const statuses: number[] = [];
  for (let round = 0; round < 10; round++) {
    await Promise.all(
      Array.from({ length: 32 }, async (_, i) => {
        const r = await fetch(`${BASE}/api/auth/callback/credentials`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
          body: new URLSearchParams({
            csrfToken,
            email: `user${i}@limi.local`,
            password: `guess-${round}`,
            json: "true",
          }),
          redirect: "manual",
        });
        await r.arrayBuffer();
        statuses.push(r.status);
      }),
    );
  }
  return `statuses: ${tally(statuses)}`;
});

/** A body of `bytes` sent chunked (no Content-Length), 1 MB at a time. */
function chunked(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(MB).fill(0x20);
  let sent = 0;
  return new ReadableStream({
    pull(c) {
      if (sent >= bytes) return c.close();
      sent += chunk.byteLength;
      c.enqueue(chunk);
    },
  });
}

await phase("large chunked bodies: 4 × 400 MB to a JSON route and 4 × 400 MB to sign-in", async () => {
  const send = async (url: string, type: string, cookie?: string) => {
    try {
      const r = await fetch(url, {
        method: "POST",
        headers: { "content-type": type, origin: BASE, ...(cookie ? { cookie } : {}) },
        body: chunked(400 * MB),
        duplex: "half",
      } as RequestInit);
      await r.arrayBuffer();
      return r.status;
    } catch (e) {
      return `closed (${(e as Error).cause ? String((e as { cause: { code?: string } }).cause.code) : "error"})`;
    }
  };
  const statuses = await Promise.all([
    ...Array.from({ length: 4 }, () => send(`${BASE}/api/projects/${slug}/queries`, "application/json", admin)),
    ...Array.from({ length: 4 }, () =>
      send(`${BASE}/api/auth/callback/credentials`, "application/x-www-form-urlencoded"),
    ),
  ]);
  return `statuses: ${tally(statuses)}`;
});

/** An Inspect `.eval` zip: a small header and four members of 250 MB of spaces (deflate: ~250 KB each). */
function archiveBomb(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array[] = [];
    const zip = new Zip((err, data, final) => {
      if (err) return reject(err);
      parts.push(data);
      if (final) resolve(Buffer.concat(parts));
    });
    const header = new ZipDeflate("header.json", { level: 9 });
    zip.add(header);
    header.push(
      new TextEncoder().encode(JSON.stringify({ version: 2, status: "success", eval: { task: "bomb" } })),
      true,
    );
    const chunk = new Uint8Array(MB).fill(0x20);
    for (let m = 0; m < 4; m++) {
      const member = new ZipDeflate(`samples/${m + 1}_epoch_1.json`, { level: 9 });
      zip.add(member);
      for (let i = 0; i < 250; i++) member.push(chunk, i === 249);
    }
    zip.end();
  });
}

await phase(`archive bomb: a ${(bomb.length / MB).toFixed(1)} MB .eval with 4 × 250 MB members`, async () => {
  const r = await importRaw("bomb.eval", bomb);
  let msg = "";
  try {
    const j = JSON.parse(r.text) as { results?: Array<{ status: string; error?: { message: string } }> };
    msg = j.results?.map((x) => `${x.status}${x.error ? `: ${x.error.message.slice(0, 120)}` : ""}`).join("; ") ?? "";
  } catch {
    msg = r.text.slice(0, 120);
  }
  return `status ${r.status} ${msg}`;
});

await phase(`6 parallel /canonical reads of a ${bigSize / MB} MB trajectory`, async () => {
  if (!bigId) return `the big trajectory did not import: ${bigImport.status} ${bigImport.text.slice(0, 400)}`;
  const statuses = await Promise.all(
    Array.from({ length: 6 }, async () => {
      const r = await fetch(`${BASE}/api/projects/${slug}/trajectories/${bigId}/canonical`, {
        headers: { cookie: admin },
      });
      const bytes = (await r.arrayBuffer()).byteLength;
      return `${r.status} (${Math.round(bytes / MB)} MB)`;
    }),
  );
  return `statuses: ${tally(statuses)}`;
});

// ---------- report ----------
const base = results[0];
console.log("\nphase | peak RSS (MB) | health p50 / p99 / max (ms) | health failures | outcome");
console.log("--- | --- | --- | --- | ---");
for (const r of results)
  console.log(
    `${r.phase} | ${r.peakRssMb}${r.peakRssMb >= 1024 ? " (over 1 GB)" : ""} | ${r.healthP50} / ${r.healthP99}${r.healthP99 >= 200 ? " (over 200)" : ""} / ${r.healthMax} | ${r.healthFailures} | ${r.outcome}`,
  );
console.log(
  `\nidle baseline: ${base.peakRssMb} MB, health p99 ${base.healthP99} ms. Targets: RSS < 1024 MB, health p99 < 200 ms.`,
);
await own?.stop();
process.exit(0);
