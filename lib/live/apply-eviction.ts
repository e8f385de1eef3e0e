/**
 * The receiving side of evictions (lib/live/evict-actor.ts): which of this instance's sockets an
 * eviction names, and disconnecting them.
 */
import type { Server, Socket } from "socket.io";
import { logError } from "@/lib/log";
import { socketActor } from "@/lib/live/socket-actor";
import { EvictionSchema, type Eviction } from "@/lib/live/evict-actor";

/** Projects a socket has acted in (its events name them); eviction by project looks here. */
export function noteProject(socket: Socket, projectId: string): void {
  const seen = (socket.data.projects as Set<string> | undefined) ?? new Set<string>();
  seen.add(projectId);
  socket.data.projects = seen;
}

export function matchesEviction(socket: Socket, t: Eviction): boolean {
  const actor = socketActor(socket);
  if (!actor) return false;
  if (t.apiKeyId && !(actor.kind === "apiKey" && actor.keyId === t.apiKeyId)) return false;
  if (t.userId && actor.user.id !== t.userId) return false;
  if (t.projectId) {
    const inProject =
      (actor.kind === "apiKey" && actor.projectId === t.projectId) ||
      ((socket.data.projects as Set<string> | undefined)?.has(t.projectId) ?? false);
    if (!inProject) return false;
  }
  return true;
}

/** Disconnects this instance's sockets that the eviction names. Returns how many. */
export function applyEviction(io: Server, raw: unknown): number {
  const parsed = EvictionSchema.safeParse(raw);
  if (!parsed.success) {
    logError("bad socket eviction payload", parsed.error.message);
    return 0;
  }
  let n = 0;
  // A namespace's `sockets` holds only this instance's sockets, whatever the adapter; agents of
  // live sessions have their own namespace (lib/live/ingest).
  for (const nsp of io._nsps.values())
    for (const socket of nsp.sockets.values()) {
      if (!matchesEviction(socket, parsed.data)) continue;
      socket.emit("evicted", { reason: parsed.data.reason ?? "access changed" });
      socket.disconnect(true);
      n++;
    }
  return n;
}
