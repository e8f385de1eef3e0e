/**
 * Ending a user's sessions on the server. Session tokens are signed JWTs the server does not store;
 * each carries the user's `sessionVersion` at sign-in and every request compares it with the row
 * (lib/auth/actor.ts). Raising the version ends every session of the user at once: sign-out, a
 * disable, a password change or reset. Open sockets are closed too, on every instance, through
 * the live server's eviction channel (lib/live/evict-actor.ts).
 */
import { db, type Tx } from "@/lib/db/client";
import { evictActor } from "@/lib/live/evict-actor";

export type SessionsEndedReason = "sign-out" | "disabled" | "password-changed" | "password-reset";

const REASONS: Record<SessionsEndedReason, string> = {
  "sign-out": "you signed out",
  disabled: "your account was disabled",
  "password-changed": "your password was changed",
  "password-reset": "your password was reset",
};

/** Raises the version inside the caller's transaction; call `announceSessionsEnded` after it commits. */
export async function endSessions(userId: string, tx?: Tx): Promise<void> {
  await (tx ?? db()).user.update({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
    select: { id: true },
  });
}

/** Ends the user's open sockets (and their keys') on every instance, after the version was raised. */
export async function announceSessionsEnded(userId: string, reason: SessionsEndedReason): Promise<void> {
  await evictActor({ userId, reason: REASONS[reason] });
}
