/**
 * The pull request as the query pool sees it: enough to filter it (patch size, files touched) and
 * to prompt a model to write a task from it. PR files, local git history and (later) the GitHub
 * API all map into this one shape.
 */
import { z } from "zod";

/** GitHub's own rules are stricter; this only guards the `owner/name` shape keys are built from. */
export const REPO_NAME_RE = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

// Sources such as the GitHub API send `null` for an absent body or date; treat it as absent.
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

export const PullRequestSchema = z
  .object({
    repo: z.string().regex(REPO_NAME_RE, { error: 'expected "owner/name"' }),
    number: z.number().int().positive(),
    title: z.string().trim().min(1, { error: "title is empty" }),
    body: optional(z.string()),
    /** Unified diff text (`git diff` / GitHub `.diff`). */
    patch: z.string().refine((s) => s.trim() !== "", { error: "patch is empty" }),
    /** Paths after the change; derived from the patch when the source does not list them. */
    changedFiles: z.array(z.string().min(1)).optional(),
    mergedAt: optional(z.iso.datetime({ offset: true })),
    commit: optional(z.string().regex(/^[0-9a-f]{7,64}$/i, { error: "expected a hex commit id" })),
    /** Shown as a link: only http(s), never `javascript:` or `data:`. */
    url: optional(z.url({ protocol: /^https?$/, error: "expected an http(s) URL" })),
    stars: optional(z.number().int().nonnegative()),
    /** Set when the reader stopped before the end of a huge diff: the patch is only a prefix. */
    patchTruncated: optional(z.boolean()),
  })
  .transform((pr) => ({ ...pr, changedFiles: pr.changedFiles ?? filesFromPatch(pr.patch) }));

export type PullRequest = z.output<typeof PullRequestSchema>;
export type PullRequestInput = z.input<typeof PullRequestSchema>;

/** The identity used for resume and dedup: one synthesis per PR. */
export const prKey = (pr: Pick<PullRequest, "repo" | "number">): string => `${pr.repo}#${pr.number}`;

/**
 * Paths a unified diff touches, in order, without duplicates. A deleted file is listed under its
 * old path, a renamed one under its new path. Hunk bodies are skipped by their line counts, so a
 * removed line that happens to read `--- x` is not mistaken for a file header.
 */
export function filesFromPatch(patch: string): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (p: string | null) => {
    if (p && !seen.has(p)) {
      seen.add(p);
      files.push(p);
    }
  };

  let section: {
    header: string | null;
    oldPath: string | null;
    newPath: string | null;
    renameTo: string | null;
  } | null = null;
  const flush = () => {
    if (!section) return;
    add(section.renameTo ?? section.newPath ?? section.oldPath ?? section.header);
    section = null;
  };
  let oldLeft = 0;
  let newLeft = 0;

  const lines = patch.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, "");
    if (oldLeft > 0 || newLeft > 0) {
      const c = line[0];
      if (c === "\\") continue; // "\ No newline at end of file"
      if (c === "-") {
        oldLeft--;
        continue;
      }
      if (c === "+") {
        newLeft--;
        continue;
      }
      if (c === " " || line === "") {
        oldLeft--;
        newLeft--;
        continue;
      }
      // A hunk shorter than its header claims (hand-edited diff): resume header parsing.
      oldLeft = newLeft = 0;
    }
    if (line.startsWith("diff --git ")) {
      flush();
      section = {
        header: pathFromGitHeader(line.slice("diff --git ".length)),
        oldPath: null,
        newPath: null,
        renameTo: null,
      };
      continue;
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line);
    if (hunk) {
      oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      newLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
      continue;
    }
    if (line.startsWith("--- ") && lines[i + 1]?.startsWith("+++ ")) {
      // A plain `diff -u` has no `diff --git` line: the `---`/`+++` pair starts the section.
      if (!section || section.oldPath !== null || section.newPath !== null) {
        flush();
        section = { header: null, oldPath: null, newPath: null, renameTo: null };
      }
      section.oldPath = headerPath(line.slice(4), "a/");
      section.newPath = headerPath(lines[i + 1].replace(/\r$/, "").slice(4), "b/");
      i++;
      continue;
    }
    if (section && line.startsWith("rename to ")) section.renameTo = unquote(line.slice("rename to ".length));
  }
  flush();
  return files;
}

/** `a/x b/x` → `x`. Only unambiguous when both sides are equal, which covers every non-rename. */
function pathFromGitHeader(rest: string): string | null {
  if (rest.startsWith('"')) {
    const m = /^"((?:[^"\\]|\\.)*)" "?(?:[^"]*)"?$/.exec(rest);
    return m ? stripPrefix(unquote(`"${m[1]}"`), "a/") : null;
  }
  const len = (rest.length - 5) / 2;
  if (
    Number.isInteger(len) &&
    len > 0 &&
    rest.startsWith("a/") &&
    rest.slice(2, 2 + len) === rest.slice(len + 5) &&
    rest.slice(2 + len, len + 5) === " b/"
  ) {
    return rest.slice(2, 2 + len);
  }
  return null;
}

function headerPath(raw: string, prefix: string): string | null {
  // `diff -u` appends a tab and a timestamp after the name.
  const name = unquote(raw.split("\t")[0].trim());
  if (name === "/dev/null") return null;
  return stripPrefix(name, prefix);
}

const stripPrefix = (p: string, prefix: string) => (p.startsWith(prefix) ? p.slice(prefix.length) : p);

/** Git C-quotes names with unusual bytes: `"caf\303\251.txt"`. */
function unquote(s: string): string {
  if (!(s.startsWith('"') && s.endsWith('"') && s.length >= 2)) return s;
  const bytes: number[] = [];
  const body = s.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, "\\": 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== "\\") {
      bytes.push(...Buffer.from(ch, "utf8"));
      continue;
    }
    const next = body[i + 1];
    const oct = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (oct) {
      bytes.push(parseInt(oct[0], 8));
      i += 3;
    } else if (next !== undefined && next in simple) {
      bytes.push(simple[next]);
      i++;
    } else bytes.push(92);
  }
  return Buffer.from(bytes).toString("utf8");
}
