/**
 * The one Prisma client. Secrets (password and API-key hashes) are omitted by default, so they
 * leave this layer only when a query asks for them by name (`omit: { passwordHash: false }`).
 * Kept on globalThis: server.ts and the Next.js bundle load separate copies of this module in one
 * process, and they should share one connection pool.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/client";
import { env } from "@/lib/env";

function create() {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not resolved yet: call resolveDatabase() at start-up");
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: 10 }),
    omit: { user: { passwordHash: true }, apiKey: { keyHash: true } },
  });
}

export type Db = ReturnType<typeof create>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const holder = globalThis as unknown as { __limiDb?: Db };

export function db(): Db {
  holder.__limiDb ??= create();
  return holder.__limiDb;
}

export async function disconnectDb(): Promise<void> {
  await holder.__limiDb?.$disconnect();
  holder.__limiDb = undefined;
}
