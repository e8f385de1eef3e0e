/**
 * The actor of a socket, re-checked at most a second apart: the handshake's credentials (session
 * cookie or API key) are resolved again exactly as an HTTP request would be, so a disabled user, an
 * ended session, a revoked key or a key whose creator lost access stops working on its next event.
 * Membership and role are read per event by requireProjectAccess (lib/auth/project-access.ts).
 */
import type { Socket } from "socket.io";
import { resolveActor, type Actor, type CallerCredentials } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors/app-error";

export const ACTOR_RECHECK_MS = 1000;

interface SocketAuth {
  credentials: CallerCredentials;
  actor: Actor;
  checkedAt: number;
}

export function rememberActor(socket: Socket, credentials: CallerCredentials, actor: Actor): void {
  socket.data.auth = { credentials, actor, checkedAt: Date.now() } satisfies SocketAuth;
}

export function socketActor(socket: Socket): Actor | null {
  return (socket.data.auth as SocketAuth | undefined)?.actor ?? null;
}

/** The socket's actor now, or null when its credentials no longer hold. */
export async function currentActor(socket: Socket): Promise<Actor | null> {
  const auth = socket.data.auth as SocketAuth | undefined;
  if (!auth) return null;
  if (Date.now() - auth.checkedAt < ACTOR_RECHECK_MS) return auth.actor;
  // Credentials that no longer hold are an answer; a database failure is not, and is thrown.
  const actor = await resolveActor(auth.credentials).catch((e: unknown) => {
    if (isAppError(e) && e.code === "UNAUTHENTICATED") return null;
    throw e;
  });
  if (!actor) return null;
  socket.data.auth = { ...auth, actor, checkedAt: Date.now() } satisfies SocketAuth;
  return actor;
}
