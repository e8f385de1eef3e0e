/**
 * The one place where errors become HTTP responses. AppErrors keep their code and message; zod
 * errors become 422 with the field; anything else is a 500 whose details stay in the server log.
 */
import { ZodError } from "zod";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { logError } from "@/lib/log";

export function zodToAppError(err: ZodError, where: "body" | "query" | "params"): AppError {
  const first = err.issues[0];
  const field = first?.path.length ? first.path.join(".") : where;
  const message = err.issues.map((i) => `${i.path.length ? i.path.join(".") : where}: ${i.message}`).join("; ");
  return new AppError("VALIDATION", `invalid ${where}: ${message}`, {
    location: { field },
    details: err.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  });
}

export function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  if (err instanceof ZodError) return zodToAppError(err, "body");
  return new AppError("INTERNAL", "internal error", { cause: err });
}

export function errorResponse(err: unknown): Response {
  const e = toAppError(err);
  if (e.code === "INTERNAL") logError("unhandled error in route", err);
  const body = e.code === "INTERNAL" ? { error: { code: e.code, message: "internal error" } } : { error: e.toJSON() };
  const headers: Record<string, string> =
    e.retryAfterSeconds !== undefined ? { "retry-after": String(Math.ceil(e.retryAfterSeconds)) } : {};
  return Response.json(body, { status: e.status, headers });
}

/** A handler may return a plain value (200 JSON), a Response, or `withStatus(...)`. */
export class StatusBody {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}
export const withStatus = (status: number, body: unknown) => new StatusBody(status, body);

export function toResponse(out: unknown): Response {
  if (out instanceof Response) return out;
  if (out instanceof StatusBody)
    return out.status === 204 ? new Response(null, { status: 204 }) : Response.json(out.body, { status: out.status });
  return Response.json(out ?? null);
}
