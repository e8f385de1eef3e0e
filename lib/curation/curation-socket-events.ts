/**
 * Socket events of a set's board: joining its room hears item and set changes (published with
 * NOTIFY by lib/curation inside its transactions) and shows who else has the board open. Presence
 * is read from the room itself (`fetchSockets`, which the Redis adapter answers across instances),
 * so it needs no store of its own and forgets a closed connection with the room.
 */
import type { Server, Socket } from "socket.io";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { pgPool } from "@/lib/db/pg-pool";
import { defineSocketEvent, ProjectScoped } from "@/lib/live/define-socket-event";
import { curationRoom } from "@/lib/curation/curation-room";

const SetScoped = ProjectScoped.extend({ setId: z.string().min(1).max(64) });

export interface BoardViewer {
  userId: string;
  name: string;
}

async function broadcastPresence(io: Server, setId: string, leaving?: string) {
  const sockets = await io.in(curationRoom(setId)).fetchSockets();
  const viewers = new Map<string, BoardViewer>();
  for (const s of sockets) {
    if (s.id === leaving) continue;
    const actor = (s.data as { auth?: { actor?: { user: { id: string; name: string } } } }).auth?.actor;
    if (actor) viewers.set(actor.user.id, { userId: actor.user.id, name: actor.user.name });
  }
  const list = [...viewers.values()].sort((a, b) => a.name.localeCompare(b.name));
  io.to(curationRoom(setId)).emit("curation:presence", { setId, viewers: list });
  return list;
}

function watchDisconnect(socket: Socket) {
  if (socket.data.curationWatch) return;
  socket.data.curationWatch = true;
  socket.on("disconnecting", () => {
    for (const room of socket.rooms)
      if (room.startsWith("curation:"))
        void broadcastPresence(socket.nsp.server, room.slice("curation:".length), socket.id).catch(() => undefined);
  });
}

export const joinCurationBoard = defineSocketEvent({
  event: "curation:join",
  action: "trajectory.read",
  payload: SetScoped,
  async handle({ socket, project, payload }) {
    const s = await pgPool().query(`SELECT 1 FROM "CurationSet" WHERE "id"=$1 AND "projectId"=$2`, [
      payload.setId,
      project.id,
    ]);
    if (!s.rowCount) throw new AppError("NOT_FOUND", `curation set ${payload.setId} not found in this project`);
    await socket.join(curationRoom(payload.setId));
    watchDisconnect(socket);
    return { viewers: await broadcastPresence(socket.nsp.server, payload.setId) };
  },
});

export const leaveCurationBoard = defineSocketEvent({
  event: "curation:leave",
  action: "trajectory.read",
  payload: SetScoped,
  async handle({ socket, payload }) {
    await socket.leave(curationRoom(payload.setId));
    await broadcastPresence(socket.nsp.server, payload.setId);
    return {};
  },
});

export const CURATION_SOCKET_EVENTS = [joinCurationBoard, leaveCurationBoard];
