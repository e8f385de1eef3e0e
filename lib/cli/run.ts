/**
 * Runs one CLI action: resolves the database (an embedded server already running is reused, one
 * started here is stopped afterwards), maps errors to a message on stderr and an exit code, and
 * exits so no pool keeps the process alive.
 *   0 success · 1 the action failed (bad input, not found, conflict) · 2 usage error (commander).
 */
import { ZodError } from "zod";
import { isAppError } from "@/lib/errors/app-error";
import { resolveDatabase, type ResolvedDatabase } from "@/lib/db/database-url";
import { disconnectDb } from "@/lib/db/client";
import { closePgPool } from "@/lib/db/pg-pool";
import { requireCurrentSchema } from "@/lib/db/migrations/schema-status";
import { zodToAppError } from "@/lib/http/respond";

export interface CliContext {
  database: ResolvedDatabase;
  out(line: string): void;
}

/** The action may return an exit code (e.g. 1 when some files were rejected). */
export function runAction<A extends unknown[]>(
  fn: (ctx: CliContext, ...args: A) => Promise<void | number>,
  opts: { schema: "current" | "any" } = { schema: "current" },
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    let database: ResolvedDatabase | null = null;
    let code = 0;
    try {
      database = await resolveDatabase();
      if (opts.schema === "current") await requireCurrentSchema(database.url);
      code = (await fn({ database, out: (line) => process.stdout.write(`${line}\n`) }, ...args)) ?? 0;
    } catch (e) {
      code = 1;
      const err = e instanceof ZodError ? zodToAppError(e, "body") : e;
      if (isAppError(err)) process.stderr.write(`error: ${err.message.replace(/^invalid body: /, "")}\n`);
      else process.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    } finally {
      await disconnectDb().catch(() => undefined);
      await closePgPool().catch(() => undefined);
      if (database?.embedded?.owned) await database.embedded.stop().catch(() => undefined);
    }
    process.exit(code);
  };
}
