/**
 * socket.io on the app's HTTP server. A connection is accepted only with a valid next-auth session
 * cookie (or a project API key in `auth.token`, for the recorder); the credentials are kept on the
 * socket and re-checked on its events (lib/live/socket-actor.ts), and every event re-checks the
 * permission table for its project. With REDIS_URL, rooms span every instance through the Redis
 * Streams adapter and presence is kept in Redis; without it, one instance needs neither.
 */
import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { resolveActor } from "@/lib/auth/actor";
import { toAppError } from "@/lib/http/respond";
import { assertSameOriginHandshake } from "@/lib/http/same-origin";
import { bindSocketEvent } from "@/lib/live/define-socket-event";
import { SOCKET_EVENTS } from "@/lib/live/all-socket-events";
import { dropPresence, startPresence } from "@/lib/live/presence";
import { redisPresenceStore } from "@/lib/live/presence-store";
import { redisClient, redisKey } from "@/lib/live/redis-client";
import { rememberActor } from "@/lib/live/socket-actor";
import { admitEvent, forgetSocket } from "@/lib/live/socket-guard";
import { logError } from "@/lib/log";
import { attachAgentNamespace } from "@/lib/live/ingest/agent-namespace";
import { dropWatcher } from "@/lib/live/ingest/watch-events";

const KNOWN_EVENTS = new Set(SOCKET_EVENTS.map((e) => e.event));

export interface LiveServer {
  io: Server;
  close(): Promise<void>;
}

export async function attachSocketServer(httpServer: HttpServer): Promise<LiveServer> {
  const io = new Server(httpServer, { path: "/socket.io", serveClient: false, maxHttpBufferSize: 1.2e6 });
  const redis = await redisClient();
  if (redis) io.adapter(createAdapter(redis, { streamName: redisKey("socket.io") }));
  const stopPresence = startPresence(
    io,
    redis ? redisPresenceStore(redis, (trajectoryId) => redisKey(`presence:${trajectoryId}`)) : undefined,
  );

  io.use(async (socket, next) => {
    try {
      const token = typeof socket.handshake.auth?.token === "string" ? socket.handshake.auth.token : null;
      if (!token) assertSameOriginHandshake(socket.handshake.headers);
      const credentials = { cookie: socket.handshake.headers.cookie, authorization: token ? `Bearer ${token}` : null };
      const actor = await resolveActor(credentials);
      if (!actor) return next(new Error("UNAUTHENTICATED: sign in first"));
      rememberActor(socket, credentials, actor);
      next();
    } catch (e) {
      const err = toAppError(e);
      next(new Error(`${err.code}: ${err.code === "INTERNAL" ? "internal error" : err.message}`));
    }
  });
  io.on("connection", (socket) => {
    // Events nobody handles still count against the socket's rate limit.
    socket.use(([event], next) => {
      if (KNOWN_EVENTS.has(String(event))) return next();
      void admitEvent(socket, () => undefined).then((release) => release?.());
    });
    for (const spec of SOCKET_EVENTS) bindSocketEvent(socket, spec as Parameters<typeof bindSocketEvent>[1]);
    socket.on("disconnect", () => {
      void dropPresence(socket).catch((e) => logError("presence: could not drop a socket", e));
      void forgetSocket(socket);
      dropWatcher(socket);
    });
  });
  // Agents of live sessions (recorder, runner) speak the ingest protocol on their own namespace.
  const stopAgents = attachAgentNamespace(io);
  return {
    io,
    async close() {
      stopPresence();
      stopAgents();
      await io.close();
    },
  };
}
