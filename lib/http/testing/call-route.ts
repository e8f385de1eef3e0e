/** Calls a route handler in-process, as Next would, with a real Request. */
import type { RouteHandler } from "@/lib/http/route";

export interface CallOptions {
  method?: string;
  path?: string;
  params?: Record<string, string | string[]>;
  body?: unknown;
  cookie?: string;
  authorization?: string;
  /** Extra headers (Origin, Sec-Fetch-Site, Content-Type, ...); they win over the defaults. */
  headers?: Record<string, string>;
  /** A raw body stream (chunked, no Content-Length) instead of `body`. */
  stream?: ReadableStream<Uint8Array>;
}

export async function callRoute(
  handler: RouteHandler | ((req: Request, ctx: never) => Promise<Response>),
  opts: CallOptions = {},
) {
  const headers = new Headers();
  if (opts.cookie) headers.set("cookie", opts.cookie);
  if (opts.authorization) headers.set("authorization", opts.authorization);
  if (opts.body !== undefined) headers.set("content-type", "application/json");
  for (const [k, v] of Object.entries(opts.headers ?? {})) headers.set(k, v);
  const req = new Request(`http://localhost${opts.path ?? "/"}`, {
    method: opts.method ?? "GET",
    headers,
    body: opts.stream
      ? opts.stream
      : opts.body === undefined
        ? undefined
        : typeof opts.body === "string"
          ? opts.body
          : JSON.stringify(opts.body),
    ...(opts.stream ? { duplex: "half" } : {}),
  } as RequestInit);
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
