/**
 * Request bodies read with a byte limit counted while reading: `Content-Length` is only a hint (a
 * chunked body has none, and a client may lie), so the stream is cancelled as soon as the limit is
 * passed and nothing beyond it is kept in memory. JSON bodies must say `application/json`: a form
 * post from another site cannot pass as JSON.
 */
import { AppError } from "@/lib/errors/app-error";

export const MAX_JSON_BODY = 2 * 1024 * 1024;

const mib = (n: number) => (n >= 1024 * 1024 ? `${n / 1024 / 1024} MiB` : `${n} bytes`);

function tooLarge(what: string, limit: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `${what} is over ${mib(limit)}`);
}

/** The whole body, refused with 413 as soon as it passes `limit` bytes. */
export async function readBodyBytes(req: Request, limit: number, what = "the body"): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(what, limit);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(what, limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

export async function readBodyText(req: Request, limit: number, what = "the body"): Promise<string> {
  return (await readBodyBytes(req, limit, what)).toString("utf8");
}

export function isJsonContentType(value: string | null): boolean {
  const type = (value ?? "").split(";")[0].trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/** A JSON body (empty: `{}`), at most `limit` bytes, sent as application/json. */
export async function readJsonBody(req: Request, limit = MAX_JSON_BODY): Promise<unknown> {
  const text = await readBodyText(req, limit, "the JSON body");
  if (!text.trim()) return {};
  if (!isJsonContentType(req.headers.get("content-type")))
    throw new AppError("UNSUPPORTED_FORMAT", "a JSON body must be sent with Content-Type: application/json", {
      location: { field: "content-type" },
    });
  try {
    return JSON.parse(text);
  } catch (e) {
    // V8's message quotes the text near the error; the position is enough to find it.
    const at = /position (\d+)/.exec(e instanceof Error ? e.message : "")?.[1];
    throw new AppError("BAD_REQUEST", `the body is not valid JSON${at ? ` (at character ${at})` : ""}`, {
      location: at ? { offset: Number(at) } : undefined,
    });
  }
}
