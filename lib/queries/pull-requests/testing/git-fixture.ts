/**
 * Builds a small git repository in a temp directory for tests of the git reader and the PR
 * filters. History (main, oldest first):
 *
 *   initial            src/app.ts, src/util.ts, README.md (root commit)
 *   #12 merge          "Add greeting option": src/app.ts, small
 *   #13 merge          "Improve the getting started docs": README.md + docs/guide.md (docs only)
 *   #14 merge          "Add lookup table": src/data.ts, ~3,000 lines (too large)
 *   #15 merge          "Share the formatting helper": src/app.ts + src/util.ts; its branch
 *                      merged main in first (a back-merge, not a PR)
 *   tag merges-done
 *   commit             "Fix off-by-one in clamp (#20)": src/util.ts
 *   commit             "Tidy imports": src/app.ts (no PR number)
 *
 * Dates are fixed and git's global/system config is ignored, so runs are reproducible.
 */
import { execFile } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { gitFreeEnv } from "@/lib/queries/pull-requests/git-prs";

const run = promisify(execFile);

export interface GitFixture {
  path: string;
  /** The root commit. */
  initial: string;
  git(...args: string[]): Promise<string>;
  cleanup(): Promise<void>;
}

export async function buildFixtureRepo(): Promise<GitFixture> {
  const path = await mkdtemp(join(tmpdir(), "limi-git-fixture-"));
  let tick = 0;
  const git = async (...args: string[]) => {
    tick++;
    const date = new Date(Date.UTC(2024, 0, 1, 12, tick)).toISOString();
    const { stdout } = await run(
      "git",
      [
        "-c",
        "user.name=Fixture",
        "-c",
        "user.email=fixture@example.com",
        "-c",
        "commit.gpgsign=false",
        "-c",
        "init.defaultBranch=main",
        ...args,
      ],
      {
        cwd: path,
        env: {
          ...gitFreeEnv(),
          GIT_CONFIG_GLOBAL: "/dev/null",
          GIT_CONFIG_NOSYSTEM: "1",
          GIT_AUTHOR_DATE: date,
          GIT_COMMITTER_DATE: date,
          LC_ALL: "C",
        },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return stdout.trim();
  };
  const write = async (file: string, text: string) => {
    await mkdir(dirname(join(path, file)), { recursive: true });
    await writeFile(join(path, file), text);
  };
  const commit = async (message: string) => {
    await git("add", "-A");
    await git("commit", "-q", "-m", message);
  };
  const mergePr = async (branch: string, number: number, title: string, body: string) => {
    await git("checkout", "-q", "main");
    await git(
      "merge",
      "-q",
      "--no-ff",
      branch,
      "-m",
      `Merge pull request #${number} from alice/${branch}`,
      "-m",
      `${title}\n\n${body}`,
    );
  };

  await git("init", "-q", "-b", "main");
  await git("remote", "add", "origin", "git@github.com:acme/widgets.git");
  await write(
    "src/app.ts",
    'import { clamp } from "./util";\n\nexport function greet(name: string): string {\n  return `Hello, ${name}`;\n}\n\nexport const limit = clamp(5, 0, 10);\n',
  );
  await write(
    "src/util.ts",
    "export function clamp(x: number, lo: number, hi: number): number {\n  return Math.min(hi, Math.max(lo, x));\n}\n",
  );
  await write("README.md", "# Widgets\n\nA tiny library.\n");
  await commit("Initial commit");
  const initial = await git("rev-parse", "HEAD");

  await git("checkout", "-q", "-b", "feature-greet");
  await write(
    "src/app.ts",
    'import { clamp } from "./util";\n\nexport function greet(name: string, greeting = "Hello"): string {\n  return `${greeting}, ${name}`;\n}\n\nexport const limit = clamp(5, 0, 10);\n',
  );
  await commit("Add greeting option");
  await mergePr("feature-greet", 12, "Add greeting option", "Lets callers pass a custom greeting.");

  await git("checkout", "-q", "-b", "multi");
  await write(
    "src/util.ts",
    "export function clamp(x: number, lo: number, hi: number): number {\n  return Math.min(hi, Math.max(lo, x));\n}\n\nexport const format = (s: string) => s.trim();\n",
  );
  await commit("Add format helper");

  await git("checkout", "-q", "main");
  await git("checkout", "-q", "-b", "docs");
  await write("README.md", "# Widgets\n\nA tiny library.\n\nSee docs/guide.md to get started.\n");
  await write("docs/guide.md", "# Getting started\n\nInstall, then call greet().\n");
  await commit("Improve docs");
  await mergePr("docs", 13, "Improve the getting started docs", "Adds a guide.");

  await git("checkout", "-q", "-b", "big");
  const rows = Array.from(
    { length: 3000 },
    (_, i) => `  { id: ${i}, code: "W${String(i).padStart(5, "0")}", weight: ${(i * 37) % 101} },`,
  );
  await write("src/data.ts", `export const TABLE = [\n${rows.join("\n")}\n];\n`);
  await commit("Add lookup table");
  await mergePr("big", 14, "Add lookup table", "Generated from the catalogue.");

  await git("checkout", "-q", "multi");
  await git("merge", "-q", "--no-ff", "main", "-m", "Merge branch 'main' into multi");
  await write(
    "src/app.ts",
    'import { clamp, format } from "./util";\n\nexport function greet(name: string, greeting = "Hello"): string {\n  return `${greeting}, ${format(name)}`;\n}\n\nexport const limit = clamp(5, 0, 10);\n',
  );
  await commit("Use format helper in greet");
  await mergePr("multi", 15, "Share the formatting helper", "Moves trimming into util.");
  await git("tag", "merges-done");

  await write(
    "src/util.ts",
    'export function clamp(x: number, lo: number, hi: number): number {\n  return Math.min(hi, Math.max(lo, x));\n}\n\nexport const format = (s: string) => s.trim().replace(/\\s+/g, " ");\n',
  );
  await commit("Fix off-by-one in clamp (#20)\n\nThe upper bound was exclusive.");
  await write(
    "src/app.ts",
    'import { format, clamp } from "./util";\n\nexport function greet(name: string, greeting = "Hello"): string {\n  return `${greeting}, ${format(name)}`;\n}\n\nexport const limit = clamp(5, 0, 10);\n',
  );
  await commit("Tidy imports");

  return { path, initial, git, cleanup: () => rm(path, { recursive: true, force: true }) };
}
