/**
 * socket.io on the app's HTTP server. A connection is accepted only with a valid next-auth session
 * cookie (or a project API key in `auth.token`, for the recorder); the actor is attached to the
 * socket and every event re-checks the permission table for its project.
 */
import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { resolveActor } from "@/lib/auth/actor";
import { toAppError } from "@/lib/http/respond";
import { assertSameOriginHandshake } from "@/lib/http/same-origin";
import { bindSocketEvent } from "@/lib/live/socket-event";
import { SOCKET_EVENTS } from "@/lib/live/socket-events";
import { dropPresence } from "@/lib/live/presence";

export function attachSocketServer(httpServer: HttpServer): Server {
  const io = new Server(httpServer, { path: "/socket.io", serveClient: false });
  io.use(async (socket, next) => {
    try {
      const token = typeof socket.handshake.auth?.token === "string" ? socket.handshake.auth.token : null;
      if (!token) assertSameOriginHandshake(socket.handshake.headers);
      const actor = await resolveActor({
        cookie: socket.handshake.headers.cookie,
        authorization: token ? `Bearer ${token}` : null,
      });
      if (!actor) return next(new Error("UNAUTHENTICATED: sign in first"));
      socket.data.actor = actor;
      next();
    } catch (e) {
      const err = toAppError(e);
      next(new Error(`${err.code}: ${err.code === "INTERNAL" ? "internal error" : err.message}`));
    }
  });
  io.on("connection", (socket) => {
    for (const spec of SOCKET_EVENTS) bindSocketEvent(socket, spec as Parameters<typeof bindSocketEvent>[1]);
    socket.on("disconnect", () => dropPresence(socket));
  });
  return io;
}
