/**
 * Who is calling: a signed-in user (session cookie) or a project API key (Authorization: Bearer).
 * The user row is read from the database on every call, so a disabled user, a revoked key or an
 * ended session (sign-out, password change: the token's session version is behind) stops working
 * at once, whatever the token says.
 */
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { findLiveApiKey } from "@/lib/auth/api-keys";
import { sessionClaims } from "@/lib/auth/session-token";
import type { Role } from "@/lib/auth/permissions";

export interface ActorUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
}

export type Actor =
  | { kind: "user"; user: ActorUser }
  | { kind: "apiKey"; keyId: string; projectId: string; keyRole: Role; user: ActorUser };

const USER_SELECT = { id: true, email: true, name: true, isAdmin: true, disabled: true, sessionVersion: true } as const;

/** The enabled user; with `sessionVersion`, only while sessions of that version have not been ended. */
async function loadUser(id: string, sessionVersion?: number): Promise<ActorUser | null> {
  const u = await db().user.findUnique({ where: { id }, select: USER_SELECT });
  if (!u || u.disabled) return null;
  if (sessionVersion !== undefined && sessionVersion !== u.sessionVersion) return null;
  return { id: u.id, email: u.email, name: u.name, isAdmin: u.isAdmin };
}

export interface CallerCredentials {
  cookie?: string | null;
  authorization?: string | null;
}

/** The actor, or null when the caller presented nothing. Bad credentials are an error, not anonymity. */
export async function resolveActor(creds: CallerCredentials): Promise<Actor | null> {
  const auth = creds.authorization?.trim();
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m) throw new AppError("UNAUTHENTICATED", "the Authorization header must be `Bearer <api key>`");
    const key = await findLiveApiKey(m[1]);
    if (!key) throw new AppError("UNAUTHENTICATED", "the API key is not valid (unknown or revoked)");
    const user = await loadUser(key.createdById);
    if (!user) throw new AppError("UNAUTHENTICATED", "the API key's creator is disabled");
    return { kind: "apiKey", keyId: key.id, projectId: key.projectId, keyRole: key.role, user };
  }
  const claims = await sessionClaims(creds.cookie);
  if (!claims) return null;
  // A signed-out, disabled or password-changed user's older tokens no longer count.
  const user = await loadUser(claims.userId, claims.version);
  return user ? { kind: "user", user } : null;
}

export async function requireActor(creds: CallerCredentials): Promise<Actor> {
  const actor = await resolveActor(creds);
  if (!actor) throw new AppError("UNAUTHENTICATED", "sign in or send an API key");
  return actor;
}
