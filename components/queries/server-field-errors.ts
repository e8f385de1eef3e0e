/**
 * The server names the field it refused (`location.field`, e.g. "domain" or "tags.2"); a form
 * shows that message under the field. Anything else is shown above the form.
 */
import { ApiError } from "@/lib/http/client-fetch";
import type { QueryFormErrors, QueryFormField } from "@/components/queries/query-form";

const FIELDS: readonly QueryFormField[] = ["text", "domain", "tags"];

export function serverFieldErrors(error: unknown): { fields: QueryFormErrors; general: Error | null } {
  if (!(error instanceof ApiError)) return { fields: {}, general: error instanceof Error ? error : null };
  const field = FIELDS.find((f) => error.field === f || error.field?.startsWith(`${f}.`));
  // zod errors read "invalid body: domain: …"; the field is shown already, so only the reason.
  if (field) return { fields: { [field]: error.message.replace(/^invalid body: [\w.]+: /, "") }, general: null };
  return { fields: {}, general: error };
}
