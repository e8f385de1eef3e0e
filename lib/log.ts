/**
 * Server log: one JSON object per line (`{"time","level","msg",...fields,"error"?}`), on stdout for
 * info and stderr for errors. Values are JSON-escaped, so a newline in an uploaded file's name (or
 * anywhere else a client chose the text) cannot start a forged line. Pass client-chosen values as
 * fields rather than inside the message, so they stay searchable.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

function errorFields(err: unknown): { error?: string; stack?: string } {
  if (err === undefined) return {};
  if (err instanceof Error) return { error: err.message, stack: err.stack };
  return { error: String(err) };
}

export function formatLogLine(level: "info" | "error", message: string, fields: LogFields = {}, err?: unknown): string {
  return `${JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields, ...errorFields(err) })}\n`;
}

export function logError(message: string, err?: unknown, fields?: LogFields): void {
  process.stderr.write(formatLogLine("error", message, fields, err));
}

export function logInfo(message: string, fields?: LogFields): void {
  process.stdout.write(formatLogLine("info", message, fields));
}
