/**
 * `limi run`: a small agent loop over an OpenAI-compatible chat endpoint, streamed as a live
 * session the team can watch and steer. Each turn is a step boundary: there the runner asks the
 * server (heartbeat) for control and feedback, waits while paused, stops when asked, and turns
 * waiting feedback into a user message, sent as a `human` step naming the feedback (stored with
 * its author, exactly where the model saw it). Then it asks the model, runs the tool calls
 * (lib/cli/run/workdir-tools.ts) and streams every step. Runs on the collaborator's machine, never
 * inside the web server.
 */
import type { ParsedStep } from "@/lib/trajectory/types";
import { AgentError, connectAgent, type AgentConnection } from "@/lib/cli/record/agent-connection";
import { runTool, TOOL_DEFINITIONS } from "@/lib/cli/run/workdir-tools";
import { randomUUID } from "node:crypto";

export interface RunnerOptions {
  server: string;
  apiKey: string;
  workdir: string;
  queryId?: string;
  task?: string;
  llm: { baseUrl: string; apiKey?: string; model: string };
  maxTurns?: number;
  log?: (line: string) => void;
}

interface ChatMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string | null;
  tool_calls?: Array<{ id: string; type: "function"; function: { name: string; arguments: string } }>;
  tool_call_id?: string;
}

interface Feedback {
  id: string;
  text: string;
  authorName: string;
}

const SYSTEM = [
  "You are a careful software agent working in a local directory through tools.",
  "Use the tools to inspect and change files and to run commands; answer briefly when done.",
  "A human collaborator may add messages while you work; follow their feedback.",
].join(" ");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class AgentRunner {
  readonly session = randomUUID();
  private conn: AgentConnection | null = null;
  private steps: Array<{ seq: number; step: ParsedStep; feedbackId?: string }> = [];
  private ack = 0;
  private opened = false;
  private control = "running";
  private sending: Promise<void> = Promise.resolve();
  readonly log: (line: string) => void;

  constructor(private readonly opts: RunnerOptions) {
    this.log = opts.log ?? ((l) => process.stdout.write(`${l}\n`));
  }

  private async connect(): Promise<{ queryText: string | null }> {
    const conn = connectAgent(this.opts.server, this.opts.apiKey);
    this.conn = conn;
    conn.socket.on("control", (c: { control: string; by: string }) => {
      this.control = c.control;
      this.log(`${c.by}: ${c.control}`);
    });
    conn.socket.on("feedback", (f: { author: string; text: string }) =>
      this.log(`feedback from ${f.author} (taken at the next step): ${f.text}`),
    );
    conn.socket.on("connect", () => {
      if (!this.opened) return;
      void conn
        .request<{ ack: number }>("session:resume", { session: this.session })
        .then((r) => {
          this.ack = r.ack;
          return this.flush();
        })
        .catch((e: unknown) => this.log(`resume failed: ${String(e)}`));
    });
    await new Promise<void>((resolve, reject) => {
      conn.socket.once("connect", () => resolve());
      conn.socket.once("connect_error", (e) => {
        if (/UNAUTHENTICATED|FORBIDDEN/.test(e.message)) reject(new Error(e.message));
      });
    });
    const r = await conn.request<{ queryText: string | null }>("session:open", {
      session: this.session,
      format: "limi-runner",
      agent: "limi run",
      model: this.opts.llm.model,
      cwd: this.opts.workdir,
      ...(this.opts.queryId ? { queryId: this.opts.queryId } : {}),
      ...(this.opts.task ? { title: this.opts.task.slice(0, 500) } : {}),
      tools: TOOL_DEFINITIONS,
      feedback: "inject",
    });
    this.opened = true;
    this.log(`session ${this.session} is live`);
    return r;
  }

  /** Appends a step and sends what the server lacks (in order, one batch at a time). */
  private push(step: ParsedStep, feedbackId?: string): Promise<void> {
    this.steps.push({ seq: this.steps.length + 1, step, ...(feedbackId ? { feedbackId } : {}) });
    return this.flush();
  }

  private flush(): Promise<void> {
    const run = this.sending.then(async () => {
      const conn = this.conn;
      while (conn?.socket.connected && this.ack < this.steps.length) {
        const batch = this.steps.slice(this.ack, this.ack + 50);
        const r = await conn.request<{ ack: number; gap: { expected: number } | null; control: string }>(
          "session:steps",
          { session: this.session, steps: batch },
        );
        this.ack = r.gap ? r.gap.expected - 1 : r.ack;
        this.control = r.control;
      }
    });
    this.sending = run.catch((e: unknown) => this.log(`sending failed (will resend): ${String(e)}`));
    return this.sending;
  }

  /** The step boundary: control and waiting feedback, from the server. */
  private async boundary(): Promise<Feedback[] | null> {
    for (;;) {
      const hb = await this.conn!.request<{ control: string; feedback: Feedback[] }>("session:heartbeat", {
        session: this.session,
      }).catch((e: unknown) => {
        if (e instanceof AgentError && e.code !== "UNAVAILABLE") throw e;
        return null;
      });
      if (hb) this.control = hb.control;
      if (this.control === "stopping") return null;
      if (this.control === "running" && hb) return hb.feedback;
      await sleep(300);
    }
  }

  private async chat(messages: ChatMessage[]) {
    const res = await fetch(`${this.opts.llm.baseUrl.replace(/\/+$/, "")}/chat/completions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(this.opts.llm.apiKey ? { authorization: `Bearer ${this.opts.llm.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: this.opts.llm.model,
        messages,
        tools: TOOL_DEFINITIONS.map((t) => ({ type: "function", function: t })),
      }),
    });
    if (!res.ok) throw new Error(`the model endpoint answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    const body = (await res.json()) as {
      choices: Array<{ message: ChatMessage }>;
      usage?: { prompt_tokens?: number; completion_tokens?: number };
    };
    return { message: body.choices[0].message, usage: body.usage };
  }

  async run(): Promise<{ trajectoryId: string | null; revision: number | null; stopped: boolean }> {
    const { queryText } = await this.connect();
    const task = this.opts.task ?? queryText;
    if (!task) throw new Error("give --task, or --query naming a query of the key's project");
    const messages: ChatMessage[] = [
      { role: "system", content: SYSTEM },
      { role: "user", content: task },
    ];
    await this.push({ kind: "system", text: SYSTEM });
    await this.push({ kind: "human", text: task });
    let stopped = false;
    for (let turn = 0; turn < (this.opts.maxTurns ?? 50); turn++) {
      const feedback = await this.boundary();
      if (!feedback) {
        stopped = true;
        break;
      }
      for (const f of feedback) {
        messages.push({ role: "user", content: f.text });
        await this.push({ kind: "human", text: f.text }, f.id);
      }
      const { message, usage } = await this.chat(messages);
      messages.push({ role: "assistant", content: message.content ?? null, tool_calls: message.tool_calls });
      const u = usage ? { input: usage.prompt_tokens ?? 0, output: usage.completion_tokens ?? 0 } : undefined;
      if (message.content) await this.push({ kind: "assistant", text: message.content, ...(u ? { usage: u } : {}) });
      if (!message.tool_calls?.length) break;
      for (const call of message.tool_calls) {
        let args: Record<string, unknown> | null = null;
        try {
          const parsed: unknown = JSON.parse(call.function.arguments || "{}");
          if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) args = parsed as Record<string, unknown>;
        } catch {
          args = null;
        }
        await this.push({
          kind: "tool_call",
          callId: call.id,
          name: call.function.name,
          arguments: args,
          ...(args ? {} : { argumentsRaw: call.function.arguments }),
        });
        const out = args
          ? await runTool(this.opts.workdir, call.function.name, args)
          : { output: "error: the arguments are not a JSON object", isError: true };
        this.log(`${call.function.name} → ${out.isError ? "error" : "ok"}`);
        await this.push({
          kind: "tool_result",
          callId: call.id,
          name: call.function.name,
          output: out.output,
          isError: out.isError,
          truncated: false,
        });
        messages.push({ role: "tool", tool_call_id: call.id, content: out.output });
      }
    }
    await this.flush();
    while (this.ack < this.steps.length) {
      await sleep(250);
      await this.flush();
    }
    const end = await this.conn!.request<{ trajectoryId: string | null; revision: number | null }>("session:end", {
      session: this.session,
    });
    this.conn!.close();
    this.log(`session ended: trajectory ${end.trajectoryId}`);
    return { ...end, stopped };
  }
}
