/**
 * A query's provenance as the page shows it. It is free-form JSON (synthesis writes a known shape,
 * imports may carry anything), so each field is read only when it has the expected type.
 */
export interface Provenance {
  repo: string | null;
  prNumber: number | null;
  commit: string | null;
  url: string | null;
  taskCategory: string | null;
  modifiedFiles: string[];
  relatedFiles: string[];
  reasoning: string | null;
  model: string | null;
  runId: string | null;
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.trim() !== "") : [];

export function readProvenance(p: unknown): Provenance {
  const o = typeof p === "object" && p !== null && !Array.isArray(p) ? (p as Record<string, unknown>) : {};
  const n = o.prNumber ?? o.pr_number ?? o.number;
  return {
    repo: str(o.repo),
    prNumber: typeof n === "number" && Number.isInteger(n) && n > 0 ? n : null,
    commit: str(o.commit),
    url: str(o.url) && /^https?:\/\//i.test(String(o.url)) ? String(o.url) : null,
    taskCategory: str(o.taskCategory ?? o.task_category),
    modifiedFiles: strings(o.modifiedFiles ?? o.modified_files),
    relatedFiles: strings(o.relatedFiles ?? o.related_files),
    reasoning: str(o.reasoning),
    model: str(o.model),
    runId: str(o.runId),
  };
}

/** "acme/app#12" when the repository and PR are known, "acme/app" with only the repository. */
export function provenanceLabel(p: Provenance): string | null {
  if (!p.repo) return null;
  return p.prNumber ? `${p.repo}#${p.prNumber}` : p.repo;
}
