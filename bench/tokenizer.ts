/**
 * Token-counting throughput on ~20 MB of synthetic trajectory text.
 *
 *   npx tsx bench/tokenizer.ts            # 20 MB
 *   BENCH_MB=5 npx tsx bench/tokenizer.ts # smaller, for a quick look
 *
 * The text is generated deterministically (seeded PRNG, nothing downloaded) as a mix of what
 * trajectories hold: prose (human/assistant/reasoning), source code, JSON tool output, shell
 * logs and diffs. It is cut into step-sized chunks because that is how counting is called, and
 * per-call overhead matters. gpt-tokenizer keeps a merge cache across calls, so it is cleared
 * before each measurement: otherwise whichever method runs second would look faster.
 */
import { createRequire } from "node:module";
import os from "node:os";
import { clearMergeCache, countTokens, encode } from "gpt-tokenizer/encoding/o200k_base";
import { o200k } from "@/lib/tokens/o200k";
import { computeTokenStats } from "@/lib/tokens/stats";
import type { ParsedStep, ToolDefinition } from "@/lib/trajectory/types";

const TARGET_MB = Number(process.env.BENCH_MB ?? 20);

// ---------------------------------------------------------------------------------------------
// Deterministic text generation

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(20240611);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
// Zipf-like: low indices far more often, as in natural text.
const zipf = <T>(xs: readonly T[]): T => xs[Math.floor(xs.length * rand() ** 2.5)];

const WORDS = (
  "the of and to a in is that it for on with as this was be by are not or from at which have an " +
  "but all they one can there their has been more if will would when so what about out up into " +
  "file function test error value change code run build should need check look first then now " +
  "update result output because instead before after again still make sure also only each other " +
  "repository module import export config option default return request response server client " +
  "database query index table column migration schema type interface class method property " +
  "argument parameter variable constant string number boolean array object promise async await " +
  "failing passing coverage assertion expected received snapshot fixture mock stub integration " +
  "component render state effect hook props layout style theme token trajectory review curation " +
  "dataset sample export import parser format stream chunk buffer encoding decoder tokenizer " +
  "performance latency throughput memory allocation cache eviction retry timeout deadline " +
  "permission access denied unauthorized forbidden missing invalid malformed unexpected refactor"
).split(" ");
const SYLLABLES = "ka lo mi re tu zan vor pel quin dra sto fen gri mul bax tor esh".split(" ");
const coinWord = () => Array.from({ length: int(2, 4) }, () => pick(SYLLABLES)).join("");
const word = () => (rand() < 0.06 ? coinWord() : zipf(WORDS));
const ident = () => {
  const parts = Array.from({ length: int(1, 3) }, word);
  return parts.map((p, i) => (i === 0 ? p : p[0].toUpperCase() + p.slice(1))).join("");
};
const hex = (n: number) => Array.from({ length: n }, () => "0123456789abcdef"[int(0, 15)]).join("");
const path = () =>
  `${pick(["src", "lib", "app", "test", "packages/core/src"])}/${Array.from({ length: int(0, 2) }, word).join("/")}${int(0, 1) ? "/" : ""}${ident()}.${pick(["ts", "tsx", "py", "json", "md", "rs"])}`.replace(
    "//",
    "/",
  );

function sentence(): string {
  const ws = Array.from({ length: int(5, 22) }, word);
  ws[0] = ws[0][0].toUpperCase() + ws[0].slice(1);
  if (rand() < 0.2) ws.splice(int(1, ws.length - 1), 0, `\`${ident()}\``);
  if (rand() < 0.1) ws.splice(int(1, ws.length - 1), 0, path());
  return ws.join(" ") + pick([".", ".", ".", "?", "!", ":"]);
}

function prose(): string {
  const paras = Array.from({ length: int(1, 4) }, () => Array.from({ length: int(1, 6) }, sentence).join(" "));
  if (rand() < 0.3) paras.push(Array.from({ length: int(2, 5) }, () => `- ${sentence()}`).join("\n"));
  return paras.join("\n\n");
}

function tsFunction(): string {
  const name = ident();
  const args = Array.from(
    { length: int(0, 3) },
    () => `${ident()}: ${pick(["string", "number", "boolean", "Record<string, unknown>", `${ident()}[]`])}`,
  );
  const body: string[] = [];
  for (let i = int(2, 10); i > 0; i--) {
    body.push(
      pick([
        `  const ${ident()} = await ${ident()}(${ident()}, ${int(0, 1000)});`,
        `  if (!${ident()}) throw new Error("${sentence()}");`,
        `  for (const ${word()} of ${ident()}) ${ident()}.push(${word()}.${ident()});`,
        `  // ${sentence()}`,
        `  return { ${ident()}: ${ident()}, ${ident()}: "${word()}-${hex(6)}" };`,
      ]),
    );
  }
  return `export async function ${name}(${args.join(", ")}): Promise<void> {\n${body.join("\n")}\n}\n`;
}

function pyFunction(): string {
  const body = Array.from({ length: int(2, 8) }, () =>
    pick([
      `    ${word()}_${word()} = ${word()}.${word()}(${int(0, 99)})`,
      `    # ${sentence()}`,
      `    if not ${word()}:\n        raise ValueError("${sentence()}")`,
      `    return [${word()} for ${word()} in ${word()}s]`,
    ]),
  );
  return `def ${word()}_${word()}(${word()}, ${word()}=None):\n    """${sentence()}"""\n${body.join("\n")}\n`;
}

function code(): string {
  return Array.from({ length: int(1, 4) }, () => (rand() < 0.65 ? tsFunction() : pyFunction())).join("\n");
}

function jsonValue(depth: number): unknown {
  const r = rand();
  if (depth > 2 || r < 0.35)
    return pick([
      word(),
      path(),
      `${hex(8)}-${hex(4)}-${hex(4)}`,
      `2024-0${int(1, 9)}-1${int(0, 9)}T1${int(0, 9)}:${int(10, 59)}:00Z`,
    ]);
  if (r < 0.5) return int(0, 100000);
  if (r < 0.55) return rand() < 0.5;
  if (r < 0.75) return Array.from({ length: int(1, 6) }, () => jsonValue(depth + 1));
  return Object.fromEntries(Array.from({ length: int(1, 6) }, () => [ident(), jsonValue(depth + 1)]));
}

function jsonOutput(): string {
  const value = {
    [ident()]: Array.from({ length: int(2, 12) }, () => jsonValue(1)),
    status: pick(["ok", "error"]),
    elapsedMs: int(1, 5000),
  };
  return rand() < 0.5 ? JSON.stringify(value, null, 2) : JSON.stringify(value);
}

function shellOutput(): string {
  const lines: string[] = [];
  const kind = int(0, 3);
  for (let i = int(3, 40); i > 0; i--) {
    if (kind === 0)
      lines.push(
        `-rw-r--r--  1 dev  staff  ${int(100, 99999).toString().padStart(6)} Jun ${int(1, 30)} 1${int(0, 9)}:${int(10, 59)} ${path()}`,
      );
    else if (kind === 1)
      lines.push(
        `${path()}:${int(1, 800)}:    ${pick(["const", "let", "return", "import"])} ${ident()} = ${ident()}(${word()});`,
      );
    else if (kind === 2) lines.push(` ${pick(["✓", "✓", "✓", "×"])} ${path()} > ${sentence()} ${int(1, 900)}ms`);
    else
      lines.push(
        `${pick(["+", "-", " "])}  ${pick(["const", "if (", "return", "await"])} ${ident()}(${word()}, ${int(0, 50)});`,
      );
  }
  if (kind === 3)
    lines.unshift(
      `diff --git a/${path()} b/${path()}`,
      `index ${hex(7)}..${hex(7)} 100644`,
      `@@ -${int(1, 300)},${int(3, 30)} +${int(1, 300)},${int(3, 30)} @@`,
    );
  return lines.join("\n");
}

interface Chunk {
  kind: "prose" | "code" | "json" | "shell";
  text: string;
}

function generate(targetChars: number): Chunk[] {
  const chunks: Chunk[] = [];
  let size = 0;
  while (size < targetChars) {
    const r = rand();
    const chunk: Chunk =
      r < 0.35
        ? { kind: "prose", text: prose() }
        : r < 0.65
          ? { kind: "code", text: code() }
          : r < 0.9
            ? { kind: "json", text: jsonOutput() }
            : { kind: "shell", text: shellOutput() };
    chunks.push(chunk);
    size += chunk.text.length;
  }
  return chunks;
}

/** Chunks as trajectory steps: prose becomes messages and reasoning, code is written by tool calls, the rest is tool output. */
function toSteps(chunks: readonly Chunk[]): ParsedStep[] {
  return chunks.map((c, i): ParsedStep => {
    switch (c.kind) {
      case "prose":
        return i % 3 === 0
          ? { kind: "human", text: c.text }
          : i % 3 === 1
            ? { kind: "assistant", text: c.text }
            : { kind: "reasoning", text: c.text, hidden: false };
      case "code":
        return {
          kind: "tool_call",
          callId: `c${i}`,
          name: "Write",
          arguments: { path: `src/file${i}.ts`, content: c.text },
        };
      default:
        return { kind: "tool_result", callId: `c${i}`, output: c.text, isError: i % 17 === 0, truncated: false };
    }
  });
}

const TOOLS: ToolDefinition[] = [
  {
    name: "Write",
    description: "Write a file",
    parameters: {
      type: "object",
      properties: { path: { type: "string" }, content: { type: "string" } },
      required: ["path", "content"],
    },
  },
  {
    name: "Bash",
    description: "Run a shell command",
    parameters: { type: "object", properties: { command: { type: "string" } }, required: ["command"] },
  },
];

// ---------------------------------------------------------------------------------------------
// Measurement

interface Row {
  name: string;
  tokens: number;
  seconds: number;
}

function measure(name: string, run: () => number): Row {
  clearMergeCache();
  const t0 = performance.now();
  const tokens = run();
  return { name, tokens, seconds: (performance.now() - t0) / 1000 };
}

function sumOver(chunks: readonly Chunk[], count: (s: string) => number): number {
  let total = 0;
  for (const c of chunks) total += count(c.text);
  return total;
}

interface TiktokenLike {
  getEncoding(name: string): { encode(text: string): number[] };
}
const isTiktokenLike = (m: unknown): m is TiktokenLike =>
  typeof m === "object" && m !== null && typeof (m as { getEncoding?: unknown }).getEncoding === "function";

async function loadJsTiktoken(): Promise<TiktokenLike | null> {
  try {
    createRequire(import.meta.url).resolve("js-tiktoken");
  } catch {
    return null;
  }
  const specifier = "js-tiktoken"; // a variable, so the type checker does not require the package
  const mod: unknown = await import(specifier);
  return isTiktokenLike(mod) ? mod : null;
}

const fmt = (x: number) => Math.round(x).toLocaleString("en-US");

async function main(): Promise<void> {
  const tGen = performance.now();
  const chunks = generate(TARGET_MB * 1024 * 1024);
  const steps = toSteps(chunks);
  const chars = chunks.reduce((a, c) => a + c.text.length, 0);
  const bytes = chunks.reduce((a, c) => a + Buffer.byteLength(c.text), 0);
  const mb = bytes / (1024 * 1024);
  const mix = (["prose", "code", "json", "shell"] as const)
    .map(
      (k) =>
        `${k} ${((100 * chunks.filter((c) => c.kind === k).reduce((a, c) => a + c.text.length, 0)) / chars).toFixed(0)}%`,
    )
    .join(", ");
  console.log(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "unknown"})`);
  console.log(
    `text: ${mb.toFixed(1)} MB in ${fmt(chunks.length)} chunks (avg ${fmt(chars / chunks.length)} chars; ${mix}), generated in ${((performance.now() - tGen) / 1000).toFixed(1)} s`,
  );

  // Warm the JIT on a slice so the first measured method is not penalised.
  const warm = chunks.slice(0, 300);
  sumOver(warm, (s) => encode(s).length);
  sumOver(warm, (s) => countTokens(s));
  sumOver(warm, o200k.count);
  computeTokenStats(steps.slice(0, 300), TOOLS, o200k);

  const rows: Row[] = [];
  rows.push(measure("(a) gpt-tokenizer encode().length", () => sumOver(chunks, (s) => encode(s).length)));
  rows.push(measure("(b) gpt-tokenizer countTokens()", () => sumOver(chunks, (s) => countTokens(s))));
  rows.push(measure("(c) ours: o200k Tokenizer.count", () => sumOver(chunks, o200k.count)));
  rows.push(
    measure("(d) ours: computeTokenStats (steps)", () => {
      const s = computeTokenStats(steps, TOOLS, o200k);
      return s.totals.tokensTotal + s.totals.toolDefinitionTokens;
    }),
  );

  const tiktoken = await loadJsTiktoken();
  const notes: string[] = [];
  if (tiktoken) {
    const enc = tiktoken.getEncoding("o200k_base");
    rows.push(measure("(e) js-tiktoken encode().length", () => sumOver(chunks, (s) => enc.encode(s).length)));
  } else {
    notes.push("js-tiktoken: not installed, skipped (not installing it for a benchmark).");
  }

  const raw = rows.filter((r) => r.name.includes("gpt-tokenizer"));
  const fastestRaw = raw.reduce((best, r) => (r.tokens / r.seconds > best.tokens / best.seconds ? r : best));
  const fastestRate = fastestRaw.tokens / fastestRaw.seconds;

  const header = ["method", "tokens", "seconds", "tokens/s", "MB/s", "vs fastest raw"];
  const body = rows.map((r) => [
    r.name,
    fmt(r.tokens),
    r.seconds.toFixed(2),
    fmt(r.tokens / r.seconds),
    (mb / r.seconds).toFixed(2),
    `${((r.tokens / r.seconds / fastestRate) * 100).toFixed(1)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of body) console.log(line(row));
  console.log();
  console.log(`fastest raw: ${fastestRaw.name}`);
  const [a, b, c] = rows;
  console.log(
    `counts agree (a = b = c): ${a.tokens === b.tokens && b.tokens === c.tokens ? "yes" : `NO (${a.tokens}, ${b.tokens}, ${c.tokens})`}`,
  );
  console.log(
    "(d) counts step texts (tool calls as name + JSON arguments, so its token total differs) plus tool definitions; MB/s there is relative to the raw text size.",
  );
  for (const n of notes) console.log(n);

  // One unbroken 50k-letter run (a pasted blob): gpt-tokenizer's merge is quadratic in it.
  const blob = Array.from({ length: 50_000 }, () => String.fromCharCode(97 + int(0, 25))).join("");
  const rawBlob = measure("raw", () => countTokens(blob));
  const oursBlob = measure("ours", () => o200k.count(blob));
  console.log();
  console.log(
    `pathological 50k-char run: raw countTokens ${rawBlob.seconds.toFixed(2)} s (${fmt(rawBlob.tokens)} tokens), ` +
      `ours ${oursBlob.seconds.toFixed(3)} s (${fmt(oursBlob.tokens)} tokens, ${(((oursBlob.tokens - rawBlob.tokens) / rawBlob.tokens) * 100).toFixed(2)}% off)`,
  );
}

await main();
