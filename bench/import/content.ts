/**
 * Text of synthetic trajectories: prose (tasks, feedback, replies, reasoning), source files,
 * shell commands and their output (test runs, builds, diffs, listings, searches), all from a
 * seeded PRNG. Each trajectory gets a `Workspace` (a language, a repository, a handful of files
 * and identifiers) so the same files are read, edited and tested within one session, as in a
 * real one.
 */
import type { Rng } from "@/bench/import/prng";

const WORDS = (
  "the of and to a in is that it for on with as this was be by are not or from at which have an " +
  "but all they one can there their has been more if will would when so what about out up into " +
  "file function test error value change code run build should need check look first then now " +
  "update result output because instead before after again still make sure also only each other " +
  "repository module import export config option default return request response server client " +
  "database query index table column migration schema type interface class method property " +
  "argument parameter variable constant string number boolean array object promise async await " +
  "failing passing coverage assertion expected received snapshot fixture mock stub integration " +
  "component render state effect hook props layout style theme token session user handler route " +
  "dataset sample export parser format stream chunk buffer encoding decoder cache retry timeout " +
  "performance latency throughput memory allocation eviction deadline queue worker job schedule " +
  "permission access denied unauthorized forbidden missing invalid malformed unexpected refactor"
).split(" ");
const SYLLABLES = "ka lo mi re tu zan vor pel quin dra sto fen gri mul bax tor esh".split(" ");
const VERBS = [
  "fix",
  "add",
  "update",
  "refactor",
  "remove",
  "rename",
  "handle",
  "support",
  "validate",
  "cache",
  "parse",
  "render",
  "migrate",
  "test",
];
const PROJECTS = [
  "timeparse",
  "gomoku",
  "ledger-api",
  "shopfront",
  "pdf-tools",
  "metrics-agent",
  "chatbot-ui",
  "csvkit",
  "geo-index",
  "auth-service",
  "blog-engine",
  "task-runner",
];

export type Lang = "ts" | "py";

export interface Workspace {
  lang: Lang;
  project: string;
  cwd: string;
  files: string[];
  tests: string[];
  idents: string[];
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

export class Content {
  constructor(readonly rng: Rng) {}

  // ---------------------------------------------------------------------------------------------
  // Words and names

  word(): string {
    const r = this.rng;
    if (r.next() < 0.05) return Array.from({ length: r.int(2, 4) }, () => r.pick(SYLLABLES)).join("");
    return r.zipf(WORDS);
  }

  ident(lang: Lang = "ts"): string {
    const n = this.rng.int(1, 3);
    let out = this.word();
    for (let i = 1; i < n; i++) out += lang === "py" ? `_${this.word()}` : cap(this.word());
    return out;
  }

  workspace(): Workspace {
    const r = this.rng;
    const lang: Lang = r.chance(0.55) ? "ts" : "py";
    const project = `${r.pick(PROJECTS)}${r.chance(0.5) ? `-${this.word()}` : ""}`;
    const cwd = r.pick(["/home/dev/projects", "/workspace", "/Users/sam/code", "/work"]) + "/" + project;
    const ext = lang === "ts" ? r.pick(["ts", "ts", "tsx"]) : "py";
    const root = lang === "ts" ? r.pick(["src", "lib", "packages/core/src"]) : `src/${project.replace(/-/g, "_")}`;
    const files = Array.from(
      { length: r.int(4, 9) },
      () => `${root}/${r.chance(0.4) ? `${this.word()}/` : ""}${this.ident(lang)}.${ext}`,
    );
    const tests = files.slice(0, r.int(2, 4)).map((f) => {
      const base = f
        .split("/")
        .pop()!
        .replace(/\.\w+$/, "");
      return lang === "ts" ? `tests/${base}.test.ts` : `tests/test_${base}.py`;
    });
    const idents = Array.from({ length: r.int(8, 16) }, () => this.ident(lang));
    return { lang, project, cwd, files, tests, idents };
  }

  // ---------------------------------------------------------------------------------------------
  // Prose

  sentence(ws?: Workspace): string {
    const r = this.rng;
    const n = r.int(5, 22);
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(this.word());
    words[0] = cap(words[0]);
    if (ws && r.chance(0.25)) words.splice(r.int(1, words.length - 1), 0, `\`${r.pick(ws.idents)}\``);
    if (ws && r.chance(0.12)) words.splice(r.int(1, words.length - 1), 0, r.pick(ws.files));
    return words.join(" ") + r.pick([".", ".", ".", ".", "?", ":"]);
  }

  paragraph(ws?: Workspace, sentences = this.rng.int(1, 5)): string {
    const out: string[] = [];
    for (let i = 0; i < sentences; i++) out.push(this.sentence(ws));
    return out.join(" ");
  }

  bullets(ws: Workspace, n = this.rng.int(2, 5)): string {
    return Array.from({ length: n }, () => `- ${this.sentence(ws)}`).join("\n");
  }

  /** The first message: what a person asks for, sometimes with a pasted error. */
  task(ws: Workspace): string {
    const r = this.rng;
    const target = r.pick(ws.files);
    const opening = r.pick([
      `${cap(r.pick(VERBS))} the ${this.word()} ${this.word()} in ${target}.`,
      `${r.pick(ws.tests)} is failing on CI since the last merge. Can you find out why and fix it?`,
      `I need \`${r.pick(ws.idents)}\` to ${r.pick(VERBS)} ${this.word()} ${this.word()} before it returns.`,
      `Build a small ${this.word()} ${this.word()} feature for ${ws.project}: ${this.sentence(ws)}`,
    ]);
    const parts = [opening, this.paragraph(ws, r.int(1, 4))];
    if (r.chance(0.4)) parts.push(this.bullets(ws));
    if (r.chance(0.3)) parts.push("Here is what I see:\n```\n" + this.traceback(ws) + "\n```");
    if (r.chance(0.5))
      parts.push(
        r.pick([
          "Please run the tests before you finish.",
          "Don't touch the public API.",
          `Keep the change small; ${this.sentence(ws)}`,
          "Use the existing helpers where you can.",
        ]),
      );
    return parts.join("\n\n");
  }

  /** Later human turns: corrections and follow-ups. */
  feedback(ws: Workspace): string {
    const r = this.rng;
    return [
      r.pick([
        "That's close, but",
        "Thanks. One more thing:",
        "No, that's not what I meant.",
        "Looks good. Now",
        "Hmm, the tests still fail locally:",
        "Actually,",
      ]),
      this.paragraph(ws, r.int(1, 3)),
      r.chance(0.25) ? "```\n" + this.traceback(ws) + "\n```" : "",
    ]
      .filter(Boolean)
      .join(" ");
  }

  assistantText(ws: Workspace): string {
    const r = this.rng;
    const lead = r.pick(["I'll", "Let me", "Next I'll", "Now I'll", "First,", "The failure comes from"]);
    const parts = [`${lead} ${this.sentence(ws).toLowerCase()}`];
    if (r.chance(0.35)) parts.push(this.paragraph(ws, r.int(1, 3)));
    if (r.chance(0.15)) parts.push(this.bullets(ws));
    return parts.join("\n\n");
  }

  finalSummary(ws: Workspace): string {
    const r = this.rng;
    return [`Done. ${this.sentence(ws)}`, this.bullets(ws, r.int(2, 6)), this.paragraph(ws, r.int(1, 3))].join("\n\n");
  }

  reasoning(ws: Workspace): string {
    const r = this.rng;
    const paras = Array.from({ length: r.int(1, 3) }, () => this.paragraph(ws, r.int(2, 6)));
    return r.chance(0.5)
      ? `**${cap(r.pick(VERBS))}ing the ${this.word()}**\n\n${paras.join("\n\n")}`
      : paras.join("\n\n");
  }

  // ---------------------------------------------------------------------------------------------
  // Code

  private tsFunction(ws: Workspace): string {
    const r = this.rng;
    const args = Array.from(
      { length: r.int(0, 3) },
      () =>
        `${this.ident()}: ${r.pick(["string", "number", "boolean", "Record<string, unknown>", `${cap(this.ident())}[]`])}`,
    );
    const body: string[] = [];
    for (let i = r.int(2, 10); i > 0; i--) {
      body.push(
        r.pick([
          `  const ${this.ident()} = await ${r.pick(ws.idents)}(${this.ident()}, ${r.int(0, 1000)});`,
          `  if (!${this.ident()}) throw new Error("${this.sentence()}");`,
          `  for (const ${this.word()} of ${this.ident()}) ${this.ident()}.push(${this.word()}.${this.ident()});`,
          `  // ${this.sentence()}`,
          `  return { ${this.ident()}: ${this.ident()}, ${this.ident()}: "${this.word()}-${r.hex(6)}" };`,
          `  ${this.ident()}.${this.ident()} = ${this.ident()} ?? ${r.int(0, 99)};`,
        ]),
      );
    }
    return `export ${r.chance(0.5) ? "async " : ""}function ${r.pick(ws.idents)}(${args.join(", ")}) {\n${body.join("\n")}\n}\n`;
  }

  private pyFunction(ws: Workspace): string {
    const r = this.rng;
    const body = Array.from({ length: r.int(2, 9) }, () =>
      r.pick([
        `    ${this.ident("py")} = ${this.word()}.${this.ident("py")}(${r.int(0, 99)})`,
        `    # ${this.sentence()}`,
        `    if not ${this.word()}:\n        raise ValueError("${this.sentence()}")`,
        `    return [${this.word()} for ${this.word()} in ${this.word()}s]`,
        `    for ${this.word()} in ${this.ident("py")}:\n        ${this.ident("py")}.append(${this.word()})`,
      ]),
    );
    return `def ${r.pick(ws.idents)}(${this.word()}, ${this.word()}=None):\n    """${this.sentence()}"""\n${body.join("\n")}\n`;
  }

  /** A source file of roughly `lines` lines. */
  codeFile(ws: Workspace, lines: number): string {
    const r = this.rng;
    const head =
      ws.lang === "ts"
        ? `import { ${r.pick(ws.idents)} } from "./${this.ident()}";\nimport type { ${cap(this.ident())} } from "../${this.word()}";\n\n`
        : `import ${this.word()}\nfrom .${this.ident("py")} import ${r.pick(ws.idents)}\n\n\n`;
    let out = head;
    let count = 4;
    while (count < lines) {
      const fn = (ws.lang === "ts" ? this.tsFunction(ws) : this.pyFunction(ws)) + "\n";
      out += fn;
      for (let i = 0; i < fn.length; i++) if (fn.charCodeAt(i) === 10) count++;
    }
    return out;
  }

  /** A few lines of code (edit fragments). */
  snippet(ws: Workspace): string {
    return (ws.lang === "ts" ? this.tsFunction(ws) : this.pyFunction(ws))
      .split("\n")
      .slice(0, this.rng.int(2, 12))
      .join("\n");
  }

  // ---------------------------------------------------------------------------------------------
  // Commands and their output

  testCommand(ws: Workspace): string {
    const r = this.rng;
    const t = r.pick(ws.tests);
    return ws.lang === "ts"
      ? r.pick([`npx vitest run ${t}`, `npm test -- ${t}`, "npm test", `pnpm vitest run ${t}`])
      : r.pick([`python -m pytest -q ${t}`, "pytest -q", `pytest ${t} -x`, "python -m pytest --tb=short"]);
  }

  otherCommand(ws: Workspace): string {
    const r = this.rng;
    return r.pick([
      "git status --short",
      "git diff",
      `git log --oneline -${r.int(3, 15)}`,
      `ls -la ${r.pick(ws.files).split("/").slice(0, -1).join("/")}`,
      ws.lang === "ts" ? "npm run build" : "python -m mypy src",
      ws.lang === "ts" ? "npx tsc --noEmit -p ." : "ruff check .",
      `rg -n "${r.pick(ws.idents)}" ${ws.lang === "ts" ? "src" : "src tests"}`,
      `cat ${r.pick(["package.json", "pyproject.toml", "README.md", ".github/workflows/ci.yml"])}`,
    ]);
  }

  testOutput(ws: Workspace, failing: boolean): string {
    const r = this.rng;
    const lines: string[] = [];
    const total = r.int(4, 60);
    const failed = failing ? r.int(1, Math.min(6, total)) : 0;
    if (ws.lang === "py") {
      lines.push(
        "============================= test session starts ==============================",
        `platform linux -- Python 3.12.${r.int(1, 7)}, pytest-8.${r.int(0, 3)}.${r.int(0, 9)}, pluggy-1.5.0`,
        `rootdir: ${ws.cwd}`,
        `collected ${total} items`,
        "",
      );
      for (const t of ws.tests)
        lines.push(
          `${t} ${"".padEnd(r.int(3, 20), ".")}${failing ? "F" : "."}${"".padEnd(r.int(0, 6), ".")}  [${r.int(10, 100)}%]`,
        );
      if (failing) {
        lines.push("", "=================================== FAILURES ===================================");
        for (let i = 0; i < failed; i++)
          lines.push(
            `_____________________________ test_${this.ident("py")} ________________________________`,
            "",
            this.traceback(ws),
            "",
          );
        lines.push("=========================== short test summary info ============================");
        for (let i = 0; i < failed; i++)
          lines.push(`FAILED ${r.pick(ws.tests)}::test_${this.ident("py")} - AssertionError: ${this.sentence()}`);
      }
      lines.push(
        `${failing ? `========================= ${failed} failed, ${total - failed} passed` : `============================== ${total} passed`} in ${r.int(0, 9)}.${r.int(10, 99)}s ==============================`,
      );
    } else {
      lines.push("", ` RUN  v${r.int(1, 4)}.${r.int(0, 9)}.${r.int(0, 9)} ${ws.cwd}`, "");
      for (const t of ws.tests) {
        const bad = failing && r.chance(0.6);
        lines.push(
          ` ${bad ? "❯" : "✓"} ${t} (${r.int(1, 30)} tests${bad ? ` | ${r.int(1, 3)} failed` : ""}) ${r.int(5, 900)}ms`,
        );
        if (bad) {
          for (let i = r.int(1, 3); i > 0; i--)
            lines.push(
              `   × ${this.sentence()} ${r.int(1, 40)}ms`,
              `     → expected ${r.int(0, 99)} to be ${r.int(0, 99)} // Object.is equality`,
            );
        }
      }
      if (failing) lines.push("", "⎯⎯⎯⎯⎯⎯⎯ Failed Tests ⎯⎯⎯⎯⎯⎯⎯", "", this.traceback(ws));
      lines.push(
        "",
        ` Test Files  ${failing ? `${failed} failed | ` : ""}${ws.tests.length} passed (${ws.tests.length + failed})`,
        `      Tests  ${failing ? `${failed} failed | ` : ""}${total - failed} passed (${total})`,
        `   Duration  ${r.int(1, 9)}.${r.int(10, 99)}s`,
      );
    }
    return lines.join("\n");
  }

  traceback(ws: Workspace): string {
    const r = this.rng;
    if (ws.lang === "py") {
      const frames = Array.from(
        { length: r.int(1, 4) },
        () =>
          `  File "${ws.cwd}/${r.pick(ws.files)}", line ${r.int(1, 400)}, in ${r.pick(ws.idents)}\n    ${this.ident("py")} = ${this.ident("py")}(${this.word()})`,
      );
      return `Traceback (most recent call last):\n${frames.join("\n")}\n${r.pick(["KeyError", "ValueError", "AttributeError", "TypeError", "AssertionError"])}: ${this.sentence()}`;
    }
    const frames = Array.from(
      { length: r.int(2, 6) },
      () => `    at ${r.pick(ws.idents)} (${ws.cwd}/${r.pick(ws.files)}:${r.int(1, 400)}:${r.int(1, 80)})`,
    );
    return `${r.pick(["TypeError", "Error", "RangeError", "AssertionError"])}: ${this.sentence()}\n${frames.join("\n")}`;
  }

  buildOutput(ws: Workspace, failing: boolean): string {
    const r = this.rng;
    if (!failing)
      return ws.lang === "ts"
        ? `\n> ${ws.project}@1.${r.int(0, 9)}.${r.int(0, 9)} build\n> tsc -p tsconfig.build.json\n`
        : `Success: no issues found in ${r.int(5, 80)} source files`;
    const errs = Array.from({ length: r.int(1, 8) }, () =>
      ws.lang === "ts"
        ? `${r.pick(ws.files)}(${r.int(1, 300)},${r.int(1, 60)}): error TS${r.int(2000, 2800)}: ${this.sentence()}`
        : `${r.pick(ws.files)}:${r.int(1, 300)}: error: ${this.sentence()}  [${this.word()}-${this.word()}]`,
    );
    return errs.join("\n") + `\nFound ${errs.length} error${errs.length > 1 ? "s" : ""}.`;
  }

  diff(ws: Workspace): string {
    const r = this.rng;
    const out: string[] = [];
    for (let f = r.int(1, 3); f > 0; f--) {
      const file = r.pick(ws.files);
      out.push(
        `diff --git a/${file} b/${file}`,
        `index ${r.hex(7)}..${r.hex(7)} 100644`,
        `--- a/${file}`,
        `+++ b/${file}`,
        `@@ -${r.int(1, 300)},${r.int(3, 30)} +${r.int(1, 300)},${r.int(3, 30)} @@`,
      );
      for (const line of this.snippet(ws).split("\n")) out.push(`${r.pick(["+", "-", " ", " "])}${line}`);
    }
    return out.join("\n");
  }

  listing(ws: Workspace): string {
    const r = this.rng;
    return Array.from(
      { length: r.int(4, 30) },
      () =>
        `-rw-r--r--  1 dev  staff  ${String(r.int(100, 99999)).padStart(6)} Jun ${r.int(1, 30)} 1${r.int(0, 9)}:${r.int(10, 59)} ${this.ident(ws.lang)}.${ws.lang}`,
    ).join("\n");
  }

  searchOutput(ws: Workspace, pattern: string): string {
    const r = this.rng;
    return Array.from(
      { length: r.int(1, 25) },
      () =>
        `${r.pick(ws.files)}:${r.int(1, 500)}:    ${r.pick(["const", "return", "if", "def", "import", "self."])} ${pattern}(${this.word()}, ${this.ident(ws.lang)})`,
    ).join("\n");
  }

  json(depth = 0): unknown {
    const r = this.rng;
    const x = r.next();
    if (depth > 2 || x < 0.35)
      return r.pick([
        this.word(),
        `${r.hex(8)}-${r.hex(4)}`,
        `2025-0${r.int(1, 9)}-1${r.int(0, 9)}T1${r.int(0, 9)}:${r.int(10, 59)}:00Z`,
      ]);
    if (x < 0.5) return r.int(0, 100000);
    if (x < 0.55) return r.chance(0.5);
    if (x < 0.75) return Array.from({ length: r.int(1, 5) }, () => this.json(depth + 1));
    return Object.fromEntries(Array.from({ length: r.int(1, 6) }, () => [this.ident(), this.json(depth + 1)]));
  }

  /** Output of a non-test command. */
  commandOutput(ws: Workspace, command: string, failing: boolean): string {
    const r = this.rng;
    if (command.startsWith("git diff")) return this.diff(ws);
    if (command.startsWith("git log"))
      return Array.from({ length: r.int(3, 15) }, () => `${r.hex(7)} ${this.sentence()}`).join("\n");
    if (command.startsWith("git status"))
      return Array.from({ length: r.int(1, 8) }, () => `${r.pick([" M", "??", " D", "A "])} ${r.pick(ws.files)}`).join(
        "\n",
      );
    if (command.startsWith("ls")) return this.listing(ws);
    if (command.startsWith("rg")) return failing ? "" : this.searchOutput(ws, command.split('"')[1] ?? this.ident());
    if (command.startsWith("cat")) return JSON.stringify(this.json(0), null, 2);
    return this.buildOutput(ws, failing);
  }
}
