/**
 * Cross-site request forgery defence for requests that carry the session cookie. SameSite=Lax
 * leaves "same-site" pages open (another port of the same host is the same site), so a
 * state-changing request, and the socket.io handshake, must come from the app's own origin:
 *   1. `Sec-Fetch-Site` (sent by every current browser): `same-origin` or `none` passes, anything
 *      else (`same-site`, `cross-site`) is refused;
 *   2. else `Origin`, else `Referer`, must be the app's origin: `NEXTAUTH_URL` when set, else the
 *      request's own host (`X-Forwarded-Host`/`-Proto` only when LIMI_TRUST_PROXY is on);
 *   3. a request with none of the three is not from a browser (curl, the CLI) and passes: browsers
 *      always send `Origin` on cross-origin writes.
 * This is the rule of Go's net/http CrossOriginProtection. Requests with an API key (Bearer, no
 * cookie) need no check: a browser never adds that header by itself.
 */
import { AppError } from "@/lib/errors/app-error";
import { env } from "@/lib/env";

export interface OriginHeaders {
  host?: string | null;
  origin?: string | null;
  referer?: string | null;
  secFetchSite?: string | null;
  forwardedHost?: string | null;
  forwardedProto?: string | null;
}

const first = (v: string | null | undefined) => v?.split(",")[0]?.trim() || null;

/** The app's public origin as far as it can be known: NEXTAUTH_URL, or the (trusted) request host. */
export function appOrigin(h: OriginHeaders): { origin: string | null; host: string | null } {
  const { NEXTAUTH_URL, LIMI_TRUST_PROXY } = env();
  if (NEXTAUTH_URL) {
    const u = new URL(NEXTAUTH_URL);
    return { origin: u.origin, host: u.host };
  }
  const host = (LIMI_TRUST_PROXY && first(h.forwardedHost)) || h.host || null;
  if (!host) return { origin: null, host: null };
  const proto = LIMI_TRUST_PROXY ? first(h.forwardedProto) : null;
  return { origin: proto ? `${proto}://${host}` : null, host };
}

function sameAsApp(url: string, app: { origin: string | null; host: string | null }): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false; // "null" (opaque origins) and garbage
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return false;
  // Without a known scheme (no NEXTAUTH_URL, no trusted proxy) the host must match.
  return app.origin ? u.origin === app.origin : u.host === app.host;
}

/** Why the request does not come from the app's own origin, or null when it does (or is not a browser's). */
export function crossOriginReason(h: OriginHeaders): string | null {
  const site = h.secFetchSite?.trim().toLowerCase();
  if (site) return site === "same-origin" || site === "none" ? null : `the request came from another site (${site})`;
  const app = appOrigin(h);
  if (h.origin) return sameAsApp(h.origin, app) ? null : "the request came from another origin";
  if (h.referer) return sameAsApp(h.referer, app) ? null : "the request came from another origin (Referer)";
  return null;
}

export function originHeadersOf(headers: Headers): OriginHeaders {
  return {
    host: headers.get("host"),
    origin: headers.get("origin"),
    referer: headers.get("referer"),
    secFetchSite: headers.get("sec-fetch-site"),
    forwardedHost: headers.get("x-forwarded-host"),
    forwardedProto: headers.get("x-forwarded-proto"),
  };
}

/** For Node's IncomingHttpHeaders (the socket.io handshake). */
export function originHeadersOfNode(headers: Record<string, string | string[] | undefined>): OriginHeaders {
  const one = (k: string) => {
    const v = headers[k];
    return Array.isArray(v) ? v[0] : (v ?? null);
  };
  return {
    host: one("host"),
    origin: one("origin"),
    referer: one("referer"),
    secFetchSite: one("sec-fetch-site"),
    forwardedHost: one("x-forwarded-host"),
    forwardedProto: one("x-forwarded-proto"),
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Throws FORBIDDEN for a state-changing request that carries a cookie (and no API key) and comes
 * from another origin. Route wrappers call it before anything else.
 */
export function assertSameOriginWrite(req: Request): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  if (req.headers.get("authorization")) return;
  if (!req.headers.get("cookie")) return;
  const reason = crossOriginReason(originHeadersOf(req.headers));
  if (reason)
    throw new AppError("FORBIDDEN", `${reason}: changes with the session cookie must come from the app's own pages`);
}

/** The socket.io handshake: a cookie-authenticated connection must come from the app's own origin. */
export function assertSameOriginHandshake(headers: Record<string, string | string[] | undefined>): void {
  if (!headers.cookie) return;
  const reason = crossOriginReason(originHeadersOfNode(headers));
  if (reason)
    throw new AppError(
      "FORBIDDEN",
      `${reason}: live connections with the session cookie must come from the app's own pages`,
    );
}
