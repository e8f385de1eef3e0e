/**
 * Whether the process is shutting down. On Ctrl-C (or a test runner stopping the server) the signal
 * reaches the whole process group, so the embedded PostgreSQL stops at the same moment as the app
 * and open connections drop before they are closed in order. Those drops are expected then, and
 * not worth an error line. Kept on globalThis: server.ts and the Next.js bundle load separate
 * copies of this module in one process.
 */
const holder = globalThis as unknown as { __limiShuttingDown?: boolean };

export function beginShutdown(): void {
  holder.__limiShuttingDown = true;
}

export function isShuttingDown(): boolean {
  return holder.__limiShuttingDown === true;
}
