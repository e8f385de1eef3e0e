/**
 * Inside the export's child process (started by lib/export/export-child.ts with a capped heap):
 * takes one ExportWork as its first IPC message, runs it, and answers with progress messages and
 * then either the result or the error (an AppError keeps its code, message and location), then
 * exits. The database URL and data folder come from the parent's environment.
 */
import { isAppError } from "@/lib/errors/app-error";
import { disconnectDb } from "@/lib/db/client";
import { closePgPool } from "@/lib/db/pg-pool";
import { writeExport, type ExportWork } from "@/lib/export/export-work";
import type { ChildMessage } from "@/lib/export/export-child";

const PROGRESS_EVERY_MS = 200;

function send(message: ChildMessage): Promise<void> {
  return new Promise((ok) => {
    if (!process.send) return ok();
    process.send(message, undefined, {}, () => ok());
  });
}

async function run(work: ExportWork): Promise<number> {
  let last = 0;
  const started = Date.now();
  try {
    const written = await writeExport(work, (done, total) => {
      const now = Date.now();
      if (done === total || now - last >= PROGRESS_EVERY_MS) {
        last = now;
        void send({ type: "progress", done, total });
      }
    });
    const u = process.resourceUsage();
    const result = {
      ...written,
      // maxRSS is the process's peak resident set (VmHWM), in KiB.
      usage: {
        peakRssMb: u.maxRSS / 1024,
        cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000,
        wallMs: Date.now() - started,
      },
    };
    await send({ type: "result", result });
    return 0;
  } catch (e) {
    await send({
      type: "error",
      message: e instanceof Error ? e.message : String(e),
      ...(isAppError(e) ? { code: e.code, ...(e.location ? { location: e.location } : {}) } : {}),
      ...(!isAppError(e) && e instanceof Error && e.stack ? { stack: e.stack } : {}),
    });
    return 1;
  } finally {
    await disconnectDb().catch(() => undefined);
    await closePgPool().catch(() => undefined);
  }
}

process.once("message", (message: unknown) => {
  void run(message as ExportWork).then((code) => process.exit(code));
});
// The parent went away (the server stopped): an orphaned export has no one to report to.
process.once("disconnect", () => process.exit(1));
