/** Calls a route handler in-process, as Next would, with a real Request. */
import type { RouteHandler } from "@/lib/http/route";

export interface CallOptions {
  method?: string;
  path?: string;
  params?: Record<string, string | string[]>;
  body?: unknown;
  cookie?: string;
  authorization?: string;
}

export async function callRoute(
  handler: RouteHandler | ((req: Request, ctx: never) => Promise<Response>),
  opts: CallOptions = {},
) {
  const headers = new Headers();
  if (opts.cookie) headers.set("cookie", opts.cookie);
  if (opts.authorization) headers.set("authorization", opts.authorization);
  if (opts.body !== undefined) headers.set("content-type", "application/json");
  const req = new Request(`http://localhost${opts.path ?? "/"}`, {
    method: opts.method ?? "GET",
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body),
  });
  const res = await (handler as RouteHandler)(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, json: json as Record<string, unknown> & { error?: { code: string; message: string } } };
}
