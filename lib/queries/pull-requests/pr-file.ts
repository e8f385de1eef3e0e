/**
 * Reads a file of pull requests: a JSON array or JSONL, one PR object per line. Field aliases
 * found in common dumps are accepted (`diff` for `patch`, `changed_files`/`files` for
 * `changedFiles`, GitHub's `merged_at`/`html_url`). All-or-nothing: every record is checked and
 * the file is refused if any is bad, so an import never stores half a file.
 */
import { readFile, stat } from "node:fs/promises";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { parseError } from "@/lib/formats/parse-error";
import { jsonErrorReason, stripBom } from "@/lib/formats/io/json-lines";
import { formatBytes, locateJsonError } from "@/lib/formats/io/json-document";
import { PullRequestSchema, prKey, type PullRequest } from "@/lib/queries/pull-requests/pr-types";

export const DEFAULT_MAX_PR_FILE_BYTES = 64 * 1024 * 1024;

/** canonical field → accepted spellings, canonical first. */
const ALIASES: Record<string, readonly string[]> = {
  patch: ["patch", "diff"],
  changedFiles: ["changedFiles", "changed_files", "files"],
  mergedAt: ["mergedAt", "merged_at"],
  url: ["url", "html_url"],
  stars: ["stars", "stargazers_count"],
};

export interface PrFileProblem {
  line?: number;
  /** 0-based element index for a JSON array. */
  index?: number;
  field?: string;
  message: string;
}

/** Problems beyond this are counted, not listed: the first few are what a person fixes first. */
const MAX_LISTED_PROBLEMS = 20;

export async function readPrFile(
  path: string,
  opts: { maxBytes?: number; displayName?: string } = {},
): Promise<PullRequest[]> {
  const name = opts.displayName ?? path;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_PR_FILE_BYTES;
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    throw new AppError("BAD_REQUEST", `${name}: cannot read the pull request file (${jsonErrorReason(e)})`, {
      location: { file: name },
      cause: e,
    });
  }
  if (size > maxBytes) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `${name}: the file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit for pull request files; split it`,
      {
        location: { file: name },
      },
    );
  }
  return parsePrText(await readFile(path, "utf8"), name);
}

/** Parses the text of a PR file. `filename` is only used in messages. */
export function parsePrText(text: string, filename: string): PullRequest[] {
  const body = stripBom(text);
  const trimmed = body.trimStart();
  if (trimmed === "")
    throw parseError(
      filename,
      "the file is empty; expected a JSON array of pull requests or one JSON object per line (JSONL)",
    );

  const records = trimmed.startsWith("[") ? arrayRecords(body, filename) : jsonlRecords(body, filename);
  const problems: PrFileProblem[] = [];
  const prs: PullRequest[] = [];
  const firstSeen = new Map<string, string>();
  for (const rec of records) {
    const where =
      rec.index !== undefined
        ? `element ${rec.index}${rec.line !== undefined ? ` (line ${rec.line})` : ""}`
        : `line ${rec.line}`;
    const result = toPullRequest(rec.value);
    if (!result.ok) {
      problems.push({ line: rec.line, index: rec.index, field: result.field, message: result.message });
      continue;
    }
    const key = prKey(result.pr);
    const earlier = firstSeen.get(key);
    if (earlier) {
      problems.push({
        line: rec.line,
        index: rec.index,
        field: "number",
        message: `duplicate pull request ${key} (already at ${earlier})`,
      });
      continue;
    }
    firstSeen.set(key, where);
    prs.push(result.pr);
  }
  if (problems.length > 0) throw problemsError(filename, problems);
  return prs;
}

interface RawRecord {
  value: unknown;
  line?: number;
  index?: number;
}

function jsonlRecords(text: string, filename: string): RawRecord[] {
  const out: RawRecord[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === "") continue;
    try {
      out.push({ value: JSON.parse(raw), line: i + 1 });
    } catch (e) {
      // One pretty-printed object is a common hand-written shape: accept it as a single PR.
      if (out.length === 0) {
        const whole = tryParse(text);
        if (whole.ok && isPlainObject(whole.value)) return [{ value: whole.value, line: i + 1 }];
      }
      throw parseError(
        filename,
        `invalid JSON (${jsonErrorReason(e)}); expected a JSON array of pull requests or one JSON object per line (JSONL)`,
        {
          line: i + 1,
        },
      );
    }
  }
  return out;
}

function arrayRecords(text: string, filename: string): RawRecord[] {
  const parsed = tryParse(text);
  if (!parsed.ok) {
    const { line, offset } = locateJsonError(text, parsed.error);
    throw parseError(filename, `invalid JSON (${jsonErrorReason(parsed.error)})`, line ? { line } : { offset });
  }
  if (!Array.isArray(parsed.value)) throw parseError(filename, "expected a JSON array of pull requests");
  const lines = elementLines(text);
  return parsed.value.map((value, index) => ({ value, index, line: lines[index] }));
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * 1-based line where each top-level array element starts. Only called on text that already
 * parsed, so a scan of strings and brackets is enough; no second parser needed.
 */
export function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") line++;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\n") continue;
    if (depth === 1 && expectValue && c !== "]") {
      lines.push(line);
      expectValue = false;
    }
    if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 1) expectValue = true;
  }
  return lines;
}

type Conversion = { ok: true; pr: PullRequest } | { ok: false; field?: string; message: string };

function toPullRequest(value: unknown): Conversion {
  if (!isPlainObject(value)) return { ok: false, message: `expected a pull request object, got ${describe(value)}` };
  const record: Record<string, unknown> = { ...value };
  // Remember which spelling the file used, so a message names the field the person wrote.
  const spelled: Record<string, string> = {};
  for (const [canonical, names] of Object.entries(ALIASES)) {
    const present = names.filter((n) => record[n] !== undefined);
    if (present.length === 0) continue;
    const first = present[0];
    for (const other of present.slice(1)) {
      if (JSON.stringify(record[other]) !== JSON.stringify(record[first])) {
        return {
          ok: false,
          field: other,
          message: `${first} and ${other} are both given with different values; keep one`,
        };
      }
    }
    const v = record[first];
    for (const n of names) delete record[n];
    record[canonical] = canonical === "changedFiles" ? normalizeFileList(v) : v;
    spelled[canonical] = first;
  }

  const parsed = PullRequestSchema.safeParse(record);
  if (parsed.success) return { ok: true, pr: parsed.data };
  const issue = parsed.error.issues[0];
  const [head, ...rest] = issue.path.map(String);
  const field = head === undefined ? undefined : [spelled[head] ?? head, ...rest].join(".");
  return { ok: false, field, message: issueMessage(issue, record, head) };
}

/** GitHub's `files` is a list of objects with `filename`; dumps usually keep just the names. */
function normalizeFileList(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  return v.map((f) => (isPlainObject(f) && typeof f.filename === "string" ? f.filename : f));
}

function issueMessage(
  issue: z.ZodError["issues"][number],
  record: Record<string, unknown>,
  head: string | undefined,
): string {
  if (head !== undefined && record[head] === undefined && issue.code === "invalid_type") return "is required";
  return issue.message;
}

function problemsError(filename: string, problems: PrFileProblem[]): AppError {
  const [first] = problems;
  const label = (p: PrFileProblem) => {
    const parts: string[] = [];
    if (p.index !== undefined) parts.push(`element ${p.index}`);
    if (p.line !== undefined) parts.push(`line ${p.line}`);
    if (p.field) parts.push(`field ${p.field}`);
    return parts.join(" ");
  };
  const more =
    problems.length > 1
      ? ` (and ${problems.length - 1} more bad record${problems.length > 2 ? "s" : ""}; nothing was imported)`
      : "; nothing was imported";
  return new AppError("VALIDATION", `${filename} ${label(first)}: ${first.message}${more}`, {
    location: { file: filename, line: first.line, field: first.field },
    details: { problems: problems.slice(0, MAX_LISTED_PROBLEMS), problemCount: problems.length },
  });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "string" ? "a string" : `a ${typeof v}`;
}
