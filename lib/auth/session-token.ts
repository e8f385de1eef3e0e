/**
 * Reads the next-auth session from a Cookie header. Route handlers and the socket.io handshake
 * both use it, so every transport authenticates the same way without Next's request context.
 * The token only says who the user is; roles are always re-read from the database.
 */
import { decode } from "next-auth/jwt";
import { authSecret } from "@/lib/auth/auth-secret";

export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export function parseCookies(header: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    const raw = part.slice(i + 1).trim();
    try {
      out.set(name, decodeURIComponent(raw));
    } catch {
      out.set(name, raw); // a cookie that is not URI-encoded is used as it is
    }
  }
  return out;
}

/** next-auth splits large tokens into `<name>.0`, `<name>.1`, ...; join them back. */
function readToken(cookies: Map<string, string>, name: string): string | null {
  if (cookies.has(name)) return cookies.get(name) ?? null;
  const chunks: string[] = [];
  for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`) ?? "");
  return chunks.length ? chunks.join("") : null;
}

export interface SessionClaims {
  userId: string;
  /** The user's session version when the token was issued (lib/users/sessions.ts); 0 for older tokens. */
  version: number;
}

/** The claims of a valid, unexpired session token, or null. Whether it still counts is the caller's check. */
export async function sessionClaims(cookieHeader: string | null | undefined): Promise<SessionClaims | null> {
  const cookies = parseCookies(cookieHeader);
  for (const name of SESSION_COOKIES) {
    const token = readToken(cookies, name);
    if (!token) continue;
    try {
      const payload = await decode({ token, secret: authSecret() });
      if (payload?.sub && (typeof payload.exp !== "number" || payload.exp * 1000 > Date.now()))
        return { userId: payload.sub, version: typeof payload.sv === "number" ? payload.sv : 0 };
    } catch {
      // A token signed with another secret or tampered with is simply not a session.
    }
  }
  return null;
}
