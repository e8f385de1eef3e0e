/**
 * Ending a user's sessions on the server. Session tokens are signed JWTs the server does not store;
 * each carries the user's `sessionVersion` at sign-in and every request compares it with the row
 * (lib/auth/actor.ts). Raising the version ends every session of the user at once: sign-out, a
 * disable, a password change or reset. Listeners (the live server) are told, so open sockets can
 * be closed too.
 */
import { EventEmitter } from "node:events";
import { db, type Tx } from "@/lib/db/client";

export type SessionsEndedReason = "sign-out" | "disabled" | "password-changed" | "password-reset";

/**
 * In-process notice that a user's sessions ended (`"ended"`, with `{ userId, reason }`). The live
 * server subscribes to disconnect the user's sockets; the several-instances work may forward it.
 */
export const sessionEvents = new EventEmitter();

export function onSessionsEnded(listener: (e: { userId: string; reason: SessionsEndedReason }) => void): () => void {
  sessionEvents.on("ended", listener);
  return () => sessionEvents.off("ended", listener);
}

/** Raises the version inside the caller's transaction; call `announceSessionsEnded` after it commits. */
export async function endSessions(userId: string, tx?: Tx): Promise<void> {
  await (tx ?? db()).user.update({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
    select: { id: true },
  });
}

export function announceSessionsEnded(userId: string, reason: SessionsEndedReason): void {
  sessionEvents.emit("ended", { userId, reason });
}
