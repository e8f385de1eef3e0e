/**
 * Tests and bench: a load balancer in front of several instances, with the rule the docker-compose
 * example's Caddy uses (`lb_policy cookie`): a request carrying the `lb` cookie goes to the instance
 * it names; any other goes to the next instance in turn and gets the cookie set, so socket.io's
 * long-polling requests (several HTTP requests per session) stay on one instance. WebSocket
 * upgrades are routed by the same rule. Built on http-proxy.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import httpProxy from "http-proxy";

export const STICKY_COOKIE = "lb";

export interface StickyProxy {
  url: string;
  /** Requests each upstream received, by name. */
  hits: Record<string, number>;
  close(): Promise<void>;
}

function pinned(req: IncomingMessage): string | null {
  const m = new RegExp(`(?:^|;\\s*)${STICKY_COOKIE}=([^;]+)`).exec(req.headers.cookie ?? "");
  return m ? decodeURIComponent(m[1]) : null;
}

export async function startStickyProxy(upstreams: Record<string, string>): Promise<StickyProxy> {
  const names = Object.keys(upstreams);
  const hits: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  let next = 0;
  const choose = (req: IncomingMessage) => {
    const p = pinned(req);
    if (p && upstreams[p]) return { name: p, fresh: false };
    return { name: names[next++ % names.length], fresh: true };
  };
  const proxy = httpProxy.createProxyServer({ ws: true, xfwd: true });
  proxy.on("error", (_e, _req, res) => {
    if ("writeHead" in res && !res.headersSent) res.writeHead(502).end("upstream unavailable");
    else res.destroy();
  });
  const server: Server = createServer((req, res) => {
    const { name, fresh } = choose(req);
    hits[name]++;
    if (fresh) res.setHeader("set-cookie", `${STICKY_COOKIE}=${encodeURIComponent(name)}; Path=/; HttpOnly`);
    proxy.web(req, res, { target: upstreams[name] });
  });
  server.on("upgrade", (req, socket, head) => {
    const { name } = choose(req);
    hits[name]++;
    proxy.ws(req, socket, head, { target: upstreams[name] });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () =>
      new Promise<void>((r) => {
        proxy.close();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
