/**
 * The actor of a socket, re-checked at most a second apart: the handshake's credentials (session
 * cookie or API key) are resolved again exactly as an HTTP request would be, so a disabled user, an
 * ended session, a revoked key or a key whose creator lost access stops working on its next event.
 * The project and the role in it (requireProjectAccess, lib/auth/project-access.ts) are read with
 * the same freshness: again whenever the credentials are, so at most a second apart per socket and
 * project, while the permission table is checked on every event. A role change or a removal does
 * not wait for that: it evicts the member's sockets at once (lib/live/evict-actor.ts).
 */
import type { Socket } from "socket.io";
import { resolveActor, type Actor, type CallerCredentials } from "@/lib/auth/actor";
import { forbiddenMessage } from "@/lib/auth/forbidden-message";
import { can, type Action } from "@/lib/auth/permissions";
import { requireProjectAccess, type ProjectAccess } from "@/lib/auth/project-access";
import { AppError, isAppError } from "@/lib/errors/app-error";

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

interface CachedAccess extends ProjectAccess {
  /** The actor object it was read for: a re-checked actor is a new object, so its access is read again. */
  actor: Actor;
}

/**
 * The project (by slug) and the actor's role in it for an event of this socket; NOT_FOUND or
 * FORBIDDEN as requireProjectAccess says. Read from the database once per re-check of the actor.
 */
export async function socketProjectAccess(
  socket: Socket,
  actor: Actor,
  slug: string,
  action: Action,
): Promise<ProjectAccess> {
  const cache = (socket.data.projectAccess as Map<string, CachedAccess> | undefined) ?? new Map<string, CachedAccess>();
  socket.data.projectAccess = cache;
  const hit = cache.get(slug);
  if (hit && hit.actor === actor) {
    if (!can(hit.role, action)) throw new AppError("FORBIDDEN", forbiddenMessage(hit.role, action));
    return { project: hit.project, role: hit.role };
  }
  cache.delete(slug);
  const access = await requireProjectAccess(actor, slug, action);
  // Another event may have re-checked the actor meanwhile; keep only what was read for the newest.
  if (socketActor(socket) === actor) cache.set(slug, { ...access, actor });
  return access;
}
