/**
 * Text a request may carry: no NUL characters (PostgreSQL text and jsonb cannot hold them) and no
 * lone UTF-16 surrogates (not encodable as UTF-8). Every parameter, query value and JSON field goes
 * through `assertCleanInput` in the route wrapper, so a bad value is a 400 naming its field rather
 * than a 500 from the database. Transcripts are imported by their own pipeline, which keeps such
 * text visibly escaped instead. The walk is iterative, so deeply nested input cannot overflow the stack.
 */
import { AppError } from "@/lib/errors/app-error";

function problem(s: string): string | null {
  if (s.includes("\u0000")) return "contains a NUL character (\\u0000)";
  if (!s.isWellFormed()) return "contains a lone UTF-16 surrogate (not valid Unicode)";
  return null;
}

/** Throws BAD_REQUEST naming the first field (path) whose key or value is not clean text. */
export function assertCleanInput(value: unknown, where: "body" | "query" | "params"): void {
  const stack: Array<{ v: unknown; path: string }> = [{ v: value, path: "" }];
  while (stack.length) {
    const { v, path } = stack.pop() as { v: unknown; path: string };
    if (typeof v === "string") {
      const p = problem(v);
      if (p) {
        const field = path || where;
        throw new AppError("BAD_REQUEST", `invalid ${where}: ${field} ${p}`, { location: { field } });
      }
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: path ? `${path}.${i}` : String(i) });
    } else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        const keyProblem = problem(k);
        const childPath = path ? `${path}.${k}` : k;
        if (keyProblem) {
          const field = path || where;
          throw new AppError("BAD_REQUEST", `invalid ${where}: a key in ${field} ${keyProblem}`, {
            location: { field },
          });
        }
        stack.push({ v: child, path: childPath });
      }
    }
  }
}
