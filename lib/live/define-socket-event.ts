/**
 * The wrapper for socket events, the socket twin of lib/http/route.ts: each event passes the
 * socket's flood control (lib/live/socket-guard.ts), names its permission, has its payload
 * validated with zod, re-checks the caller (credentials, project and role at most a second old;
 * the permission table on every event), and errors reach the client through the ack in the same shape as
 * HTTP errors. A caller whose credentials no longer hold is disconnected.
 */
import type { Socket } from "socket.io";
import { z, type ZodType } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { Action, Role } from "@/lib/auth/permissions";
import type { ProjectRef } from "@/lib/auth/project-access";
import { toAppError, zodToAppError } from "@/lib/http/respond";
import { logError } from "@/lib/log";
import { admitEvent } from "@/lib/live/socket-guard";
import { currentActor, socketProjectAccess } from "@/lib/live/socket-actor";
import { noteProject } from "@/lib/live/apply-eviction";
import { traceEvent, traceMark } from "@/lib/live/live-trace";

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
  socket.on(spec.event, (raw: unknown, maybeAck?: unknown) =>
    traceEvent(raw, () => handleEvent(socket, spec, raw, maybeAck)),
  );
}

async function handleEvent<T extends { project: string }>(
  socket: Socket,
  spec: SocketEventSpec<T>,
  raw: unknown,
  maybeAck?: unknown,
): Promise<void> {
  traceMark("1 event in");
  const ack: Ack = typeof maybeAck === "function" ? (maybeAck as Ack) : () => {};
  const release = await admitEvent(socket, (message) => ack({ ok: false, error: { code: "RATE_LIMITED", message } }));
  if (!release) return;
  traceMark("2 admitted");
  try {
    const actor = await currentActor(socket);
    traceMark("3 actor re-checked");
    if (!actor) {
      const message = "your session, account or API key is no longer valid";
      ack({ ok: false, error: { code: "UNAUTHENTICATED", message } });
      socket.emit("evicted", { reason: message });
      socket.disconnect(true);
      return;
    }
    const parsed = spec.payload.safeParse(raw);
    if (!parsed.success) throw zodToAppError(parsed.error, "body");
    const { project, role } = await socketProjectAccess(socket, actor, parsed.data.project, spec.action);
    noteProject(socket, project.id);
    traceMark("4 payload + access");
    const data = await spec.handle({ socket, actor, project, role, payload: parsed.data });
    ack({ ok: true, data });
    traceMark("9 acked");
  } catch (e) {
    const err = toAppError(e);
    if (err.code === "INTERNAL") logError(`socket event ${spec.event} failed`, e);
    ack({ ok: false, error: { code: err.code, message: err.code === "INTERNAL" ? "internal error" : err.message } });
  } finally {
    release();
  }
}
