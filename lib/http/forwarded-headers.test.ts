// Proxy headers count only when LIMI_TRUST_PROXY says a proxy sets them (issue 17, Low).
import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER, normalizeForwardedHeaders } from "@/lib/http/forwarded-headers";
import { crossOriginReason } from "@/lib/http/same-origin";

function request(headers: Record<string, string>): IncomingMessage {
  return { headers: { ...headers }, socket: { remoteAddress: "203.0.113.9" } } as unknown as IncomingMessage;
}

function withEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

afterEach(() => withEnv({ LIMI_TRUST_PROXY: undefined, NEXTAUTH_URL: undefined }));

describe("forwarded headers", () => {
  it("are dropped without a trusted proxy: a client cannot claim a host, scheme or address", () => {
    withEnv({ LIMI_TRUST_PROXY: undefined, NEXTAUTH_URL: undefined });
    const req = request({
      host: "limi.internal:3000",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      "x-forwarded-for": "1.2.3.4",
      [CLIENT_ADDRESS_HEADER]: "1.2.3.4",
    });
    normalizeForwardedHeaders(req);
    expect(req.headers["x-forwarded-host"]).toBeUndefined();
    expect(req.headers["x-forwarded-for"]).toBeUndefined();
    expect(req.headers["x-forwarded-proto"]).toBe("http");
    expect(req.headers[CLIENT_ADDRESS_HEADER]).toBe("203.0.113.9");
    // The origin check then uses the Host header, not the claimed one.
    expect(
      crossOriginReason({ host: "limi.internal:3000", forwardedHost: "evil.example", origin: "http://evil.example" }),
    ).not.toBeNull();
    expect(crossOriginReason({ host: "limi.internal:3000", origin: "http://limi.internal:3000" })).toBeNull();
  });

  it("are honoured with LIMI_TRUST_PROXY: the public host and scheme, and the client address", () => {
    withEnv({ LIMI_TRUST_PROXY: "true", NEXTAUTH_URL: undefined });
    const req = request({
      host: "app:3000",
      "x-forwarded-host": "limi.example.org",
      "x-forwarded-proto": "https",
      "x-forwarded-for": "198.51.100.7, 10.0.0.2",
    });
    normalizeForwardedHeaders(req);
    expect(req.headers["x-forwarded-proto"]).toBe("https");
    expect(req.headers[CLIENT_ADDRESS_HEADER]).toBe("198.51.100.7");
    const h = { host: "app:3000", forwardedHost: "limi.example.org", forwardedProto: "https" };
    expect(crossOriginReason({ ...h, origin: "https://limi.example.org" })).toBeNull();
    expect(crossOriginReason({ ...h, origin: "http://limi.example.org" })).not.toBeNull();
  });

  it("NEXTAUTH_URL wins over any header", () => {
    withEnv({ NEXTAUTH_URL: "https://limi.example.org" });
    expect(crossOriginReason({ host: "evil.example", origin: "https://evil.example" })).not.toBeNull();
    expect(crossOriginReason({ host: "evil.example", origin: "https://limi.example.org" })).toBeNull();
  });
});
