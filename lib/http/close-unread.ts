/**
 * A response that starts before its request's body has been read to the end (a 413 at the body
 * limit, a 401 before an upload is read) says `Connection: close`, and Node closes the connection
 * after it: the rest of a refused body (hundreds of MB of a flood) is not read and discarded, and
 * the client knows not to send another request on a connection the server is about to drop.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

export function closeWhenBodyUnread(req: IncomingMessage, res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<typeof writeHead>) {
    if (!req.complete && !res.headersSent) res.setHeader("connection", "close");
    return writeHead.apply(this, args);
  } as typeof writeHead;
}
