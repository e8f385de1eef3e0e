/**
 * The server's side of project notifications: LISTENs on PostgreSQL and forwards each event to the
 * project's socket.io room. Reconnects after a dropped connection.
 */
import pg from "pg";
import type { Server } from "socket.io";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";
import { isShuttingDown } from "@/lib/server/shutdown-state";
import { PROJECT_EVENTS_CHANNEL, projectRoom, type ProjectEvent } from "@/lib/live/project-events";

export function startEventRelay(io: Server): () => Promise<void> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const c = new pg.Client({ connectionString: env().DATABASE_URL });
    c.on("notification", (msg) => {
      if (msg.channel !== PROJECT_EVENTS_CHANNEL || !msg.payload) return;
      try {
        const e = JSON.parse(msg.payload) as ProjectEvent;
        io.to(e.room ?? projectRoom(e.projectId)).emit(e.event, { projectId: e.projectId, ...e.data });
      } catch (err) {
        logError("bad project event payload", err);
      }
    });
    c.on("error", (err) => {
      client = null;
      if (stopped || isShuttingDown()) return;
      logError("event relay connection lost; reconnecting", err);
      retry = setTimeout(() => void connect(), 2000);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${PROJECT_EVENTS_CHANNEL}`);
      client = c;
    } catch (err) {
      logError("event relay could not connect; retrying", err);
      if (!stopped) retry = setTimeout(() => void connect(), 2000);
    }
  };
  void connect();

  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}
