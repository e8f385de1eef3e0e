/**
 * The Redis connection of this process, when `REDIS_URL` is set (several instances): the socket.io
 * adapter's streams and shared presence go through it. Without it everything stays in process.
 */
import { createClient } from "redis";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";
import { isShuttingDown } from "@/lib/server/shutdown-state";

export type RedisClient = ReturnType<typeof createClient>;

const holder = globalThis as unknown as { __limiRedis?: Promise<RedisClient> };

export function redisClient(): Promise<RedisClient> | null {
  const url = env().REDIS_URL;
  if (!url) return null;
  if (!holder.__limiRedis) {
    const client = createClient({ url });
    client.on("error", (e: Error) => {
      if (!isShuttingDown()) logError("redis connection error", e.message);
    });
    holder.__limiRedis = client.connect().then(() => client as RedisClient);
    holder.__limiRedis.catch(() => (holder.__limiRedis = undefined));
  }
  return holder.__limiRedis;
}

/** `limi:<name>`: every key and stream of the app carries REDIS_PREFIX. */
export const redisKey = (name: string) => `${env().REDIS_PREFIX}:${name}`;

export async function closeRedis(): Promise<void> {
  const c = holder.__limiRedis;
  holder.__limiRedis = undefined;
  const client = await c?.catch(() => null);
  await client?.close().catch(() => undefined);
}
