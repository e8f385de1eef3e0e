/**
 * The create/edit form of a query, as pure functions: the browser checks what it can before
 * sending (with the server's own wording), and the server still checks everything.
 */
import { DIFFICULTIES, MAX_QUERY_TEXT, MAX_TAG_LENGTH, MAX_TAGS, type Difficulty } from "@/lib/queries/query-fields";

export interface QueryFormValues {
  text: string;
  domain: string;
  difficulty: Difficulty | "";
  /** As typed: comma- or newline-separated. */
  tags: string;
}

export type QueryFormField = "text" | "domain" | "tags";
export type QueryFormErrors = Partial<Record<QueryFormField, string>>;

export interface QueryBody {
  text: string;
  domain: string;
  difficulty: Difficulty | null;
  tags: string[];
}

export const EMPTY_QUERY_FORM: QueryFormValues = { text: "", domain: "", difficulty: "", tags: "" };

/** "python, cli\nrefactor, python" → ["python", "cli", "refactor"]: trimmed, empties dropped, first spelling kept. */
export function parseTags(input: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of input.split(/[,\n]/)) {
    const tag = raw.trim();
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  return out;
}

/** The message the server gives for a domain outside the project's list. */
export function unknownDomainMessage(domain: string, domains: readonly string[]): string {
  return `unknown domain "${domain}"; this project's domains are: ${domains.join(", ")}`;
}

export function validateQueryForm(
  values: QueryFormValues,
  domains: readonly string[],
): { ok: true; body: QueryBody } | { ok: false; errors: QueryFormErrors } {
  const errors: QueryFormErrors = {};
  const text = values.text.trim();
  if (!text) errors.text = "the query text is empty";
  else if (text.length > MAX_QUERY_TEXT)
    errors.text = `the query text is ${text.length.toLocaleString("en")} characters; at most ${MAX_QUERY_TEXT.toLocaleString("en")}`;

  const domain = values.domain.trim();
  if (!domain) errors.domain = "choose a domain";
  else if (domains.length && !domains.includes(domain)) errors.domain = unknownDomainMessage(domain, domains);

  const tags = parseTags(values.tags);
  const long = tags.find((t) => t.length > MAX_TAG_LENGTH);
  if (long) errors.tags = `tag "${long.slice(0, 20)}…" is longer than ${MAX_TAG_LENGTH} characters`;
  else if (tags.length > MAX_TAGS) errors.tags = `${tags.length} tags; at most ${MAX_TAGS}`;

  if (Object.keys(errors).length) return { ok: false, errors };
  const difficulty = (DIFFICULTIES as readonly string[]).includes(values.difficulty)
    ? (values.difficulty as Difficulty)
    : null;
  return { ok: true, body: { text, domain, difficulty, tags } };
}

export function formFromQuery(q: {
  text: string;
  domain: string;
  difficulty: string | null;
  tags: readonly string[];
}): QueryFormValues {
  const difficulty = (DIFFICULTIES as readonly string[]).includes(q.difficulty ?? "")
    ? (q.difficulty as Difficulty)
    : "";
  return { text: q.text, domain: q.domain, difficulty, tags: q.tags.join(", ") };
}

/** True when saving would change something (so Save can stay disabled, and leaving can warn). */
export function formChanged(values: QueryFormValues, saved: QueryFormValues): boolean {
  return (
    values.text.trim() !== saved.text.trim() ||
    values.domain.trim() !== saved.domain.trim() ||
    values.difficulty !== saved.difficulty ||
    parseTags(values.tags).join("\u0000") !== parseTags(saved.tags).join("\u0000")
  );
}
