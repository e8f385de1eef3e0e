/**
 * Tests and bench: one app instance as its own process, with the server's live parts and job
 * worker exactly as server.ts starts them (socket.io with the Redis adapter when REDIS_URL is set,
 * the NOTIFY relay, presence, the pg-boss worker), without Next. A few control routes under
 * `/__test/` cause what a page or API call would (a project event, revoking a key), through the same
 * domain functions. Prints `READY <port>` when it serves.
 *
 *   DATABASE_URL=… REDIS_URL=… PORT=0 npx tsx lib/live/testing/app-instance.ts
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { env } from "@/lib/env";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { revokeApiKey } from "@/lib/auth/api-keys";
import { notifyProjectEvent, type ProjectEvent } from "@/lib/live/project-events";
import { attachSocketServer } from "@/lib/live/socket-server";
import { startEventRelay } from "@/lib/live/event-relay";
import { startJobWorker } from "@/lib/jobs/job-worker";
import "@/lib/server/job-kinds";
import { takeTrace } from "@/lib/live/live-trace";

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

async function main() {
  const http = createServer((req, res) => {
    if (req.method !== "POST" || !req.url?.startsWith("/__test/")) return; // socket.io answers its own path
    void (async () => {
      const b = await body(req);
      if (req.url === "/__test/notify") {
        await withPgTransaction((c) => notifyProjectEvent(c, b as unknown as ProjectEvent));
      } else if (req.url === "/__test/trace") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(takeTrace()));
        return;
      } else if (req.url === "/__test/revoke-key") {
        await revokeApiKey(String(b.projectId), String(b.keyId), String(b.actorId));
      } else {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(204).end();
    })().catch((e: unknown) => res.writeHead(500).end(String(e)));
  });
  const live = await attachSocketServer(http);
  const relay = startEventRelay(live.io);
  await relay.ready;
  await startJobWorker();
  await new Promise<void>((r) => http.listen(env().PORT, "127.0.0.1", r));
  process.stdout.write(`READY ${(http.address() as AddressInfo).port}\n`);
}

// A profiled run (`node --cpu-prof`) writes its profile only on a normal exit.
if (process.env.LIMI_LIVE_TRACE === "1") process.on("SIGTERM", () => process.exit(0));

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
