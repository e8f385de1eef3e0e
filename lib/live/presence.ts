/**
 * Who is viewing which trajectory, and on which step: socket events that join a trajectory's room
 * and report focus, each checked against the permission table like every socket event. The lists
 * live in a presence store (lib/live/presence-store.ts: this process, or Redis shared by every
 * instance); this instance renews the entries of its own sockets and, for the rooms it serves,
 * drops expired ones (an instance that died) and tells the room.
 */
import type { Server, Socket } from "socket.io";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { findTrajectory } from "@/lib/trajectory/store/find-trajectory";
import { logError } from "@/lib/log";
import { defineSocketEvent, ProjectScoped } from "@/lib/live/define-socket-event";
import { trajectoryRoom } from "@/lib/live/trajectory-room";
import { memoryPresenceStore, PRESENCE_RENEW_MS, type PresenceStore, type Viewer } from "@/lib/live/presence-store";

let store: PresenceStore = memoryPresenceStore();
/** This instance's sockets: socket id → trajectory id → what it shows. */
const local = new Map<string, Map<string, Viewer>>();

async function broadcast(io: Server, trajectoryId: string): Promise<Viewer[]> {
  const { viewers } = await store.list(trajectoryId);
  io.to(trajectoryRoom(trajectoryId)).emit("presence", { trajectoryId, viewers });
  return viewers;
}

async function put(socket: Socket, trajectoryId: string, viewer: Viewer) {
  const mine = local.get(socket.id) ?? new Map<string, Viewer>();
  local.set(socket.id, mine);
  mine.set(trajectoryId, viewer);
  await store.put(trajectoryId, socket.id, viewer);
}

async function requireTrajectory(projectId: string, trajectoryId: string) {
  await findTrajectory(projectId, trajectoryId, { id: true });
}

const TrajectoryScoped = ProjectScoped.extend({ trajectoryId: z.string().min(1).max(64) });

export const joinTrajectory = defineSocketEvent({
  event: "trajectory:join",
  action: "trajectory.read",
  payload: TrajectoryScoped,
  async handle({ socket, project, actor, payload }) {
    await requireTrajectory(project.id, payload.trajectoryId);
    await socket.join(trajectoryRoom(payload.trajectoryId));
    await put(socket, payload.trajectoryId, { userId: actor.user.id, name: actor.user.name, stepKey: null });
    return { viewers: await broadcast(socket.nsp.server, payload.trajectoryId) };
  },
});

export const focusStep = defineSocketEvent({
  event: "trajectory:focus",
  action: "trajectory.read",
  payload: TrajectoryScoped.extend({ stepKey: z.string().min(1).max(64).nullable() }),
  async handle({ socket, payload }) {
    const v = local.get(socket.id)?.get(payload.trajectoryId);
    if (!v) throw new AppError("CONFLICT", "join the trajectory before reporting focus");
    await put(socket, payload.trajectoryId, { ...v, stepKey: payload.stepKey });
    await broadcast(socket.nsp.server, payload.trajectoryId);
    return {};
  },
});

/**
 * "I have this step open in the editor" (or null: closed). Others see it on the step and are warned
 * before opening the editor on it; it is presence, not a lock (the save's conflict check stays the
 * guarantee). Needs trajectory.edit: only people who may edit announce editing.
 */
export const editStep = defineSocketEvent({
  event: "trajectory:editing",
  action: "trajectory.edit",
  payload: TrajectoryScoped.extend({ stepKey: z.string().min(1).max(64).nullable() }),
  async handle({ socket, payload }) {
    const v = local.get(socket.id)?.get(payload.trajectoryId);
    if (!v) throw new AppError("CONFLICT", "join the trajectory before reporting an edit");
    await put(socket, payload.trajectoryId, { ...v, editingKey: payload.stepKey });
    await broadcast(socket.nsp.server, payload.trajectoryId);
    return {};
  },
});

export const leaveTrajectory = defineSocketEvent({
  event: "trajectory:leave",
  action: "trajectory.read",
  payload: TrajectoryScoped,
  async handle({ socket, payload }) {
    local.get(socket.id)?.delete(payload.trajectoryId);
    await store.remove(payload.trajectoryId, socket.id);
    await socket.leave(trajectoryRoom(payload.trajectoryId));
    await broadcast(socket.nsp.server, payload.trajectoryId);
    return {};
  },
});

/** Forget a closed connection everywhere it was viewing. */
export async function dropPresence(socket: Socket): Promise<void> {
  const mine = local.get(socket.id);
  local.delete(socket.id);
  for (const trajectoryId of mine?.keys() ?? []) {
    await store.remove(trajectoryId, socket.id);
    await broadcast(socket.nsp.server, trajectoryId);
  }
}

/**
 * Uses `shared` as the store (Redis) when given; renews this instance's entries and sweeps the
 * rooms it serves every PRESENCE_RENEW_MS. Returns a stop.
 */
export function startPresence(io: Server, shared?: PresenceStore): () => void {
  store = shared ?? memoryPresenceStore();
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void (async () => {
      const rooms = new Set<string>();
      for (const [socketId, mine] of local)
        for (const [trajectoryId, viewer] of mine) {
          rooms.add(trajectoryId);
          await store.put(trajectoryId, socketId, viewer);
        }
      for (const trajectoryId of rooms) {
        const { pruned } = await store.list(trajectoryId);
        if (pruned) await broadcast(io, trajectoryId);
      }
    })()
      .catch((e) => logError("presence renewal failed", e))
      .finally(() => (running = false));
  }, PRESENCE_RENEW_MS);
  return () => clearInterval(timer);
}
