/**
 * Tests: the socket.io server with its NOTIFY relay on a loopback port, in the test process, and
 * small client helpers (connect with a cookie or an API key, emit with an ack, wait for an event).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { attachSocketServer } from "@/lib/live/socket-server";
import { startEventRelay } from "@/lib/live/event-relay";

export interface Reply {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string };
}

export async function startLiveTestServer() {
  const http = createServer();
  const live = await attachSocketServer(http);
  const relay = startEventRelay(live.io);
  await relay.ready;
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const open: Socket[] = [];
  return {
    io: live.io,
    base,
    client(opts: { cookie?: string; token?: string } = {}): Socket {
      const s = clientOf(base, opts);
      open.push(s);
      return s;
    },
    async close() {
      for (const s of open) s.disconnect();
      await relay.stop();
      await live.close();
    },
  };
}

export function clientOf(
  base: string,
  opts: { cookie?: string; token?: string; transports?: Array<"websocket" | "polling"> } = {},
): Socket {
  return connect(base, {
    transports: opts.transports ?? ["websocket"],
    reconnection: false,
    extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
    auth: opts.token ? { token: opts.token } : {},
  });
}

export const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => {
    if (s.connected) return resolve();
    s.once("connect", () => resolve());
    s.once("connect_error", (e) => reject(e));
  });

export const emit = (s: Socket, event: string, payload: unknown, timeoutMs = 5000) =>
  new Promise<Reply>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no ack for ${event} within ${timeoutMs} ms`)), timeoutMs);
    s.emit(event, payload, (r: Reply) => {
      clearTimeout(t);
      resolve(r);
    });
  });

/** Resolves with the disconnect reason, or rejects after `timeoutMs`. */
export const disconnected = (s: Socket, timeoutMs = 3000) =>
  new Promise<string>((resolve, reject) => {
    if (!s.connected) return resolve("already disconnected");
    const t = setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs);
    s.once("disconnect", (reason) => {
      clearTimeout(t);
      resolve(reason);
    });
  });
