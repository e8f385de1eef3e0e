import type { Socket } from "socket.io-client";

/**
 * The server disconnects a socket whose access changed (revoked, removed, a new role); socket.io
 * does not reconnect after a server-side disconnect. Try once more after a pause: the handshake is
 * checked anew, so someone who kept access is back (rooms joined again on `connect`), and someone
 * who lost it is refused and stays off. Browser-safe.
 */
export function reconnectAfterEviction(socket: Socket, delayMs = 3000): void {
  socket.on("disconnect", (reason) => {
    if (reason === "io server disconnect") setTimeout(() => socket.connect(), delayMs);
  });
}
