/**
 * A response that starts before its request's body has been read to the end (a 413 at the body
 * limit, a 401 before an upload is read) says `Connection: close`, and Node closes the connection
 * after it. Otherwise the rest of a refused body (hundreds of MB of a flood) would still be read and
 * discarded, and a client would reuse a connection the server drops: during bench/abuse.ts a health
 * check sent on such a connection failed (UND_ERR_SOCKET).
 */
import type { IncomingMessage, ServerResponse } from "node:http";

export function closeWhenBodyUnread(req: IncomingMessage, res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<typeof writeHead>) {
    if (!req.complete && !res.headersSent) res.setHeader("connection", "close");
    return writeHead.apply(this, args);
  } as typeof writeHead;
}
