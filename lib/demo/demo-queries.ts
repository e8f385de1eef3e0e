/**
 * The demo's query pool, both of LIMI's tracks: tasks people wrote (the demo trajectories attempt
 * them) and tasks synthesised from pull requests, waiting for a person's check beside their diff.
 * The PRs go through the real LIMI filters, so the Pull requests tab shows what each one removed.
 */
import type { PullRequestInput } from "@/lib/queries/pull-requests/pr-types";

export interface DemoHumanQuery {
  text: string;
  domain: string;
  difficulty: "easy" | "medium" | "hard";
  tags: string[];
  status: "candidate" | "accepted" | "rejected";
  /** Title of the demo trajectory that attempts it. */
  trajectory?: string;
}

export const DEMO_HUMAN_QUERIES: DemoHumanQuery[] = [
  {
    text: "Build a 15x15 **Gomoku** web page: two modes (human vs human, human vs AI), undo/redo, win detection in all four directions, and a clean responsive layout.\n\n- no frameworks, plain HTML/CSS/JS\n- the AI must block open fours",
    domain: "Vibe Coding",
    difficulty: "medium",
    tags: ["web", "game"],
    status: "accepted",
    trajectory: "Gomoku web game with AI opponent, undo/redo",
  },
  {
    text: "`test_retry_backoff_jitter` fails about one run in five on CI. Find out why and fix the cause, not the test.",
    domain: "Vibe Coding",
    difficulty: "medium",
    tags: ["python", "flaky-test"],
    status: "accepted",
    trajectory: "Fix flaky retry backoff test in the job scheduler",
  },
  {
    text: "Collect public agentic SFT datasets (name, number of samples, average tokens, domain) and plot the reported benchmark gain against dataset size. Save a CSV and the plot.",
    domain: "Research Workflows",
    difficulty: "hard",
    tags: ["literature", "plotting"],
    status: "accepted",
    trajectory: "Survey of agentic SFT datasets: size vs reported gains",
  },
  {
    text: "Using `stats/2023_24.csv`, which team had the largest improvement in defensive rating over the previous season, and who was its leading scorer?",
    domain: "Research Workflows",
    difficulty: "easy",
    tags: ["data-analysis"],
    status: "candidate",
    trajectory: "Multi-hop QA over NBA season statistics",
  },
  {
    text: "Move the dashboard from webpack 4 to Vite, keeping the proxy config and the environment variables.",
    domain: "Vibe Coding",
    difficulty: "hard",
    tags: ["build", "migration"],
    status: "rejected",
    trajectory: "Migrate build from webpack to Vite (abandoned)",
  },
];

const diff = (file: string, lines: string[]) =>
  [`diff --git a/${file} b/${file}`, `--- a/${file}`, `+++ b/${file}`, "@@ -1,4 +1,4 @@", ...lines].join("\n") + "\n";

export const DEMO_PRS: PullRequestInput[] = [
  {
    repo: "pallets/click",
    number: 2841,
    title: "Fix shell completion for options with choices after `--`",
    body: "Completion stopped offering choices once `--` appeared on the command line.",
    patch: diff("src/click/shell_completion.py", [
      "     args = ctx.protected_args + ctx.args",
      '-    if "--" in args:',
      '+    if "--" in args[:-1]:',
      "         return []",
    ]),
    commit: "3f1c2a9b7d",
    url: "https://github.com/pallets/click/pull/2841",
  },
  {
    repo: "psf/requests",
    number: 6710,
    title: "Respect `no_proxy` entries with a leading dot",
    body: "`.example.com` in NO_PROXY did not match `api.example.com`.",
    patch: diff("src/requests/utils.py", [
      "     for host in no_proxy:",
      "-        if hostname == host:",
      "+        if hostname == host or (host.startswith('.') and hostname.endswith(host)):",
      "             return True",
    ]),
    commit: "a81e0c44f2",
    url: "https://github.com/psf/requests/pull/6710",
  },
  {
    repo: "psf/requests",
    number: 6712,
    title: "Docs: clarify timeout tuple order",
    patch: diff("docs/user/advanced.rst", [
      "-The timeout is (read, connect).",
      "+The timeout is (connect, read).",
      " ",
      " ",
    ]),
  },
  {
    repo: "pallets/click",
    number: 2850,
    title: "Rewrite the help formatter",
    patch: diff(
      "src/click/formatting.py",
      Array.from(
        { length: 400 },
        (_, i) => `+    line_${i} = wrap_text(text_${i}, width=width, initial_indent=indent, subsequent_indent=indent)`,
      ),
    ),
  },
];

/** What the model wrote for the kept PRs (as a synthesis run would store it). */
export const DEMO_SYNTHESISED: Record<
  string,
  { query: string; task_category: string; modified_files: string[]; related_files: string[]; reasoning: string }
> = {
  "pallets/click#2841": {
    query:
      "In my click-based CLI, tab completion stops suggesting values for `--format` (a Choice option) as soon as I've typed `--` anywhere earlier on the line, even before the option. Make completion keep offering choices in that case and add a test.",
    task_category: "bug fix",
    modified_files: ["src/click/shell_completion.py"],
    related_files: ["tests/test_shell_completion.py", "src/click/core.py"],
    reasoning:
      "The patch narrows the `--` check to arguments before the word being completed; a user sees this as completion silently giving up.",
  },
  "psf/requests#6710": {
    query:
      "Requests ignores my `NO_PROXY=.internal.example.com` setting: calls to `api.internal.example.com` still go through the proxy. Fix the matching so leading-dot entries cover subdomains, with tests.",
    task_category: "bug fix",
    modified_files: ["src/requests/utils.py"],
    related_files: ["tests/test_utils.py"],
    reasoning:
      "The change adds suffix matching for dot-prefixed hosts in should_bypass_proxies; the task states the user-visible symptom without naming the function.",
  },
};
