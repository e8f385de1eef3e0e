/**
 * Proxy headers are trusted only when LIMI_TRUST_PROXY says a proxy sets them; otherwise a client
 * could claim any host, scheme or address. server.ts calls this on every request before Next sees
 * it: untrusted X-Forwarded-* are removed (the app itself speaks plain HTTP), and the client address
 * used by the sign-in limits is put in CLIENT_ADDRESS_HEADER, overwriting anything the client sent.
 */
import type { IncomingMessage } from "node:http";
import { env } from "@/lib/env";

export const CLIENT_ADDRESS_HEADER = "x-limi-client-address";

const firstValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(",")[0]?.trim() || "";

export function normalizeForwardedHeaders(req: IncomingMessage): void {
  const trust = env().LIMI_TRUST_PROXY;
  const h = req.headers;
  const direct = req.socket.remoteAddress ?? "unknown";
  if (trust) {
    h[CLIENT_ADDRESS_HEADER] = firstValue(h["x-forwarded-for"]) || direct;
    return;
  }
  delete h["x-forwarded-host"];
  delete h["x-forwarded-for"];
  delete h["x-forwarded-port"];
  delete h["forwarded"];
  h["x-forwarded-proto"] = "http";
  h[CLIENT_ADDRESS_HEADER] = direct;
}

/** The client address as server.ts recorded it ("unknown" for in-process calls). */
export function clientAddress(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) || "unknown";
}
