/**
 * Reads pull requests from a local git repository with the `git` binary (spawned without a
 * shell, arguments passed as an array, so a range can never run a command).
 *
 * A PR is a merge commit on the first-parent line of the range, diffed against its first parent
 * (what the PR brought in). Repositories that squash or rebase have no merges; then every commit
 * in the range is one PR with its own diff. Both kinds of output are capped per commit so a
 * vendored blob cannot exhaust memory; a capped patch is marked `patchTruncated`.
 */
import { spawn } from "node:child_process";
import { basename, dirname, resolve } from "node:path";
import { AppError } from "@/lib/errors/app-error";
import { PullRequestSchema, REPO_NAME_RE, type PullRequest } from "@/lib/queries/pull-requests/pr-types";

export const DEFAULT_MAX_PATCH_BYTES = 1024 * 1024;
export const DEFAULT_MAX_COMMITS = 2000;

export interface ReadPrsFromGitOptions {
  /** Path to a work tree or a bare repository. Parent directories are not searched. */
  repoPath: string;
  /** A revision range as git understands it: `main`, `v1.0..v2.0`, `abc123..HEAD`. */
  range: string;
  /** `owner/name`; default: taken from the `origin` remote, else `local/<directory name>`. */
  repoName?: string;
  /** Bytes of diff read per commit before it is cut (at a line end) and marked truncated. */
  maxPatchBytes?: number;
  /** A range with more commits than this is refused rather than read for minutes. */
  maxCommits?: number;
  signal?: AbortSignal;
}

export interface GitPrsResult {
  prs: PullRequest[];
  /** `merges` when the range had merge commits, else `commits` (one PR per commit). */
  mode: "merges" | "commits";
  repo: string;
  /** Commits whose diff was empty (e.g. `--allow-empty`, or a merge that changed nothing). */
  skippedEmpty: number;
}

interface LoggedCommit {
  sha: string;
  parents: string[];
  committedAt: string;
  message: string;
}

export async function readPrsFromGit(opts: ReadPrsFromGitOptions): Promise<GitPrsResult> {
  const repoPath = resolve(opts.repoPath);
  const maxPatchBytes = opts.maxPatchBytes ?? DEFAULT_MAX_PATCH_BYTES;
  const maxCommits = opts.maxCommits ?? DEFAULT_MAX_COMMITS;
  const range = checkRange(opts.range);
  const git = (args: string[], maxBytes?: number) => runGit(repoPath, args, { maxBytes, signal: opts.signal });

  try {
    await git(["rev-parse", "--git-dir"]);
  } catch (e) {
    throw gitFailure(e, `${opts.repoPath} is not a readable git repository`);
  }
  const origin = await originUrl(git);
  const repo = opts.repoName !== undefined ? checkRepoName(opts.repoName) : defaultRepoName(repoPath, origin);
  const githubBase =
    origin !== null && /(^|[@/])github\.com[:/]/.test(origin) ? `https://github.com/${repo}` : undefined;

  const log = async (...filters: string[]) => {
    const out = await git(
      [
        "log",
        "--no-show-signature",
        ...filters,
        "-z",
        `-n${maxCommits + 1}`,
        "--format=%H%n%P%n%cI%n%B",
        "--end-of-options",
        range,
        "--",
      ],
      LOG_CAP_BYTES,
    );
    if (out.truncated)
      throw new AppError("BAD_REQUEST", `the history of "${range}" is too large to list; narrow the range`, {
        location: { field: "range" },
      });
    return parseLog(out.stdout);
  };
  let mode: GitPrsResult["mode"] = "merges";
  let commits: LoggedCommit[];
  try {
    // First parent only: merges of main into a feature branch are not PRs, and their diffs are
    // the whole of main's progress.
    commits = await log("--merges", "--first-parent");
    if (commits.length === 0) {
      mode = "commits";
      commits = await log("--no-merges");
    }
  } catch (e) {
    throw gitFailure(e, `git could not read the range "${range}" in ${opts.repoPath}`);
  }
  if (commits.length > maxCommits) {
    throw new AppError(
      "BAD_REQUEST",
      `the range "${range}" has more than ${maxCommits} ${mode === "merges" ? "merge commits" : "commits"}; narrow it (e.g. v1.0..v1.1)`,
      {
        location: { field: "range" },
      },
    );
  }
  commits.reverse(); // oldest first, so sequential numbers are stable for the same range

  const titled = commits.map((c) => ({ commit: c, ...parseMessage(c.message) }));
  const numbers = assignNumbers(titled.map((t) => t.explicitNumber));

  const prs: PullRequest[] = [];
  let skippedEmpty = 0;
  for (let i = 0; i < titled.length; i++) {
    opts.signal?.throwIfAborted();
    const { commit, title, body, explicitNumber } = titled[i];
    // `show` rather than `diff parent commit` so a root commit (no parent) works too.
    const [cmd, ...revs] =
      mode === "merges"
        ? ["diff", commit.parents[0], commit.sha]
        : ["show", "--no-show-signature", "--format=", commit.sha];
    let patch: GitOutput;
    let names: GitOutput;
    try {
      patch = await git([cmd, ...DIFF_FLAGS, ...revs, "--"], maxPatchBytes);
      names = await git([cmd, "--no-color", "--no-relative", "-M", "--name-only", "-z", ...revs, "--"], LOG_CAP_BYTES);
    } catch (e) {
      throw gitFailure(e, `git could not diff commit ${commit.sha.slice(0, 12)}`);
    }
    if (patch.stdout.trim() === "") {
      skippedEmpty++;
      continue;
    }
    const number = numbers[i];
    prs.push(
      PullRequestSchema.parse({
        repo,
        number,
        title: title || `Commit ${commit.sha.slice(0, 12)}`,
        body: body || undefined,
        patch: patch.stdout,
        changedFiles: names.stdout.split("\0").filter((n) => n !== ""),
        mergedAt: new Date(commit.committedAt).toISOString(), // UTC, like every other timestamp we store
        commit: commit.sha,
        url: githubBase && explicitNumber === number ? `${githubBase}/pull/${number}` : undefined,
        patchTruncated: patch.truncated || undefined,
      }),
    );
  }
  return { prs, mode, repo, skippedEmpty };
}

// Explicit settings: a user's `diff.noprefix`, `diff.relative` or `color.ui=always` must not
// change what we parse.
const DIFF_FLAGS = [
  "--no-color",
  "--no-ext-diff",
  "--no-textconv",
  "--no-relative",
  "--src-prefix=a/",
  "--dst-prefix=b/",
  "-M",
];
const LOG_CAP_BYTES = 64 * 1024 * 1024;

function checkRange(range: string): string {
  const r = range.trim();
  if (r === "")
    throw new AppError("BAD_REQUEST", "the git range is empty; give a revision range such as main or v1.0..v2.0", {
      location: { field: "range" },
    });
  // `--end-of-options` already stops option parsing; this gives a clearer message first.
  if (r.startsWith("-"))
    throw new AppError(
      "BAD_REQUEST",
      `the git range "${r}" starts with "-"; give a revision range such as main or v1.0..v2.0`,
      { location: { field: "range" } },
    );
  if (/[\s\0]/.test(r))
    throw new AppError(
      "BAD_REQUEST",
      `the git range "${r}" contains whitespace; give one revision range such as v1.0..v2.0`,
      { location: { field: "range" } },
    );
  return r;
}

function checkRepoName(name: string): string {
  if (!REPO_NAME_RE.test(name))
    throw new AppError("BAD_REQUEST", `repository name "${name}" is not of the form owner/name`, {
      location: { field: "repoName" },
    });
  return name;
}

type Git = (args: string[], maxBytes?: number) => Promise<GitOutput>;

function defaultRepoName(repoPath: string, url: string | null): string {
  const fromUrl = url ? repoNameFromUrl(url) : null;
  if (fromUrl) return fromUrl;
  const dir =
    basename(repoPath)
      .replace(/\.git$/, "")
      .replace(/[^A-Za-z0-9_.-]+/g, "-") || "repository";
  return `local/${dir}`;
}

async function originUrl(git: Git): Promise<string | null> {
  try {
    return (await git(["config", "--get", "remote.origin.url"])).stdout.trim() || null;
  } catch (e) {
    // `git config --get` exits 1 when the key is absent: no origin, which is normal.
    if (e instanceof GitCommandError && e.exitCode === 1) return null;
    throw gitFailure(e, "git could not read the origin remote");
  }
}

/** `git@github.com:o/n.git`, `https://host/o/n`, `ssh://git@host/o/n.git` → `o/n`. */
export function repoNameFromUrl(url: string): string | null {
  const m = /[:/]([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url.trim());
  return m ? `${m[1]}/${m[2]}` : null;
}

function parseLog(out: string): LoggedCommit[] {
  return out
    .split("\0")
    .filter((rec) => rec.trim() !== "")
    .map((rec) => {
      const [sha, parents, committedAt, ...msg] = rec.replace(/^\n/, "").split("\n");
      return { sha, parents: parents.split(" ").filter(Boolean), committedAt, message: msg.join("\n") };
    });
}

/**
 * Title and body from a commit message. GitHub's merge message is `Merge pull request #N from
 * user/branch`, a blank line, then the PR title and description; a squash merge ends its subject
 * with `(#N)`.
 */
export function parseMessage(message: string): { title: string; body: string; explicitNumber?: number } {
  const lines = message.replace(/\r\n/g, "\n").trim().split("\n");
  const subject = (lines[0] ?? "").trim();
  const rest = lines.slice(1).join("\n").trim();
  const merge = /^Merge pull request #(\d+)\b/.exec(subject);
  if (merge) {
    if (rest === "") return { title: subject, body: "", explicitNumber: Number(merge[1]) };
    const [first, ...others] = rest.split("\n");
    return { title: first.trim(), body: others.join("\n").trim(), explicitNumber: Number(merge[1]) };
  }
  const squash = /\s*\(#(\d+)\)\s*$/.exec(subject);
  if (squash)
    return { title: subject.slice(0, squash.index).trim() || subject, body: rest, explicitNumber: Number(squash[1]) };
  return { title: subject, body: rest };
}

/**
 * Explicit PR numbers where present; otherwise 1, 2, 3… skipping numbers an explicit reference in
 * the same range uses (and a repeated explicit number, e.g. a revert quoting `(#12)`, falls back
 * to a sequential one), so `repo#number` stays unique.
 */
function assignNumbers(explicit: (number | undefined)[]): number[] {
  const used = new Set<number>();
  const out: number[] = new Array(explicit.length);
  explicit.forEach((n, i) => {
    if (n !== undefined && n > 0 && !used.has(n)) {
      used.add(n);
      out[i] = n;
    }
  });
  let next = 1;
  explicit.forEach((_, i) => {
    if (out[i] !== undefined) return;
    while (used.has(next)) next++;
    used.add(next);
    out[i] = next;
  });
  return out;
}

export class GitCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(stderr.trim() || `git ${args[0]} exited with code ${exitCode}`);
    this.name = "GitCommandError";
  }
}

function gitFailure(e: unknown, what: string): unknown {
  if (e instanceof GitCommandError) {
    const msg = e.stderr.trim().replace(/\s*\n\s*/g, "; ") || `exit code ${e.exitCode}`;
    return new AppError("BAD_REQUEST", `${what} (git: ${msg})`, {
      details: { gitArgs: e.args, exitCode: e.exitCode },
      cause: e,
    });
  }
  return e;
}

interface GitOutput {
  stdout: string;
  truncated: boolean;
}

/**
 * Runs git in `repoPath` and collects stdout up to `maxBytes`. Past the cap git is stopped and the
 * output is cut at the last complete line (never mid-character), with `truncated` set.
 */
function runGit(
  repoPath: string,
  args: string[],
  opts: { maxBytes?: number; signal?: AbortSignal },
): Promise<GitOutput> {
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  const fullArgs = ["-C", repoPath, "-c", "core.quotePath=false", ...args];
  return new Promise((resolvePromise, reject) => {
    const child = spawn("git", fullArgs, {
      stdio: ["ignore", "pipe", "pipe"],
      signal: opts.signal,
      env: {
        ...gitFreeEnv(),
        // English messages (we quote them), no prompts, no pager, and no walking up into a parent
        // repository when the given path is not one itself.
        LC_ALL: "C",
        LANGUAGE: "C",
        GIT_TERMINAL_PROMPT: "0",
        GIT_PAGER: "cat",
        GIT_CEILING_DIRECTORIES: dirname(repoPath),
      },
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      if (truncated) return;
      if (size + chunk.length > maxBytes) {
        chunks.push(chunk.subarray(0, maxBytes - size));
        size = maxBytes;
        truncated = true;
        child.kill("SIGTERM");
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 16 * 1024) stderr += chunk.toString("utf8");
    });
    child.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT")
        reject(
          new AppError(
            "UNAVAILABLE",
            "git is not installed or not on PATH; it is needed to read pull requests from a repository",
            { cause: err },
          ),
        );
      else reject(err);
    });
    child.on("close", (code) => {
      if (opts.signal?.aborted) return reject(opts.signal.reason);
      let buf = Buffer.concat(chunks);
      if (truncated) {
        const lastNewline = buf.lastIndexOf(10);
        buf = lastNewline >= 0 ? buf.subarray(0, lastNewline + 1) : Buffer.alloc(0);
        return resolvePromise({ stdout: buf.toString("utf8"), truncated: true });
      }
      if (code !== 0) return reject(new GitCommandError(args, code, stderr));
      resolvePromise({ stdout: buf.toString("utf8"), truncated: false });
    });
  });
}

/**
 * The environment without variables that point git at another repository or index. They are set
 * when this code runs inside a git hook (e.g. tests in a pre-commit hook) and would override `-C`.
 */
export function gitFreeEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const k of REPO_SELECTING_VARS) delete out[k];
  return out;
}

const REPO_SELECTING_VARS = new Set([
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_COMMON_DIR",
  "GIT_NAMESPACE",
  "GIT_PREFIX",
]);
