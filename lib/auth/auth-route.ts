/**
 * next-auth's endpoints (sign-in, sign-out, session, csrf), wrapped: POST bodies are read with a
 * byte limit counted while reading; credential sign-ins are refused with 429 and a clear message
 * past the per-account and per-address limits (lib/auth/sign-in-limits.ts) or when the password
 * hash queue is full (lib/auth/hash-queue.ts); a sign-out ends the user's sessions on the server
 * (lib/users/sessions.ts), not only the cookie.
 */
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/next-auth-options";
import { hashQueueFull } from "@/lib/auth/hash-queue";
import { recordFailedSignIn, recordSuccessfulSignIn, signInRefusal } from "@/lib/auth/sign-in-limits";
import { sessionClaims } from "@/lib/auth/session-token";
import { readBodyBytes } from "@/lib/http/read-body";
import { errorResponse } from "@/lib/http/respond";
import { clientAddress } from "@/lib/http/forwarded-headers";
import { announceSessionsEnded, endSessions } from "@/lib/users/sessions";

export const MAX_AUTH_BODY = 64 * 1024;

type Ctx = { params: Promise<{ nextauth: string[] }> };

/** next-auth's client reads `url` (its `error` parameter becomes signIn()'s `error`). */
function refused(req: Request, message: string): Response {
  const url = new URL("/login", req.url);
  url.searchParams.set("error", message);
  return Response.json({ url: url.toString(), error: { code: "RATE_LIMITED", message } }, { status: 429 });
}

const setsSession = (res: Response) =>
  res.headers
    .getSetCookie()
    .some((c) => /session-token(\.\d+)?=[^;]+/.test(c) && !/max-age=0|expires=thu, 01 jan 1970/i.test(c));
const clearsSession = (res: Response) =>
  res.headers
    .getSetCookie()
    .some((c) => /session-token(\.\d+)?=/.test(c) && /max-age=0|expires=thu, 01 jan 1970/i.test(c));

export async function authHandler(req: NextRequest, ctx: Ctx): Promise<Response> {
  const params = await ctx.params;
  const [action, provider] = params.nextauth ?? [];
  if (req.method !== "POST") return NextAuth(req as never, { params } as never, authOptions());

  let body: Buffer;
  try {
    body = await readBodyBytes(req, MAX_AUTH_BODY, "the sign-in form");
  } catch (e) {
    return errorResponse(e);
  }
  const rebuilt = new NextRequest(req.url, { method: "POST", headers: req.headers, body: new Uint8Array(body) });

  if (action === "callback" && provider === "credentials") {
    const form = new URLSearchParams(body.toString("utf8"));
    const email = (form.get("email") ?? "").trim().toLowerCase().slice(0, 320);
    const address = clientAddress(req.headers);
    const refusal = await signInRefusal(email, address);
    if (refusal) return refused(req, refusal);
    if (hashQueueFull()) return refused(req, "The server is busy checking other sign-ins. Try again in a few seconds.");
    const res = await NextAuth(rebuilt as never, { params } as never, authOptions());
    if (setsSession(res)) await recordSuccessfulSignIn(email);
    else await recordFailedSignIn(email, address);
    return res;
  }

  if (action === "signout") {
    const claims = await sessionClaims(req.headers.get("cookie"));
    const res = await NextAuth(rebuilt as never, { params } as never, authOptions());
    if (claims && clearsSession(res)) {
      await endSessions(claims.userId);
      await announceSessionsEnded(claims.userId, "sign-out");
    }
    return res;
  }

  return NextAuth(rebuilt as never, { params } as never, authOptions());
}
