/**
 * Flood control for one socket: a rate limit on incoming events (rate-limiter-flexible, in
 * memory: a socket lives on one instance), a cap on its handlers in flight, and a disconnect for a
 * socket that keeps sending after being refused. Refused events are answered with RATE_LIMITED
 * and never reach a handler or the database.
 */
import { RateLimiterMemory } from "rate-limiter-flexible";
import type { Socket } from "socket.io";

export const SOCKET_LIMITS = {
  /** Events a socket may send per second (the viewer sends a few; a recorder a few dozen). */
  eventsPerSecond: 30,
  /** Handlers of one socket running at once; more wait for nothing, they are refused. */
  inFlight: 8,
  /** Refusals within `strikeWindowSeconds` after which the socket is disconnected. */
  strikes: 40,
  strikeWindowSeconds: 10,
};

const events = new RateLimiterMemory({ points: SOCKET_LIMITS.eventsPerSecond, duration: 1 });
const strikes = new RateLimiterMemory({ points: SOCKET_LIMITS.strikes, duration: SOCKET_LIMITS.strikeWindowSeconds });

export type Admission = { ok: true; release: () => void } | { ok: false; message: string };

/** Called for each event before its handler runs; `release` must be called when it ends. */
export async function admitEvent(socket: Socket): Promise<Admission> {
  const inFlight = (socket.data.inFlight as number | undefined) ?? 0;
  let message: string | null = null;
  if (inFlight >= SOCKET_LIMITS.inFlight)
    message = `too many events in progress on this connection (at most ${SOCKET_LIMITS.inFlight})`;
  else {
    try {
      await events.consume(socket.id);
    } catch {
      message = `too many events (at most ${SOCKET_LIMITS.eventsPerSecond} a second)`;
    }
  }
  if (message) {
    await strike(socket);
    return { ok: false, message };
  }
  socket.data.inFlight = inFlight + 1;
  let released = false;
  return {
    ok: true,
    release: () => {
      if (released) return;
      released = true;
      socket.data.inFlight = ((socket.data.inFlight as number) ?? 1) - 1;
    },
  };
}

/** Counts a refusal; past the limit the socket is told why and disconnected. */
export async function strike(socket: Socket): Promise<void> {
  try {
    await strikes.consume(socket.id);
  } catch {
    if (socket.connected) {
      socket.emit("evicted", { reason: "rate limit: too many refused events" });
      socket.disconnect(true);
    }
  }
}

/** Forget a closed socket's counters. */
export async function forgetSocket(socket: Socket): Promise<void> {
  await Promise.all([events.delete(socket.id), strikes.delete(socket.id)]);
}
