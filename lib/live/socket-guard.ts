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

/**
 * Called for each event before its handler runs. Admitted: returns the `release` to call when the
 * handler ends. Refused: `refuse` is called with the reason (to answer the ack while the socket is
 * still open), the refusal is counted, and null is returned.
 */
export async function admitEvent(socket: Socket, refuse: (message: string) => void): Promise<(() => void) | null> {
  const inFlight = (socket.data.inFlight as number | undefined) ?? 0;
  if (inFlight >= SOCKET_LIMITS.inFlight) {
    refuse(`too many events in progress on this connection (at most ${SOCKET_LIMITS.inFlight})`);
    await strike(socket);
    return null;
  }
  // Reserved before the first await, so a burst cannot slip past the cap.
  socket.data.inFlight = inFlight + 1;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    socket.data.inFlight = ((socket.data.inFlight as number) ?? 1) - 1;
  };
  try {
    await events.consume(socket.id);
  } catch {
    release();
    refuse(`too many events (at most ${SOCKET_LIMITS.eventsPerSecond} a second)`);
    await strike(socket);
    return null;
  }
  return release;
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
