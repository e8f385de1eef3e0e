/**
 * Ending sockets at once when access is taken away: revoking an API key, disabling a user,
 * removing a member or changing a role. Callers publish an eviction with `evictActor`; it goes
 * out as a PostgreSQL NOTIFY (the channel every instance already LISTENs on for project events,
 * lib/live/event-relay.ts), so it reaches the sockets of every instance, and works from any
 * process (a route handler, the CLI). Given a Prisma transaction it is sent at its COMMIT, and not
 * at all if it rolls back. Each instance disconnects its matching sockets
 * (lib/live/apply-eviction.ts); a
 * client that still has access reconnects and joins again, checked anew.
 *
 *   await evictActor({ apiKeyId });                 // a revoked key
 *   await evictActor({ userId });                   // a disabled user: every socket of theirs, and their keys'
 *   await evictActor({ userId, projectId });        // removed from a project, or a new role there
 *   await evictActor({ projectId });                // everyone who used the project (e.g. it was deleted)
 *
 * Independently of this, every socket event re-checks the actor (≤ 1 s cache) and the role, so a
 * lost NOTIFY delays nothing beyond the socket's next event.
 */
import { z } from "zod";
import { db } from "@/lib/db/client";

export const EVICTIONS_CHANNEL = "limi_socket_evictions";

export const EvictionSchema = z
  .object({
    userId: z.string().min(1).optional(),
    apiKeyId: z.string().min(1).optional(),
    projectId: z.string().min(1).optional(),
    reason: z.string().max(200).optional(),
  })
  .refine((t) => t.userId || t.apiKeyId || t.projectId, "name a userId, an apiKeyId or a projectId");

export type Eviction = z.infer<typeof EvictionSchema>;

/** Anything that can run a raw query: `db()` or a Prisma interactive transaction. */
interface RawExecutor {
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): Promise<number>;
}

export async function evictActor(target: Eviction, tx: RawExecutor = db()): Promise<void> {
  const payload = JSON.stringify(EvictionSchema.parse(target));
  await tx.$executeRaw`SELECT pg_notify(${EVICTIONS_CHANNEL}, ${payload})`;
}
