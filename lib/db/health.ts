/** The database part of /api/health: a round trip with a short timeout. */
import { db } from "@/lib/db/client";

export async function checkDatabase(timeoutMs = 2000): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await Promise.race([
      db().$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)),
    ]);
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: reasonOf(e) };
  }
}

/** Prisma wraps driver errors in a multi-line message; keep the driver's own sentence. */
function reasonOf(e: unknown): string {
  if (!(e instanceof Error)) return "unknown error";
  const quoted = /Message: `([^`]+)`/.exec(e.message)?.[1];
  const lastLine = e.message
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .pop();
  return (quoted ?? lastLine ?? e.name).slice(0, 200);
}
