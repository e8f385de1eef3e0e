/** Tests of the recorder: a live server on a fixed port (to kill and restart), and stored steps. */
import { createServer } from "node:http";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { readFile } from "node:fs/promises";
import { attachSocketServer } from "@/lib/live/socket-server";
import { startEventRelay } from "@/lib/live/event-relay";
import { db } from "@/lib/db/client";
import { parseFile } from "@/lib/formats/detect";
import { DEFAULT_MAX_DOCUMENT_BYTES } from "@/lib/formats/types";
import type { ParsedStep } from "@/lib/trajectory/types";

export async function liveServerOn(port: number) {
  const http = createServer();
  const live = await attachSocketServer(http);
  const relay = startEventRelay(live.io);
  await relay.ready;
  await new Promise<void>((r) => http.listen(port, "127.0.0.1", r));
  return {
    base: `http://127.0.0.1:${port}`,
    async close() {
      await relay.stop();
      live.io.disconnectSockets(true);
      await live.close();
    },
  };
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

export const tempDir = (prefix: string) => mkdtemp(path.join(os.tmpdir(), prefix));

/** The steps of the trajectory's head revision, in order. */
export async function headSteps(trajectoryId: string): Promise<ParsedStep[]> {
  const t = await db().trajectory.findUniqueOrThrow({ where: { id: trajectoryId }, select: { headRevisionId: true } });
  const rev = await db().revision.findUniqueOrThrow({ where: { id: t.headRevisionId! } });
  const bodies = await db().stepBody.findMany({ where: { stepId: { in: rev.stepIds } } });
  const byId = new Map(bodies.map((b) => [b.stepId, b.data as ParsedStep]));
  return rev.stepIds.map((id) => byId.get(id)!);
}

/** What a plain import of the file parses (the last trajectory of the file). */
export async function parsedSteps(file: string, format = "auto"): Promise<ParsedStep[]> {
  const bytes = await readFile(file);
  let last: ParsedStep[] = [];
  for await (const t of await parseFile(
    { filename: path.basename(file), size: bytes.length, path: file, open: () => Readable.from([bytes]) },
    { format, maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES },
  ))
    last = t.steps;
  return last;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
