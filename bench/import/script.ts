/**
 * One synthetic session in the abstract, before any format: the task, model turns (optional
 * reasoning and text, then 1-3 tool calls with their results), occasional human feedback, and a
 * final reply. Turns are added until the session reaches its token target, estimated with
 * per-kind characters-per-token ratios that are kept honest by counting every 8th text exactly
 * with the o200k tokenizer.
 */
import { o200k } from "@/lib/tokens/o200k";
import { Content, type Workspace } from "@/bench/import/content";
import type { Rng } from "@/bench/import/prng";

export type ToolKind = "shell" | "read" | "edit" | "write" | "search";

export interface Call {
  kind: ToolKind;
  /** shell */
  command?: string;
  /** read, edit, write, search */
  path?: string;
  /** write */
  content?: string;
  /** edit */
  oldText?: string;
  newText?: string;
  /** search */
  pattern?: string;
  description?: string;
}

export interface Result {
  output: string;
  /** The command or tool failed (non-zero exit, missing file, edit that did not apply). */
  failed: boolean;
  exitCode?: number;
}

export interface ToolUse {
  call: Call;
  result: Result;
  /** Milliseconds since the session start. */
  callAt: number;
  resultAt: number;
}

export type ScriptEvent =
  | { t: "human"; text: string; at: number }
  | { t: "turn"; reasoning?: string; text?: string; uses: ToolUse[]; at: number }
  | { t: "final"; reasoning?: string; text: string; at: number };

export interface Script {
  index: number;
  ws: Workspace;
  events: ScriptEvent[];
  /** Epoch milliseconds. */
  start: number;
  sessionId: string;
  targetTokens: number;
  estimatedTokens: number;
}

export interface ScriptCounts {
  human: number;
  calls: number;
  failed: number;
  reasoning: number;
}

export function scriptCounts(s: Script): ScriptCounts {
  const c: ScriptCounts = { human: 0, calls: 0, failed: 0, reasoning: 0 };
  for (const e of s.events) {
    if (e.t === "human") c.human++;
    else {
      if (e.reasoning) c.reasoning++;
      if (e.t === "turn") {
        c.calls += e.uses.length;
        c.failed += e.uses.filter((u) => u.result.failed).length;
      }
    }
  }
  return c;
}

type Kind = "human" | "assistant" | "reasoning" | "call" | "result";

/** chars/token per kind, learnt from exact counts of a sample of the generated texts. */
export class TokenEstimator {
  private chars: Record<Kind, number> = { human: 0, assistant: 0, reasoning: 0, call: 0, result: 0 };
  private tokens: Record<Kind, number> = { human: 0, assistant: 0, reasoning: 0, call: 0, result: 0 };
  private seen = 0;

  estimate(kind: Kind, text: string): number {
    if (this.seen++ % 8 === 0 || this.tokens[kind] < 2000) {
      const n = o200k.count(text);
      this.chars[kind] += text.length;
      this.tokens[kind] += n;
      return n;
    }
    return Math.round((text.length * this.tokens[kind]) / this.chars[kind]);
  }
}

/** The text a tool call is charged (lib/tokens/step-text: name + JSON arguments), in a neutral spelling. */
function callText(c: Call): string {
  const { kind, ...args } = c;
  return `${kind}\n${JSON.stringify(args)}`;
}

export class ScriptGenerator {
  readonly content: Content;

  constructor(
    readonly rng: Rng,
    readonly estimator: TokenEstimator,
  ) {
    this.content = new Content(rng);
  }

  private use(ws: Workspace, at: number): ToolUse {
    const r = this.rng;
    const c = this.content;
    const x = r.next();
    let call: Call;
    let result: Result;
    if (x < 0.42) {
      const isTest = r.chance(0.55);
      const command = isTest ? c.testCommand(ws) : c.otherCommand(ws);
      const failing = isTest ? r.chance(0.35) : r.chance(0.1);
      const output = isTest ? c.testOutput(ws, failing) : c.commandOutput(ws, command, failing);
      call = { kind: "shell", command, description: c.sentence().slice(0, 80) };
      result = { output, failed: failing, exitCode: failing ? r.pick([1, 1, 2, 127]) : 0 };
    } else if (x < 0.67) {
      const path = `${ws.cwd}/${r.pick([...ws.files, ...ws.tests])}`;
      if (r.chance(0.04)) {
        call = { kind: "read", path: path.replace(/\.(\w+)$/, "_old.$1") };
        result = { output: `File not found: ${call.path}`, failed: true };
      } else {
        call = { kind: "read", path };
        result = { output: c.codeFile(ws, r.int(15, r.chance(0.2) ? 400 : 160)), failed: false };
      }
    } else if (x < 0.85) {
      const path = `${ws.cwd}/${r.pick(ws.files)}`;
      call = { kind: "edit", path, oldText: c.snippet(ws), newText: c.snippet(ws) };
      result = r.chance(0.06)
        ? { output: `String to replace not found in file.\nString: ${call.oldText!.split("\n")[0]}`, failed: true }
        : { output: `The file ${path} has been updated.`, failed: false };
    } else if (x < 0.93) {
      const path = `${ws.cwd}/${r.pick([...ws.files, ...ws.tests])}`;
      call = { kind: "write", path, content: c.codeFile(ws, r.int(10, 140)) };
      result = { output: `File created successfully at: ${path}`, failed: false };
    } else {
      const pattern = r.pick(ws.idents);
      const failing = r.chance(0.1);
      call = { kind: "search", pattern, path: r.chance(0.5) ? "src" : "." };
      result = { output: failing ? "No matches found" : c.searchOutput(ws, pattern), failed: false };
    }
    const callAt = at;
    return { call, result, callAt, resultAt: callAt + r.int(200, result.failed ? 20000 : 8000) };
  }

  generate(index: number, targetTokens: number): Script {
    const r = this.rng;
    const c = this.content;
    const est = this.estimator;
    const ws = c.workspace();
    const start = Date.UTC(2025, r.int(0, 10), r.int(1, 28), r.int(6, 22), r.int(0, 59), r.int(0, 59));
    const events: ScriptEvent[] = [];
    let at = 0;
    let tokens = 0;
    const task = c.task(ws);
    events.push({ t: "human", text: task, at });
    tokens += est.estimate("human", task);
    // Leave room for the final reply and for the last turn overshooting the target.
    while (tokens < targetTokens - 900) {
      at += r.int(2000, 15000);
      if (events.length > 2 && r.chance(0.045)) {
        // The model stops and reports; the person answers.
        const report = c.assistantText(ws);
        events.push({ t: "turn", text: report, uses: [], at });
        at += r.int(20000, 300000);
        const text = c.feedback(ws);
        events.push({ t: "human", text, at });
        tokens += est.estimate("assistant", report) + est.estimate("human", text);
        continue;
      }
      const turn: ScriptEvent & { t: "turn" } = { t: "turn", uses: [], at };
      if (r.chance(0.55)) {
        turn.reasoning = c.reasoning(ws);
        tokens += est.estimate("reasoning", turn.reasoning);
      }
      if (r.chance(0.45)) {
        turn.text = c.assistantText(ws);
        tokens += est.estimate("assistant", turn.text);
      }
      const n = r.chance(0.72) ? 1 : r.chance(0.7) ? 2 : 3;
      for (let i = 0; i < n; i++) {
        const u = this.use(ws, at + 500 * (i + 1));
        turn.uses.push(u);
        tokens += est.estimate("call", callText(u.call)) + est.estimate("result", u.result.output);
      }
      at = Math.max(...turn.uses.map((u) => u.resultAt));
      events.push(turn);
    }
    at += r.int(2000, 10000);
    const final: ScriptEvent & { t: "final" } = { t: "final", text: c.finalSummary(ws), at };
    if (r.chance(0.5)) {
      final.reasoning = c.reasoning(ws);
      tokens += est.estimate("reasoning", final.reasoning);
    }
    tokens += est.estimate("assistant", final.text);
    events.push(final);
    return { index, ws, events, start, sessionId: r.uuid(), targetTokens, estimatedTokens: tokens };
  }
}

/**
 * Token targets for `count` trajectories: log-normal around `mean`, clipped to [0.31, 3.62] x mean
 * (13k-152k for LIMI's 42k mean), then rescaled so the mean is `mean`.
 */
export function tokenTargets(rng: Rng, count: number, mean: number): number[] {
  const sigma = 0.55;
  const lo = mean * 0.31;
  const hi = mean * 3.62;
  let xs = Array.from({ length: count }, () => mean * Math.exp(sigma * rng.normal() - (sigma * sigma) / 2));
  for (let k = 0; k < 4; k++) {
    xs = xs.map((x) => Math.min(hi, Math.max(lo, x)));
    const m = xs.reduce((a, b) => a + b, 0) / count;
    xs = xs.map((x) => (x * mean) / m);
  }
  return xs.map((x) => Math.round(Math.min(hi, Math.max(lo, x))));
}
