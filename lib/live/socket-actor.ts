/**
 * The actor of a socket, re-checked at most a second apart: the handshake's credentials (session
 * cookie or API key) are resolved again exactly as an HTTP request would be, so a disabled user, an
 * ended session, a revoked key or a key whose creator lost access stops working on its next event.
 * The project and the role in it (requireProjectAccess, lib/auth/project-access.ts) are read with
 * the same freshness: again whenever the credentials are, so at most a second apart per socket and
 * project, while the permission table is checked on every event. A socket sending often has both
 * re-read in the background from 0.7 s on, so its events do not wait for the database. A role change or a removal does
 * not wait for that: it evicts the member's sockets at once (lib/live/evict-actor.ts).
 */
import type { Socket } from "socket.io";
import { resolveActor, type Actor, type CallerCredentials } from "@/lib/auth/actor";
import { forbiddenMessage } from "@/lib/auth/forbidden-message";
import { can, type Action } from "@/lib/auth/permissions";
import { projectRole, requireProjectAccess, type ProjectAccess } from "@/lib/auth/project-access";
import { db } from "@/lib/db/client";
import { AppError, isAppError } from "@/lib/errors/app-error";

export const ACTOR_RECHECK_MS = 1000;

interface SocketAuth {
  credentials: CallerCredentials;
  actor: Actor;
  /** When the check that gave `actor` started. */
  checkedAt: number;
  /** The credentials no longer hold. */
  revoked?: boolean;
}

export function rememberActor(socket: Socket, credentials: CallerCredentials, actor: Actor): void {
  socket.data.auth = { credentials, actor, checkedAt: Date.now() } satisfies SocketAuth;
}

export function socketActor(socket: Socket): Actor | null {
  return (socket.data.auth as SocketAuth | undefined)?.actor ?? null;
}

/** From this age on, an event's re-check starts in the background, so a busy socket never waits for it. */
const RECHECK_AHEAD_MS = 700;

/** The socket's actor now, or null when its credentials no longer hold. */
export async function currentActor(socket: Socket): Promise<Actor | null> {
  const auth = socket.data.auth as SocketAuth | undefined;
  if (!auth || auth.revoked) return null;
  const age = Date.now() - auth.checkedAt;
  if (age >= ACTOR_RECHECK_MS) return recheck(socket, auth);
  // Still fresh enough to answer with; read the next one ahead of time (failures are left to the
  // check that must wait, at ACTOR_RECHECK_MS).
  if (age >= RECHECK_AHEAD_MS) void recheck(socket, auth).catch(() => undefined);
  return auth.actor;
}

/**
 * Resolves the credentials again and reads the projects' roles this socket has used with them,
 * then puts both in place at once. One re-check per socket at a time.
 */
function recheck(socket: Socket, auth: SocketAuth): Promise<Actor | null> {
  const running = socket.data.recheck as Promise<Actor | null> | undefined;
  if (running) return running;
  const startedAt = Date.now();
  const job = (async () => {
    // Credentials that no longer hold are an answer; a database failure is not, and is thrown.
    const actor = await resolveActor(auth.credentials).catch((e: unknown) => {
      if (isAppError(e) && e.code === "UNAUTHENTICATED") return null;
      throw e;
    });
    if (!actor) {
      socket.data.auth = { ...auth, revoked: true } satisfies SocketAuth;
      return null;
    }
    const cache = accessCache(socket);
    const renewed = await Promise.all(
      [...cache.values()]
        .filter((a) => a.actor === auth.actor)
        .map(async (a) => ({ slug: a.project.slug, access: await readAccess(actor, a.project.slug) })),
    );
    for (const { slug, access } of renewed)
      if (access) cache.set(slug, { ...access, actor });
      else cache.delete(slug);
    socket.data.auth = { ...auth, actor, checkedAt: startedAt } satisfies SocketAuth;
    return actor;
  })().finally(() => (socket.data.recheck = undefined));
  socket.data.recheck = job;
  return job;
}

/** The project and the actor's role in it, or null when the actor has no access to it any more. */
async function readAccess(actor: Actor, slug: string): Promise<ProjectAccess | null> {
  const project = await db().project.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  const role = project ? await projectRole(actor, project.id) : null;
  return project && role ? { project, role } : null;
}

const accessCache = (socket: Socket): Map<string, CachedAccess> =>
  (socket.data.projectAccess ??= new Map<string, CachedAccess>()) as Map<string, CachedAccess>;

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
  const cache = accessCache(socket);
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
