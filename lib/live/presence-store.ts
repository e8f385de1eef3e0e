/**
 * Where presence lives: in this process for one instance, in Redis (a hash per trajectory) when
 * REDIS_URL is set, so every instance sees the same viewers. Each entry carries its own expiry,
 * renewed by the instance that holds the socket (lib/live/presence.ts); an instance that dies stops
 * renewing, and its viewers disappear from every list within PRESENCE_TTL_MS.
 */
import type { RedisClient } from "@/lib/live/redis-client";

export interface Viewer {
  userId: string;
  name: string;
  stepKey: string | null;
  /** The step this person has open in the editor (trajectory:editing), if any. */
  editingKey?: string | null;
}

interface Entry extends Viewer {
  expires: number;
}

export const PRESENCE_TTL_MS = 6000;
export const PRESENCE_RENEW_MS = 2000;

export interface PresenceStore {
  put(trajectoryId: string, socketId: string, viewer: Viewer): Promise<void>;
  remove(trajectoryId: string, socketId: string): Promise<void>;
  /** Live viewers, one per user; expired entries are removed. `pruned` says whether any were. */
  list(trajectoryId: string): Promise<{ viewers: Viewer[]; pruned: boolean }>;
}

function live(entries: Array<[string, Entry]>, now: number) {
  const byUser = new Map<string, Viewer>();
  const expired: string[] = [];
  for (const [socketId, e] of entries) {
    if (e.expires <= now) expired.push(socketId);
    else {
      // One entry per person: the last socket's focus, and whichever of their tabs is editing.
      const editingKey = e.editingKey ?? byUser.get(e.userId)?.editingKey ?? null;
      byUser.set(e.userId, { userId: e.userId, name: e.name, stepKey: e.stepKey, editingKey });
    }
  }
  return { viewers: [...byUser.values()], expired };
}

export function memoryPresenceStore(): PresenceStore {
  const rooms = new Map<string, Map<string, Entry>>();
  return {
    async put(trajectoryId, socketId, viewer) {
      const room = rooms.get(trajectoryId) ?? new Map<string, Entry>();
      rooms.set(trajectoryId, room);
      room.set(socketId, { ...viewer, expires: Date.now() + PRESENCE_TTL_MS });
    },
    async remove(trajectoryId, socketId) {
      const room = rooms.get(trajectoryId);
      room?.delete(socketId);
      if (room && !room.size) rooms.delete(trajectoryId);
    },
    async list(trajectoryId) {
      const room = rooms.get(trajectoryId);
      const { viewers, expired } = live([...(room?.entries() ?? [])], Date.now());
      for (const id of expired) room?.delete(id);
      return { viewers, pruned: expired.length > 0 };
    },
  };
}

export function redisPresenceStore(redis: RedisClient, keyOf: (trajectoryId: string) => string): PresenceStore {
  return {
    async put(trajectoryId, socketId, viewer) {
      const key = keyOf(trajectoryId);
      const entry: Entry = { ...viewer, expires: Date.now() + PRESENCE_TTL_MS };
      // The hash itself expires too, so a trajectory nobody views leaves nothing behind.
      await redis
        .multi()
        .hSet(key, socketId, JSON.stringify(entry))
        .pExpire(key, PRESENCE_TTL_MS * 2)
        .exec();
    },
    async remove(trajectoryId, socketId) {
      await redis.hDel(keyOf(trajectoryId), socketId);
    },
    async list(trajectoryId) {
      const key = keyOf(trajectoryId);
      const raw = await redis.hGetAll(key);
      const entries: Array<[string, Entry]> = [];
      for (const [socketId, json] of Object.entries(raw)) {
        try {
          entries.push([socketId, JSON.parse(json) as Entry]);
        } catch {
          entries.push([socketId, { userId: "", name: "", stepKey: null, expires: 0 }]);
        }
      }
      const { viewers, expired } = live(entries, Date.now());
      if (expired.length) await redis.hDel(key, expired);
      return { viewers, pruned: expired.length > 0 };
    },
  };
}
