/**
 * A local OpenAI-compatible server for tests (unit and e2e). Listens on 127.0.0.1, port 0 (a
 * free port) unless told otherwise.
 *
 *   const stub = await startStubOpenAiServer();
 *   stub.baseUrl                       // "http://127.0.0.1:PORT/v1": use as LLM_BASE_URL
 *   stub.enqueue(                      // answered in order, one per chat request
 *     { status: 429, headers: { "retry-after": "2" } },
 *     chatReply('{"query": "…"}'),      // a 200 completion with this content
 *     { status: 500, body: { error: { message: "boom" } }, delayMs: 50 },
 *     { drop: true },                   // destroy the socket: a network error
 *   );
 *   stub.setHandler((req) => chatReply(…))  // answers when the queue is empty
 *   stub.requests                      // every request: { method, path, headers, body, rawBody }
 *   await stub.close()
 *
 * Routes: `POST /v1/chat/completions` (queue, then handler, then the default), `GET /v1/models`.
 * The default reply is a valid synthesis JSON built from the `Title:` and `Changed files:` lines
 * of the last user message, so the default prompt template gets a plausible task back.
 *
 * A test that cannot reach the stub (e2e, where it runs inside the app's server) steers the
 * default reply from the PR title: `[stub:invalid]` answers prose instead of JSON every time (so
 * the PR is flagged), `[stub:slow=MS]` waits MS milliseconds first (so a run can be cancelled).
 *
 * Standalone (e.g. a Playwright `webServer`): `npx tsx lib/llm/testing/stub-openai-server.ts
 * [port]` prints the base URL on stdout and runs until killed.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

export interface StubReply {
  /** Default 200. */
  status?: number;
  /** An object is sent as JSON; a string is sent as is (to test unreadable bodies). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (to test timeouts and cancellation). */
  delayMs?: number;
  /** Destroy the connection instead of answering. */
  drop?: boolean;
}

export interface StubRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The parsed JSON body, or undefined when it was not JSON. */
  body: unknown;
  receivedAt: number;
}

export type StubHandler = (req: StubRequest) => StubReply | Promise<StubReply>;

export interface StubOpenAiServer {
  /** `http://127.0.0.1:PORT/v1` */
  baseUrl: string;
  port: number;
  /** Every request received, in arrival order. */
  readonly requests: StubRequest[];
  /** Replies still waiting in the queue. */
  readonly queued: number;
  enqueue(...replies: StubReply[]): void;
  setHandler(handler: StubHandler | null): void;
  /** Clears the queue, the handler and the recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

export interface StubOptions {
  port?: number;
  replies?: StubReply[];
  handler?: StubHandler;
  /** Model name echoed in completions and listed by `/v1/models`. Default "stub-model". */
  model?: string;
}

export async function startStubOpenAiServer(opts: StubOptions = {}): Promise<StubOpenAiServer> {
  const model = opts.model ?? "stub-model";
  const queue: StubReply[] = [...(opts.replies ?? [])];
  let handler: StubHandler | null = opts.handler ?? null;
  const requests: StubRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const request: StubRequest = {
        method: req.method ?? "GET",
        path: (req.url ?? "/").split("?")[0],
        headers: req.headers,
        rawBody,
        body: parseJson(rawBody),
        receivedAt: Date.now(),
      };
      requests.push(request);
      route(request)
        .then((reply) => send(res, reply))
        .catch((e: unknown) =>
          send(res, {
            status: 500,
            body: {
              error: {
                message: `stub handler failed: ${e instanceof Error ? e.message : String(e)}`,
                type: "stub_error",
              },
            },
          }),
        );
    });
  });

  async function route(req: StubRequest): Promise<StubReply> {
    if (req.path === "/v1/models" && req.method === "GET")
      return { body: { object: "list", data: [{ id: model, object: "model", owned_by: "stub" }] } };
    if (req.path !== "/v1/chat/completions")
      return { status: 404, body: { error: { message: `no route ${req.method} ${req.path}`, type: "not_found" } } };
    if (req.method !== "POST")
      return { status: 405, body: { error: { message: "use POST", type: "invalid_request_error" } } };
    const queued = queue.shift();
    if (queued) return queued;
    if (handler) return handler(req);
    return defaultSynthesisReply(req, model);
  }

  function send(res: ServerResponse, reply: StubReply): void {
    const write = () => {
      if (res.destroyed) return;
      if (reply.drop) {
        res.socket?.destroy();
        return;
      }
      const isText = typeof reply.body === "string";
      const payload = reply.body === undefined ? "" : isText ? (reply.body as string) : JSON.stringify(reply.body);
      res.writeHead(reply.status ?? 200, {
        "content-type": isText ? "text/plain" : "application/json",
        ...reply.headers,
      });
      res.end(payload);
    };
    if (!reply.delayMs) return write();
    const t = setTimeout(() => {
      timers.delete(t);
      write();
    }, reply.delayMs);
    timers.add(t);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    get queued() {
      return queue.length;
    },
    enqueue: (...replies) => void queue.push(...replies),
    setHandler: (h) => {
      handler = h;
    },
    reset: () => {
      queue.length = 0;
      handler = null;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A 200 chat completion whose message content is `content`. */
export function chatReply(
  content: string,
  opts: { promptTokens?: number; completionTokens?: number; finishReason?: string; model?: string } = {},
): StubReply {
  return {
    body: {
      id: "chatcmpl-stub",
      object: "chat.completion",
      created: 0,
      model: opts.model ?? "stub-model",
      choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: opts.finishReason ?? "stop" }],
      usage: {
        prompt_tokens: opts.promptTokens ?? 100,
        completion_tokens: opts.completionTokens ?? 50,
        total_tokens: (opts.promptTokens ?? 100) + (opts.completionTokens ?? 50),
      },
    },
  };
}

/** The synthesis JSON the stub answers with by default, derived from the prompt. */
export function defaultSynthesisReply(req: StubRequest, model = "stub-model"): StubReply {
  const prompt = lastUserMessage(req.body);
  const rawTitle = /^Title: (.*)$/m.exec(prompt)?.[1] ?? "";
  const delayMs = Number(/\[stub:slow=(\d+)\]/.exec(rawTitle)?.[1] ?? 0);
  if (rawTitle.includes("[stub:invalid]"))
    return { ...chatReply("Sure! I would describe this change as a nice improvement."), delayMs };
  const title = rawTitle.replace(/\[stub:[^\]]*\]\s*/g, "").trim() || "the requested change";
  const filesBlock = /^Changed files:\n((?:- .*\n?)+)/m.exec(prompt)?.[1] ?? "";
  const files = filesBlock
    .split("\n")
    .map((l) => l.replace(/^- /, "").trim())
    .filter(Boolean);
  const content = JSON.stringify({
    query: `Please implement the following in this repository: ${title}. Keep the existing behaviour otherwise and add or update tests where it makes sense.`,
    task_category: "feature",
    modified_files: files.length > 0 ? files : ["README.md"],
    related_files: [],
    reasoning: `Derived from the pull request titled "${title}".`,
  });
  // Deterministic stand-in for token counts (≈ 4 characters per token).
  return {
    ...chatReply(content, {
      promptTokens: Math.ceil(prompt.length / 4),
      completionTokens: Math.ceil(content.length / 4),
      model,
    }),
    delayMs,
  };
}

/** The user message holding the PR (a correction turn carries none), else the last user message. */
function lastUserMessage(body: unknown): string {
  if (typeof body !== "object" || body === null || !("messages" in body) || !Array.isArray(body.messages)) return "";
  const userTexts = (body.messages as unknown[]).flatMap((m) =>
    typeof m === "object" &&
    m !== null &&
    "role" in m &&
    m.role === "user" &&
    "content" in m &&
    typeof m.content === "string"
      ? [m.content]
      : [],
  );
  return userTexts.find((t) => /^Title: /m.test(t)) ?? userTexts[userTexts.length - 1] ?? "";
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Recorded as raw text only; a test asserting on `body` sees undefined and can read `rawBody`.
    return undefined;
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const port = process.argv[2] ? Number(process.argv[2]) : undefined;
  startStubOpenAiServer({ port }).then(
    (stub) => process.stdout.write(`${stub.baseUrl}\n`),
    (e: unknown) => {
      process.stderr.write(`stub-openai-server: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
