/**
 * The agent side of the ingest protocol (README "Live sessions"): a socket.io client on the
 * server's `/agent` namespace with the project API key, reconnecting on its own (socket.io-client's
 * backoff) after a network drop or a server restart. Events are sent with an ack and a timeout;
 * errors come back in the server's shape and are thrown as `AgentError`.
 */
import { io, type Socket } from "socket.io-client";

export class AgentError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

type Reply = { ok: true; data?: unknown } | { ok: false; error: { code: string; message: string } };

export interface AgentConnection {
  socket: Socket;
  request<T>(event: string, payload: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  close(): void;
}

export function connectAgent(server: string, apiKey: string): AgentConnection {
  const socket = io(`${server.replace(/\/+$/, "")}/agent`, {
    transports: ["websocket"],
    auth: { token: apiKey },
    forceNew: true,
    reconnection: true,
    reconnectionDelay: 250,
    reconnectionDelayMax: 2000,
  });
  return {
    socket,
    request<T>(event: string, payload: Record<string, unknown>, timeoutMs = 15_000) {
      return new Promise<T>((resolve, reject) => {
        if (!socket.connected) return reject(new AgentError("UNAVAILABLE", "not connected to the server"));
        socket.timeout(timeoutMs).emit(event, payload, (err: Error | null, reply: Reply) => {
          if (err) return reject(new AgentError("UNAVAILABLE", `no answer to ${event} within ${timeoutMs} ms`));
          if (reply.ok) resolve(reply.data as T);
          else reject(new AgentError(reply.error.code, reply.error.message));
        });
      });
    },
    close() {
      socket.disconnect();
    },
  };
}
