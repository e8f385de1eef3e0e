import { AppError, type ErrorLocation } from "@/lib/errors/app-error";

/**
 * A rejection of input. The message always says where (file, line or byte offset, field) and what
 * was expected, e.g. `session.jsonl line 12: expected a JSON object, got invalid JSON (Unexpected token...)`.
 */
export function parseError(file: string, message: string, where: Omit<ErrorLocation, "file"> = {}): AppError {
  const parts = [file];
  if (where.line !== undefined) parts.push(`line ${where.line}`);
  else if (where.offset !== undefined) parts.push(`byte ${where.offset}`);
  if (where.field) parts.push(`field ${where.field}`);
  return new AppError("VALIDATION", `${parts.join(" ")}: ${message}`, { location: { file, ...where } });
}
