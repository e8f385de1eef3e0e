/**
 * The server's side of project notifications: LISTENs on PostgreSQL and forwards each event to the
 * project's socket.io room, and applies socket evictions (lib/live/evict-actor.ts). Every instance
 * LISTENs and gets every notification, so it emits only to its own sockets (`io.local`): with the
 * Redis adapter, a plain room emit would reach every instance's sockets from each of them (N
 * copies). Reconnects after a dropped connection.
 */
import pg from "pg";
import type { Server } from "socket.io";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";
import { isShuttingDown } from "@/lib/server/shutdown-state";
import { PROJECT_EVENTS_CHANNEL, projectRoom, type ProjectEvent } from "@/lib/live/project-events";
import { EVICTIONS_CHANNEL } from "@/lib/live/evict-actor";
import { applyEviction } from "@/lib/live/apply-eviction";
import { traceRelay } from "@/lib/live/live-trace";

export interface EventRelay {
  /** Resolves once the first LISTEN is in place (events from then on are relayed). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export function startEventRelay(io: Server): EventRelay {
  let client: pg.Client | null = null;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((r) => (markReady = r));
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const c = new pg.Client({ connectionString: env().DATABASE_URL });
    c.on("notification", (msg) => {
      if (!msg.payload) return;
      try {
        if (msg.channel === EVICTIONS_CHANNEL) {
          applyEviction(io, JSON.parse(msg.payload));
          return;
        }
        if (msg.channel !== PROJECT_EVENTS_CHANNEL) return;
        const e = JSON.parse(msg.payload) as ProjectEvent;
        traceRelay("10 NOTIFY received", e.data?.preview);
        io.of(e.nsp ?? "/")
          .local.to(e.room ?? projectRoom(e.projectId))
          .emit(e.event, { projectId: e.projectId, ...e.data });
        traceRelay("11 emitted to the room", e.data?.preview);
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
      await c.query(`LISTEN ${EVICTIONS_CHANNEL}`);
      client = c;
      markReady();
    } catch (err) {
      logError("event relay could not connect; retrying", err);
      if (!stopped) retry = setTimeout(() => void connect(), 2000);
    }
  };
  void connect();

  return {
    ready,
    async stop() {
      stopped = true;
      clearTimeout(retry);
      markReady();
      await client?.end().catch(() => undefined);
    },
  };
}
