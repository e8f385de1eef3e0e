/**
 * The watchers' socket events (namespace `/`): join a live session's room to receive its step
 * index rows (`live:step`), counters (`live:session`) and who else watches (`live:watchers`).
 * Only members with `live.watch` may; the session must be one of the project's.
 */
import type { Server, Socket } from "socket.io";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { defineSocketEvent, ProjectScoped } from "@/lib/live/define-socket-event";
import { socketActor } from "@/lib/live/socket-actor";
import { liveSessionRoom } from "@/lib/live/sessions/live-limits";
import { logError } from "@/lib/log";

const SessionScoped = ProjectScoped.extend({ session: z.string().uuid() });

export interface Watcher {
  userId: string;
  name: string;
}

/** Who watches a session, on every instance (the adapter answers fetchSockets across them). */
export async function watchersOf(io: Server, sessionId: string): Promise<Watcher[]> {
  const sockets = await io.in(liveSessionRoom(sessionId)).fetchSockets();
  const seen = new Map<string, Watcher>();
  for (const s of sockets) {
    const a = (s.data as { auth?: { actor?: { user: { id: string; name: string } } } }).auth?.actor;
    if (a) seen.set(a.user.id, { userId: a.user.id, name: a.user.name });
  }
  return [...seen.values()];
}

async function broadcastWatchers(io: Server, sessionId: string): Promise<Watcher[]> {
  const watchers = await watchersOf(io, sessionId);
  io.to(liveSessionRoom(sessionId)).emit("live:watchers", { sessionId, watchers });
  return watchers;
}

export const watchLive = defineSocketEvent({
  event: "live:watch",
  action: "live.watch",
  payload: SessionScoped,
  async handle({ socket, project, payload }) {
    const found = await db().liveSession.findFirst({
      where: { id: payload.session, projectId: project.id },
      select: { id: true },
    });
    if (!found) throw new AppError("NOT_FOUND", `live session ${payload.session} not found in this project`);
    await socket.join(liveSessionRoom(payload.session));
    const watching = (socket.data.liveWatching as Set<string> | undefined) ?? new Set<string>();
    watching.add(payload.session);
    socket.data.liveWatching = watching;
    return { watchers: await broadcastWatchers(socket.nsp.server, payload.session) };
  },
});

export const unwatchLive = defineSocketEvent({
  event: "live:unwatch",
  action: "live.watch",
  payload: SessionScoped,
  async handle({ socket, payload }) {
    await socket.leave(liveSessionRoom(payload.session));
    (socket.data.liveWatching as Set<string> | undefined)?.delete(payload.session);
    await broadcastWatchers(socket.nsp.server, payload.session);
    return {};
  },
});

/** A closed browser socket leaves the watcher lists it was on. */
export function dropWatcher(socket: Socket): void {
  const watching = socket.data.liveWatching as Set<string> | undefined;
  if (!watching?.size || !socketActor(socket)) return;
  for (const sessionId of watching)
    void broadcastWatchers(socket.nsp.server, sessionId).catch((e) => logError("live: watchers update failed", e));
}

export const LIVE_WATCH_EVENTS = [watchLive, unwatchLive];
