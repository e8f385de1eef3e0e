/**
 * The authorization matrix's expectations, read from README.md rather than from the code: the API
 * table says which permission each endpoint needs, the role table which role holds which
 * permission. The permission table (lib/auth/permissions.ts), the route wrappers' tags and the
 * matrix's own specs are checked against this independent statement, so one wrong permission
 * copied into both the code and the specs still fails.
 *
 * How README rows are read (keep new rows in this shape):
 *
 * API table: any table row whose first cell's first code span is an HTTP method and a path under
 * `/api/`, e.g. `| `GET /api/projects/{slug}/members` · `POST` · `PATCH /members/{userId}` · `DELETE` | `member.read` · `member.manage` |`.
 * - Endpoints are the code spans of the first cell, in order. A span is `METHOD[/METHOD…] path`,
 *   `METHOD` alone (the previous span's path) or a path alone (the row's first method).
 * - A path that does not start with `/api/` continues the row's first path: it replaces that path
 *   from its rightmost segment equal to its own first segment (`/members/{userId}` after
 *   `/api/projects/{slug}/members`), or is appended when there is none (`/steps` after
 *   `/api/projects/{slug}/trajectories/{id}`). `{name}` segments match any `[param]` folder;
 *   `?query` parts are ignored.
 * - The second cell starts with `public`, `signed in` or `instance admin`, or names permissions as
 *   code spans (`query.read`):
 *   - labelled, `read: `a.read`; write: `a.write`; bulk: `a.decide``: GET endpoints take the
 *     `read` label; other methods take the first other label, or the label one of whose words is
 *     a segment of their path (`bulk` → `/queries/bulk`);
 *   - else in order, `a.read` · `a.manage`: the n-th endpoint takes the n-th permission, and
 *     endpoints past the last permission take the last one.
 *
 * Role table: the table whose header is `| permission | annotator | reviewer | lead | admin |`;
 * each row names a permission in a code span and marks the roles that hold it with `✓` (an empty
 * cell or `—` for the others).
 */

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export type ReadmeAccess =
  { kind: "public" } | { kind: "user" } | { kind: "instance" } | { kind: "project"; action: string };

export interface ReadmeStatement {
  /** Keyed by `METHOD /api/path` with every parameter segment written `*`. */
  endpoints: Map<string, { access: ReadmeAccess; line: number }>;
  /** Role → the permissions README's role table gives it. */
  grants: Map<string, Set<string>>;
  /** Permissions with a row in the role table. */
  permissions: Set<string>;
  /** Rows that do not follow the rules above, with their line numbers. */
  errors: string[];
}

const METHOD_RE = HTTP_METHODS.join("|");
const SPAN_RE = new RegExp(`^((?:${METHOD_RE})(?:/(?:${METHOD_RE}))*)?\\s*(/\\S*)?$`);
const PERMISSION_RE = /^[a-z]+(?:\.[a-z]+)+$/;

/** The endpoint key a route folder or a README path is compared by: parameters become `*`. */
export function endpointKey(method: string, path: string): string {
  const segments = path
    .split("?")[0]
    .split("/")
    .map((s) => (/^\{.*\}$|^\[.*\]$/.test(s) ? "*" : s));
  return `${method} ${segments.join("/")}`;
}

function cells(line: string): string[] {
  const t = line.trim();
  return t
    .slice(1, t.endsWith("|") ? -1 : undefined)
    .split("|")
    .map((c) => c.trim());
}

const codeSpans = (cell: string): string[] => [...cell.matchAll(/`([^`]*)`/g)].map((m) => m[1].trim());

function resolvePath(base: string, rel: string): string {
  const b = base.split("/").filter(Boolean);
  const r = rel.split("/").filter(Boolean);
  const at = b.lastIndexOf(r[0]);
  return "/" + (at >= 0 ? [...b.slice(0, at), ...r] : [...b, ...r]).join("/");
}

function parseEndpoints(cell: string): { method: string; path: string }[] | string {
  const out: { method: string; path: string }[] = [];
  let firstMethod: string | undefined;
  let firstPath: string | undefined;
  let lastPath: string | undefined;
  for (const span of codeSpans(cell)) {
    const m = SPAN_RE.exec(span);
    if (!m || (!m[1] && !m[2])) return `\`${span}\` is neither METHOD, a path nor METHOD path`;
    const methods = m[1] ? m[1].split("/") : firstMethod ? [firstMethod] : [];
    let path = lastPath;
    if (m[2]) {
      const p = m[2].split("?")[0];
      if (p.startsWith("/api/")) path = p;
      else if (firstPath) path = resolvePath(firstPath, p);
      else return `\`${span}\` continues a path, but the row has no /api/ path before it`;
    }
    if (!methods.length || !path) return `\`${span}\` has no method or no path before it`;
    firstMethod ??= methods[0];
    firstPath ??= path;
    lastPath = path;
    for (const method of methods) out.push({ method, path });
  }
  return out;
}

function parseAccess(cell: string, endpoints: { method: string; path: string }[]): ReadmeAccess[] | string {
  const text = cell.trim().toLowerCase();
  if (text.startsWith("public")) return endpoints.map(() => ({ kind: "public" }));
  if (text.startsWith("signed in")) return endpoints.map(() => ({ kind: "user" }));
  if (text.startsWith("instance admin")) return endpoints.map(() => ({ kind: "instance" }));
  const labelled = cell
    .split(";")
    .map((clause) => /^\s*([^:`]+?):\s*`([^`]+)`/.exec(clause))
    .filter((m): m is RegExpExecArray => m !== null && PERMISSION_RE.test(m[2]))
    .map((m) => ({
      words: m[1]
        .toLowerCase()
        .split(/[^a-z]+/)
        .filter(Boolean),
      action: m[2],
    }));
  if (labelled.length) {
    const read = labelled.find((l) => l.words.length === 1 && l.words[0] === "read");
    const others = labelled.filter((l) => l !== read);
    const out: ReadmeAccess[] = [];
    for (const e of endpoints) {
      const segments = e.path.split("/");
      const label =
        e.method === "GET" ? read : (others.find((l) => l.words.some((w) => segments.includes(w))) ?? others[0]);
      if (!label) return `no ${e.method === "GET" ? "`read:`" : "non-read"} permission for ${e.method} ${e.path}`;
      out.push({ kind: "project", action: label.action });
    }
    return out;
  }
  const actions = codeSpans(cell).filter((s) => PERMISSION_RE.test(s));
  if (!actions.length) return "names no permission (`a.b`), and is not public, signed in or instance admin";
  return endpoints.map((_, i) => ({ kind: "project", action: actions[Math.min(i, actions.length - 1)] }));
}

export function parseReadmeAccess(markdown: string, roles: readonly string[]): ReadmeStatement {
  const st: ReadmeStatement = { endpoints: new Map(), grants: new Map(), permissions: new Set(), errors: [] };
  const lines = markdown.split("\n");
  let roleColumns: string[] | null = null;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim().startsWith("|")) {
      roleColumns = null;
      return;
    }
    const row = cells(raw);
    if (row[0] === "permission" && row.length > 1 && row.slice(1).every((c) => roles.includes(c))) {
      roleColumns = row.slice(1);
      for (const r of roleColumns) if (!st.grants.has(r)) st.grants.set(r, new Set());
      return;
    }
    if (roleColumns) {
      if (/^-+$/.test(row[0].replace(/[:\s]/g, ""))) return;
      const [permission] = codeSpans(row[0]);
      if (!permission || !PERMISSION_RE.test(permission)) {
        st.errors.push(`README.md:${line}: a role table row must name a permission in a code span`);
        return;
      }
      st.permissions.add(permission);
      roleColumns.forEach((role, c) => {
        const mark = row[c + 1] ?? "";
        if (mark === "✓") st.grants.get(role)!.add(permission);
        else if (mark !== "" && mark !== "—")
          st.errors.push(`README.md:${line}: ${permission} for ${role} is "${mark}", not ✓, — or empty`);
      });
      return;
    }
    const first = codeSpans(row[0] ?? "")[0] ?? "";
    if (!new RegExp(`^(?:${METHOD_RE})(?:/(?:${METHOD_RE}))*\\s+/api/`).test(first)) return;
    const endpoints = parseEndpoints(row[0]);
    if (typeof endpoints === "string") {
      st.errors.push(`README.md:${line}: ${endpoints}`);
      return;
    }
    const access = parseAccess(row[1] ?? "", endpoints);
    if (typeof access === "string") {
      st.errors.push(`README.md:${line}: the permission cell ${access}`);
      return;
    }
    endpoints.forEach((e, n) => {
      const key = endpointKey(e.method, e.path);
      const seen = st.endpoints.get(key);
      if (seen) st.errors.push(`README.md:${line}: ${key} is listed again (first on line ${seen.line})`);
      else st.endpoints.set(key, { access: access[n], line });
    });
  });
  return st;
}
