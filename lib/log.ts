/**
 * Server log. One line per event on stderr; errors carry their stack. Kept tiny on purpose: a
 * structured logger can replace it without touching callers.
 */
export function logError(message: string, err?: unknown): void {
  const detail = err instanceof Error ? `${err.stack ?? err.message}` : err === undefined ? "" : String(err);
  process.stderr.write(`[limi] ${new Date().toISOString()} ERROR ${message}${detail ? `\n${detail}` : ""}\n`);
}

export function logInfo(message: string): void {
  process.stdout.write(`[limi] ${message}\n`);
}
