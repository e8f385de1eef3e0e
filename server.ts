/**
 * One HTTP server for Next.js and socket.io. Start-up order matters: the database is resolved
 * (DATABASE_URL or the embedded PostgreSQL) and migrated, and the auth secret fixed, before Next
 * loads, so that every module in the process sees the same environment.
 *
 *   npm start            production: builds if needed, migrates, seeds the demo, serves on PORT
 *   npm run dev          development server with hot reload
 */
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { env } from "@/lib/env";
import { ensureAuthSecret } from "@/lib/auth/auth-secret";
import { resolveDatabase } from "@/lib/db/database-url";
import { sweepImportLeftovers } from "@/lib/import/import-leftovers";
import { applyMigrations } from "@/lib/db/migrations/apply-migrations";
import { disconnectDb } from "@/lib/db/client";
import { closePgPool } from "@/lib/db/pg-pool";
import { attachSocketServer } from "@/lib/live/socket-server";
import { startEventRelay } from "@/lib/live/event-relay";
import { closeRedis } from "@/lib/live/redis-client";
import { startJobWorker } from "@/lib/jobs/job-worker";
import { stopJobEngine } from "@/lib/jobs/job-engine";
import "@/lib/server/job-kinds";
import { buildIfNeeded } from "@/lib/server/build-if-needed";
import { seedDemoIfEmpty } from "@/lib/demo/seed-demo";
import { migrateLegacyTokenizerSpecs } from "@/lib/tokens/legacy-tokenizer-specs";
import { logError, logInfo } from "@/lib/log";
import { beginShutdown } from "@/lib/server/shutdown-state";
import { normalizeForwardedHeaders } from "@/lib/http/forwarded-headers";
import { closeWhenBodyUnread } from "@/lib/http/close-unread";
import { securityHeaders } from "@/lib/http/security-headers";

const root = path.dirname(new URL(import.meta.url).pathname);

export async function startServer(opts: { dev: boolean; onShutdown?: () => Promise<void> }) {
  const started = Date.now();
  ensureAuthSecret();
  const database = await resolveDatabase();
  logInfo(
    database.embedded
      ? `embedded PostgreSQL on 127.0.0.1:${database.embedded.port} (data in ${env().dataDir})`
      : "PostgreSQL from DATABASE_URL",
  );
  const applied = await applyMigrations(database.url);
  logInfo(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");
  const legacy = await migrateLegacyTokenizerSpecs();
  for (const m of legacy.migrated) logInfo(`project ${m.slug}: tokenizer ${m.from} is now ${m.to}`);
  for (const r of legacy.refused)
    logError(
      `project ${r.slug}: tokenizer ${r.spec} is outside the models folder ${env().modelsDir}; move its folder there and choose it by name in Settings`,
    );
  const swept = await sweepImportLeftovers();
  if (swept.tempFiles || swept.originals)
    logInfo(
      `removed what interrupted imports left: ${swept.tempFiles} temporary file(s), ${swept.originals} original(s)`,
    );
  if (env().LIMI_DEMO) {
    const demo = await seedDemoIfEmpty();
    if (demo) logInfo(`demo project "${demo.projectSlug}" created. Sign in as ${demo.email} / ${demo.password}`);
  }
  if (!opts.dev) buildIfNeeded(root);

  const { PORT, HOST, NEXTAUTH_URL } = env();
  // Without NEXTAUTH_URL, next-auth builds its URLs from the request's host and scheme only when told
  // to trust them; normalizeForwardedHeaders makes them trustworthy (proxy headers only with LIMI_TRUST_PROXY).
  if (!NEXTAUTH_URL) process.env.AUTH_TRUST_HOST = "true";
  const app = next({ dev: opts.dev, dir: root, hostname: HOST, port: PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const headers = Object.entries(securityHeaders(opts.dev));
  const httpServer = createServer((req, res) => {
    normalizeForwardedHeaders(req);
    closeWhenBodyUnread(req, res);
    for (const [name, value] of headers) res.setHeader(name, value);
    handle(req, res).catch((e) => {
      logError("request failed", e);
      if (!res.headersSent) res.writeHead(500).end("internal error");
    });
  });
  const live = await attachSocketServer(httpServer);
  const relay = startEventRelay(live.io);
  const stopJobs = await startJobWorker();
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(PORT, HOST, () => resolve());
  });
  logInfo(`LIMI Studio ready on http://localhost:${PORT} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    beginShutdown();
    logInfo("shutting down");
    await stopJobs();
    await stopJobEngine();
    await relay.stop();
    await live.close();
    await closeRedis();
    await new Promise((r) => httpServer.close(r));
    await app.close?.();
    await disconnectDb();
    await closePgPool();
    await database.embedded?.stop();
    await opts.onShutdown?.();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  return { httpServer, io: live.io, shutdown };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  startServer({ dev: process.argv.includes("--dev") }).catch((e) => {
    logError("start-up failed", e);
    process.exit(1);
  });
}
