/**
 * The `/agent` socket.io namespace of the ingest protocol. Only project API keys connect here
 * (`auth: {token}`), never browser cookies; the key is resolved at the handshake and re-checked on
 * every event (lib/live/define-socket-event.ts), and evictions reach this namespace too
 * (lib/live/apply-eviction.ts). Sessions without a heartbeat become stale on a timer.
 */
import type { Server } from "socket.io";
import { resolveActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { toAppError } from "@/lib/http/respond";
import { bindSocketEvent } from "@/lib/live/define-socket-event";
import { rememberActor } from "@/lib/live/socket-actor";
import { admitEvent, forgetSocket } from "@/lib/live/socket-guard";
import { logError } from "@/lib/log";
import { AGENT_NAMESPACE } from "@/lib/live/sessions/live-limits";
import { markStaleSessions } from "@/lib/live/sessions/stale";
import { AGENT_SOCKET_EVENTS } from "@/lib/live/ingest/agent-events";

const KNOWN = new Set(AGENT_SOCKET_EVENTS.map((e) => e.event));
const STALE_SWEEP_MS = 5000;

export function attachAgentNamespace(io: Server): () => void {
  const nsp = io.of(AGENT_NAMESPACE);
  nsp.use(async (socket, next) => {
    try {
      const token = typeof socket.handshake.auth?.token === "string" ? socket.handshake.auth.token : null;
      if (!token) return next(new Error("UNAUTHENTICATED: agents connect with a project API key (auth.token)"));
      const credentials = { authorization: `Bearer ${token}` };
      const actor = await resolveActor(credentials);
      if (!actor || actor.kind !== "apiKey") return next(new Error("UNAUTHENTICATED: a project API key is required"));
      rememberActor(socket, credentials, actor);
      // Agents may leave `project` out of their payloads: it is the key's own project.
      const project = await db().project.findUnique({ where: { id: actor.projectId }, select: { slug: true } });
      socket.data.keyProjectSlug = project?.slug;
      next();
    } catch (e) {
      const err = toAppError(e);
      next(new Error(`${err.code}: ${err.code === "INTERNAL" ? "internal error" : err.message}`));
    }
  });
  nsp.on("connection", (socket) => {
    socket.use(([event, payload], next) => {
      if (payload && typeof payload === "object" && !("project" in payload))
        (payload as Record<string, unknown>).project = socket.data.keyProjectSlug;
      if (KNOWN.has(String(event))) return next();
      void admitEvent(socket, () => undefined).then((release) => release?.());
    });
    for (const spec of AGENT_SOCKET_EVENTS) bindSocketEvent(socket, spec as Parameters<typeof bindSocketEvent>[1]);
    socket.on("disconnect", () => void forgetSocket(socket));
  });
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    markStaleSessions()
      .catch((e) => logError("live: could not mark stale sessions", e))
      .finally(() => (running = false));
  }, STALE_SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
