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
import { startJobRunner } from "@/lib/jobs/job-runner";
import { buildIfNeeded } from "@/lib/server/build-if-needed";
import { seedDemoIfEmpty } from "@/lib/demo/seed-demo";
import { logError, logInfo } from "@/lib/log";
import { beginShutdown } from "@/lib/server/shutdown-state";

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

  const { PORT, HOST } = env();
  const app = next({ dev: opts.dev, dir: root, hostname: HOST, port: PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const httpServer = createServer((req, res) => {
    handle(req, res).catch((e) => {
      logError("request failed", e);
      if (!res.headersSent) res.writeHead(500).end("internal error");
    });
  });
  const io = attachSocketServer(httpServer);
  const stopRelay = startEventRelay(io);
  const stopJobs = startJobRunner();
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
    stopJobs();
    await stopRelay();
    io.close();
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
  return { httpServer, io, shutdown };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  startServer({ dev: process.argv.includes("--dev") }).catch((e) => {
    logError("start-up failed", e);
    process.exit(1);
  });
}
