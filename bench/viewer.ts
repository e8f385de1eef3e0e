/**
 * The viewer in Chromium on the two sizes the issue names: a 152k-token session (~400 steps) and a
 * 5,000-step one (~10 MB). It generates both with the project's generator, imports them with the
 * import pipeline into a fresh embedded database, starts the production server, and measures in a
 * real page: navigation → data-ready="true", JS heap once ready, every frame while scrolling the
 * list from top to bottom, and as the reference, fetching and JSON.parse of the same trajectory's
 * canonical JSON in that page. A third, 6,811-step session is opened on a deep link (`#step-s4000`)
 * and the time from ready until that step sits at the top of the list, focused, is measured.
 *
 *   npx tsx bench/viewer.ts            (RUNS=3 by default; the median run is reported)
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { freePort } from "@/lib/db/embedded-postgres";
import { generateSession } from "@/bench/viewer/generate";
import {
  deepLinkLanding,
  fetchAndParse,
  readinessBreakdown,
  recordReadiness,
  scrollAndTimeFrames,
} from "@/bench/viewer/in-page";
import { mb, ms, percentile, printTable, type Row } from "@/bench/viewer/report";

const RUNS = Number(process.env.RUNS ?? 3);
const dir = await mkdtemp(path.join(os.tmpdir(), "limi-bench-viewer-"));
await chmod(dir, 0o755);
const port = await freePort();
process.env.LIMI_DATA_DIR = dir;
process.env.EMBEDDED_PG_PORT = String(await freePort());
process.env.LIMI_DEMO = "true";
process.env.NEXTAUTH_SECRET = "bench-viewer-secret-0123456789";
process.env.PORT = String(port);
process.env.HOST = "127.0.0.1";
process.env.NEXTAUTH_URL = `http://127.0.0.1:${port}`;
process.env.NEXT_TELEMETRY_DISABLED = "1";

const { startServer } = await import("../server");
const { db } = await import("@/lib/db/client");
const { importFile } = await import("@/lib/import/import-file");

const log = (s: string) => process.stderr.write(`${s}\n`);

/** The functions with the most self time in a CPU profile (name and script), for BREAKDOWN. */
function hottest(profile: {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples?: number[];
  timeDeltas?: number[];
}): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([k, v]) => `${k} ${Math.round(v)}`);
}

interface Case {
  name: string;
  steps: number;
  bytes: number;
  seed: number;
  targetMs: number;
  /** Open on `#step-<key>` and measure when it lands at the top (from ready). */
  deepLink?: string;
}
// Sizes as the issue names them; the imported step and token counts are printed with the figures.
const CASES: Case[] = [
  { name: "152k tokens", steps: 400, bytes: 640_000, seed: 7, targetMs: 1000 },
  { name: "5,000 steps", steps: 5000, bytes: 10_000_000, seed: 11, targetMs: 2500 },
  { name: "6,811 steps", steps: 6811, bytes: 12_000_000, seed: 13, targetMs: 2500, deepLink: "s4000" },
];
const DEEP_LINK_TARGET_MS = 300;

const server = await startServer({ dev: false, onShutdown: () => rm(dir, { recursive: true, force: true }) });
const base = `http://127.0.0.1:${port}`;
let browser: Browser | null = null;
try {
  const project = await db().project.findFirstOrThrow({ where: { slug: "demo" }, select: { id: true } });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--enable-precise-memory-info",
    ],
  });
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } });
  const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: "annotator@limi.local", password: "limi-demo", json: "true" },
  });
  // tsx compiles with esbuild's keepNames, which wraps inner functions in a `__name` helper that
  // does not exist in the page; the functions below are passed to the page as source text.
  await context.addInitScript({ content: "window.__name = (f) => f;" });
  await context.addInitScript(recordReadiness);

  for (const c of CASES.filter((x) => !process.env.CASE || x.name.startsWith(process.env.CASE))) {
    log(`generating and importing ${c.name}…`);
    const g = generateSession(dir, c.name.replace(/\W+/g, "-"), { steps: c.steps, bytes: c.bytes, seed: c.seed });
    const r = await importFile(
      { path: g.file, name: path.basename(g.file) },
      { projectId: project.id, actorId: null, format: "openai-chat" },
    );
    if (!r.trajectoryId) throw new Error(`import failed: ${r.error?.message}`);
    const url = `/projects/demo/trajectories/${r.trajectoryId}`;
    const canonical = `/api/projects/demo/trajectories/${r.trajectoryId}/canonical`;

    const runs: Array<{
      ready: number;
      heap: number;
      maxFrame: number;
      p95: number;
      frames: number;
      longTasks: number;
      domRows: number;
      reference: number;
      bytes: number;
      landing: Awaited<ReturnType<typeof deepLinkLanding>> | null;
    }> = [];
    // One warm-up navigation (server caches, Chromium's code cache), then the measured runs.
    for (let i = 0; i <= RUNS; i++) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      if (process.env.BREAKDOWN) {
        await cdp.send("Performance.enable");
        await cdp.send("Profiler.enable");
        await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
        await cdp.send("Profiler.start");
      }
      await page.goto(c.deepLink ? `${url}#step-${c.deepLink}` : url);
      await page.waitForSelector('[data-testid="trajectory-viewer"][data-ready="true"]', { timeout: 60_000 });
      const ready = await page.evaluate(() => (window as unknown as { __readyAt: number }).__readyAt);
      const landing = c.deepLink ? await page.evaluate(deepLinkLanding, { key: c.deepLink, watchMs: 3000 }) : null;
      if (process.env.BREAKDOWN) {
        // Where the page's main thread went by the time it was ready (CDP Performance metrics, ms).
        const { metrics } = await cdp.send("Performance.getMetrics");
        const cpu = Object.fromEntries(
          metrics
            .filter((x) => /^(Script|Layout|RecalcStyle|Task)Duration$/.test(x.name))
            .map((x) => [x.name.replace("Duration", ""), Math.round(x.value * 1000)]),
        );
        log(
          `  ${JSON.stringify(await page.evaluate(readinessBreakdown))} main thread ${JSON.stringify(cpu)} ready ${Math.round(ready)}`,
        );
        const { profile } = await cdp.send("Profiler.stop");
        log(`  hottest until ready (self ms): ${hottest(profile).join(" · ")}`);
      }
      await cdp.send("HeapProfiler.collectGarbage");
      const heap = (await cdp.send("Runtime.getHeapUsage")).usedSize;
      const scroll = await page.evaluate(scrollAndTimeFrames, 900);
      const ref = await page.evaluate(fetchAndParse, canonical);
      if (process.env.BREAKDOWN) for (const f of scroll.slowFrames) log(`  slow frame: ${f}`);
      if (i > 0)
        runs.push({
          ready,
          heap,
          maxFrame: Math.max(...scroll.frames),
          p95: percentile(scroll.frames, 95),
          frames: scroll.frames.length,
          longTasks: scroll.longTasks.length,
          domRows: scroll.domRowsMax,
          reference: ref.ms,
          bytes: ref.bytes,
          landing,
        });
      await page.close();
    }
    runs.sort((a, b) => a.ready - b.ready);
    const m = runs[Math.floor(runs.length / 2)];
    const t = await db().trajectory.findUniqueOrThrow({
      where: { id: r.trajectoryId },
      select: { stepCount: true, tokensTotal: true },
    });
    const rows: Row[] = [
      {
        figure: "navigation → data-ready",
        value: ms(m.ready),
        reference: `fetch + JSON.parse of the canonical JSON: ${ms(m.reference)} (${mb(m.bytes)})`,
        target: `< ${ms(c.targetMs)}`,
        ok: m.ready < c.targetMs,
      },
      {
        figure: "JS heap when ready (after GC)",
        value: mb(m.heap),
        reference: `canonical JSON is ${mb(m.bytes)} of text`,
        target: "—",
        ok: null,
      },
      {
        figure: "slowest frame, scrolling top → bottom",
        value: ms(m.maxFrame),
        reference: `p95 ${ms(m.p95)} over ${m.frames} frames; ${m.longTasks} long tasks; ≤ ${m.domRows} rows in the DOM`,
        target: "< 100 ms",
        ok: m.maxFrame < 100,
      },
    ];
    if (c.deepLink) {
      const l = m.landing!;
      const after = l.landedAt === null ? null : Math.max(0, l.landedAt - l.readyAt);
      rows.push({
        figure: `#step-${c.deepLink}: ready → at the top, focused`,
        value: after === null ? `not landed (top: ${l.topKey ?? "?"}, offset ${l.finalOffset ?? "—"} px)` : ms(after),
        reference: `landing times ${runs.map((x) => (x.landing?.landedAt == null ? "—" : ms(Math.max(0, x.landing.landedAt - x.landing.readyAt)))).join(", ")}`,
        target: `< ${ms(DEEP_LINK_TARGET_MS)}`,
        ok: after !== null && after < DEEP_LINK_TARGET_MS,
      });
    }
    printTable(
      `${c.name}: ${t.stepCount} steps, ${t.tokensTotal.toLocaleString("en")} tokens, ${mb(g.bytes)} file (median of ${runs.length} runs; ready times ${runs.map((x) => ms(x.ready)).join(", ")})`,
      rows,
    );
  }
} catch (e) {
  log(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
} finally {
  await browser?.close();
  // Stops the server and its embedded PostgreSQL, removes the folder, and exits.
  await server.shutdown();
}
