/**
 * A plain `pg` pool beside the Prisma client, for the one thing Prisma cannot do: bulk COPY of
 * step rows inside a transaction (the import path). Same database, same URL; kept on globalThis
 * like the Prisma client so every module copy in the process shares it.
 */
import pg from "pg";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";
import { isShuttingDown } from "@/lib/server/shutdown-state";

const holder = globalThis as unknown as { __limiPg?: pg.Pool };

export function pgPool(): pg.Pool {
  if (!holder.__limiPg) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not resolved yet: call resolveDatabase() at start-up");
    const pool = new pg.Pool({ connectionString: url, max: 4, allowExitOnIdle: true });
    // An idle connection that the server drops must not crash the process; the pool replaces it.
    pool.on("error", (e) => {
      if (!isShuttingDown()) logError("an idle database connection failed", e.message);
    });
    holder.__limiPg = pool;
  }
  return holder.__limiPg;
}

export async function closePgPool(): Promise<void> {
  await holder.__limiPg?.end();
  holder.__limiPg = undefined;
}

/** Runs `fn` in one transaction on one connection; rolls back on any error. */
export async function withPgTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pgPool().connect();
  try {
    await client.query("BEGIN");
    const out = await fn(client);
    await client.query("COMMIT");
    return out;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
