/**
 * The wrapper for socket events, the socket twin of lib/http/route.ts: each event names its
 * permission, its payload is validated with zod, the caller's role is re-read from the database on
 * every event, and errors reach the client through the ack in the same shape as HTTP errors.
 */
import type { Socket } from "socket.io";
import { z, type ZodType } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { Action, Role } from "@/lib/auth/permissions";
import { requireProjectAccess, type ProjectRef } from "@/lib/auth/project-access";
import { toAppError, zodToAppError } from "@/lib/http/respond";
import { logError } from "@/lib/log";

export type Ack = (
  reply: { ok: true; data?: unknown } | { ok: false; error: { code: string; message: string } },
) => void;

export interface SocketEventContext<T> {
  socket: Socket;
  actor: Actor;
  project: ProjectRef;
  role: Role;
  payload: T;
}

export interface SocketEventSpec<T> {
  event: string;
  action: Action;
  payload: ZodType<T>;
  handle(ctx: SocketEventContext<T>): Promise<unknown>;
}

/** Every event's payload names its project; access is checked for that project on each event. */
export const ProjectScoped = z.object({ project: z.string().min(1) });

export function defineSocketEvent<T extends { project: string }>(spec: SocketEventSpec<T>): SocketEventSpec<T> {
  return spec;
}

export function bindSocketEvent<T extends { project: string }>(socket: Socket, spec: SocketEventSpec<T>): void {
  socket.on(spec.event, async (raw: unknown, maybeAck?: unknown) => {
    const ack: Ack = typeof maybeAck === "function" ? (maybeAck as Ack) : () => {};
    try {
      const actor = socket.data.actor as Actor;
      const parsed = spec.payload.safeParse(raw);
      if (!parsed.success) throw zodToAppError(parsed.error, "body");
      const { project, role } = await requireProjectAccess(actor, parsed.data.project, spec.action);
      const data = await spec.handle({ socket, actor, project, role, payload: parsed.data });
      ack({ ok: true, data });
    } catch (e) {
      const err = toAppError(e);
      if (err.code === "INTERNAL") logError(`socket event ${spec.event} failed`, e);
      ack({ ok: false, error: { code: err.code, message: err.code === "INTERNAL" ? "internal error" : err.message } });
    }
  });
}
