/**
 * Who is viewing which trajectory, and on which step: socket events that join a trajectory's room
 * and report focus, each checked against the permission table like every socket event. The state
 * lives in this process (one instance); several instances will share it through the adapter.
 */
import type { Server, Socket } from "socket.io";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { defineSocketEvent, ProjectScoped } from "@/lib/live/socket-event";
import { trajectoryRoom } from "@/lib/live/trajectory-room";

interface Viewer {
  userId: string;
  name: string;
  stepKey: string | null;
}

const viewers = new Map<string, Map<string, Viewer>>();

function list(trajectoryId: string): Viewer[] {
  const byUser = new Map<string, Viewer>();
  for (const v of viewers.get(trajectoryId)?.values() ?? []) byUser.set(v.userId, v);
  return [...byUser.values()];
}

function broadcast(io: Server, trajectoryId: string) {
  io.to(trajectoryRoom(trajectoryId)).emit("presence", { trajectoryId, viewers: list(trajectoryId) });
}

async function requireTrajectory(projectId: string, trajectoryId: string) {
  const t = await db().trajectory.findFirst({
    where: { id: trajectoryId, projectId, deletedAt: null },
    select: { id: true },
  });
  if (!t) throw new AppError("NOT_FOUND", `trajectory ${trajectoryId} not found in this project`);
}

const TrajectoryScoped = ProjectScoped.extend({ trajectoryId: z.string().min(1) });

export const joinTrajectory = defineSocketEvent({
  event: "trajectory:join",
  action: "trajectory.read",
  payload: TrajectoryScoped,
  async handle({ socket, project, actor, payload }) {
    await requireTrajectory(project.id, payload.trajectoryId);
    await socket.join(trajectoryRoom(payload.trajectoryId));
    const map = viewers.get(payload.trajectoryId) ?? new Map<string, Viewer>();
    viewers.set(payload.trajectoryId, map);
    map.set(socket.id, { userId: actor.user.id, name: actor.user.name, stepKey: null });
    broadcast(socket.nsp.server, payload.trajectoryId);
    return { viewers: list(payload.trajectoryId) };
  },
});

export const focusStep = defineSocketEvent({
  event: "trajectory:focus",
  action: "trajectory.read",
  payload: TrajectoryScoped.extend({ stepKey: z.string().min(1).max(64).nullable() }),
  async handle({ socket, payload }) {
    const v = viewers.get(payload.trajectoryId)?.get(socket.id);
    if (!v) throw new AppError("CONFLICT", "join the trajectory before reporting focus");
    v.stepKey = payload.stepKey;
    broadcast(socket.nsp.server, payload.trajectoryId);
    return {};
  },
});

export const leaveTrajectory = defineSocketEvent({
  event: "trajectory:leave",
  action: "trajectory.read",
  payload: TrajectoryScoped,
  async handle({ socket, payload }) {
    viewers.get(payload.trajectoryId)?.delete(socket.id);
    await socket.leave(trajectoryRoom(payload.trajectoryId));
    broadcast(socket.nsp.server, payload.trajectoryId);
    return {};
  },
});

/** Forget a closed connection everywhere it was viewing. */
export function dropPresence(socket: Socket): void {
  for (const [trajectoryId, map] of viewers) {
    if (map.delete(socket.id)) broadcast(socket.nsp.server, trajectoryId);
    if (!map.size) viewers.delete(trajectoryId);
  }
}
