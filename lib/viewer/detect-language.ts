/**
 * Picks a Monaco language id for a piece of text: JSON, diff/patch, shell, Python,
 * TypeScript/JavaScript, markdown, or plaintext. A file name, when known, wins; otherwise the
 * first lines are scored. Cheap on megabytes: only the head is read.
 */
export const LANGUAGES = [
  "json",
  "diff",
  "shell",
  "python",
  "typescript",
  "javascript",
  "markdown",
  "plaintext",
] as const;
export type Language = (typeof LANGUAGES)[number];

const EXTENSIONS: Record<string, Language> = {
  json: "json",
  jsonl: "json",
  ipynb: "json",
  diff: "diff",
  patch: "diff",
  sh: "shell",
  bash: "shell",
  zsh: "shell",
  py: "python",
  pyi: "python",
  ts: "typescript",
  tsx: "typescript",
  mts: "typescript",
  cts: "typescript",
  js: "javascript",
  jsx: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  md: "markdown",
  markdown: "markdown",
  mdx: "markdown",
  txt: "plaintext",
  log: "plaintext",
};

export function languageFromFilename(name: string): Language | null {
  const base = name.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  if (dot <= 0 && !base.startsWith(".")) return null;
  return EXTENSIONS[base.slice(dot + 1).toLowerCase()] ?? null;
}

// The viewer runs this for every tool output it renders, so the head is kept short: 100 lines say
// as much about a language as 200 do, at half the regex work.
const HEAD_CHARS = 8_000;
const HEAD_LINES = 100;

function looksLikeJson(text: string): boolean {
  const first = text[0];
  const last = text[text.length - 1];
  if ((first === "{" && last === "}") || (first === "[" && last === "]")) {
    // Big documents are trusted on their brackets and a key-looking start; parsing megabytes just to pick colours is waste.
    if (text.length > 1_000_000) return /^[[{]\s*("|\{|\[|\]|\}|-?\d|true|false|null)/.test(text);
    if (parses(text)) return true;
  }
  // JSON Lines (which also starts and ends with braces): every non-empty head line is an object.
  const lines = text
    .slice(0, HEAD_CHARS)
    .split("\n")
    .filter((l) => l.trim())
    .slice(0, 20);
  return lines.length > 1 && lines.every((l) => /^\s*\{.*\}\s*$/.test(l) && parses(l));
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function score(lines: string[], patterns: RegExp[]): number {
  let n = 0;
  for (const line of lines) for (const p of patterns) if (p.test(line)) n++;
  return n;
}

const PYTHON = [
  /^\s*def \w+\s*\(.*\)\s*(->\s*[\w\[\], .|]+)?:\s*$/,
  /^\s*class \w+(\(.*\))?:\s*$/,
  /^\s*(from [\w.]+ import \w|import [\w.]+(\s+as \w+)?\s*$)/,
  /^\s*(elif |except\b.*:|try:\s*$|with .+ as \w+:)/,
  /\bself\.\w+/,
  /^\s*@\w+/,
  /if __name__ == ["']__main__["']/,
  /^\s*print\(/,
];
const TYPESCRIPT = [
  /^\s*(export\s+)?(interface|type|enum)\s+\w+/,
  /:\s*(string|number|boolean|void|unknown|any|never)(\[\])?\s*[,;)=]/,
  /\bas const\b/,
  /^\s*(public|private|protected|readonly)\s+\w+/,
  /<\w+(\[\])?>\(/,
  /^\s*import type\b/,
  /\)\s*:\s*\w+(<[\w, ]+>)?\s*(=>|\{)/,
];
const JAVASCRIPT = [
  /^\s*(const|let|var)\s+[\w{[]/,
  /^\s*(export\s+)?(default\s+)?(async\s+)?function\b/,
  /=>\s*[{(]?/,
  /\brequire\(["']/,
  /\bmodule\.exports\b/,
  /^\s*import .+ from ["']/,
  /^\s*export (default|const|class|\{)/,
  /\bconsole\.\w+\(/,
  /^\s*(if|for|while)\s*\(.*\)\s*\{/,
];
const SHELL = [
  /^\s*\$ \S/,
  /^\s*(sudo|cd|ls|git|npm|npx|pnpm|yarn|pip|pip3|python3?|echo|export|apt(-get)?|curl|wget|mkdir|rm|cp|mv|cat|grep|sed|awk|chmod|docker|make|source)\b/,
  /\s(&&|\|\|)\s/,
  /\|\s*(grep|head|tail|wc|sort|xargs)\b/,
  /^\s*(if \[|fi$|then$|done$|do$|esac$)/,
  /\$\{?\w+\}?/,
];
const MARKDOWN = [
  /^#{1,6} \S/,
  /^\s*[-*+] \S/,
  /^\s*\d+\. \S/,
  /^```/,
  /\[[^\]]+\]\([^)]+\)/,
  /\*\*[^*]+\*\*/,
  /^> /,
  /^\|.+\|$/,
];

export function detectLanguage(text: string, filename?: string | null): Language {
  if (filename) {
    const byName = languageFromFilename(filename);
    if (byName) return byName;
  }
  const trimmed = text.trim();
  if (trimmed.length === 0) return "plaintext";
  if (looksLikeJson(trimmed)) return "json";

  const head = trimmed.slice(0, HEAD_CHARS);
  const lines = head.split("\n", HEAD_LINES);
  const first = lines[0];

  if (/^#!.*\b(ba|z|da)?sh\b/.test(first)) return "shell";
  if (/^#!.*\bpython/.test(first)) return "python";
  if (/^#!.*\b(node|deno|bun)\b/.test(first)) return "javascript";
  if (
    /^diff --git /m.test(head) ||
    (/^--- \S/m.test(head) && /^\+\+\+ \S/m.test(head) && /^@@ -\d+(,\d+)? \+\d+(,\d+)? @@/m.test(head)) ||
    /^Index: \S/m.test(head)
  )
    return "diff";
  if (
    lines.filter((l) => /^@@ -\d+(,\d+)? \+\d+(,\d+)? @@/.test(l)).length > 0 &&
    lines.filter((l) => /^[+-]/.test(l)).length >= 2
  )
    return "diff";

  const code = lines.filter((l) => l.trim().length > 0);
  const scores: Array<[Language, number]> = [
    ["python", score(code, PYTHON)],
    ["typescript", score(code, TYPESCRIPT)],
    ["javascript", score(code, JAVASCRIPT)],
    ["shell", score(code, SHELL)],
    ["markdown", score(code, MARKDOWN)],
  ];
  // TypeScript is JavaScript plus types: any type signal on top of JS makes it TypeScript.
  const ts = scores[1][1];
  const js = scores[2][1];
  if (ts > 0 && ts + js >= 2) scores[1][1] = ts + js;
  scores.sort((a, b) => b[1] - a[1]);
  const [best, bestScore] = scores[0];
  // A single weak signal in a long text is noise: demand some density.
  const needed = Math.max(1, Math.min(3, Math.floor(code.length / 10)));
  return bestScore >= needed ? best : "plaintext";
}
