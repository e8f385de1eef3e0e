import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { closeWhenBodyUnread } from "@/lib/http/close-unread";

let server: Server | null = null;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** A server that refuses every body at once (as the body limit does), or reads it first. */
async function start(readFirst: boolean): Promise<number> {
  server = createServer((req, res) => {
    closeWhenBodyUnread(req, res);
    const answer = () => res.writeHead(readFirst ? 200 : 413, { "content-type": "text/plain" }).end("done");
    if (readFirst) req.resume().on("end", answer);
    else answer();
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
  return (server.address() as AddressInfo).port;
}

/** Sends the first MB of a chunked body that never ends (or a whole small one); resolves with the response. */
function send(port: number, finish: boolean) {
  return new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
    // A keep-alive client: it would reuse the connection unless the server says otherwise.
    const agent = new Agent({ keepAlive: true });
    const req = request({ port, method: "POST", path: "/", agent }, (res) => {
      res.resume();
      agent.destroy();
      resolve({ status: res.statusCode!, connection: res.headers.connection });
    });
    req.on("error", reject);
    req.write(Buffer.alloc(1024 * 1024, 0x20));
    if (finish) req.end();
  });
}

describe("responses before the body is read", () => {
  it("close the connection when the body was not read to its end", async () => {
    const port = await start(false);
    const r = await send(port, false);
    expect(r.status).toBe(413);
    expect(r.connection).toBe("close");
  });

  it("keep it open when the body was read", async () => {
    const port = await start(true);
    const r = await send(port, true);
    expect(r.status).toBe(200);
    expect(r.connection).not.toBe("close");
  });
});
