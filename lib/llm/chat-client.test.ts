import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import {
  chatCompletionsUrl,
  createChatClient,
  providerFailureOf,
  redact,
  retryAfterMs,
  type ChatClientOptions,
  type RetryInfo,
} from "@/lib/llm/chat-client";
import { chatClientFromEnv } from "@/lib/llm/chat-client-from-env";
import { resetEnvCache } from "@/lib/env";
import { chatReply, startStubOpenAiServer, type StubOpenAiServer } from "@/lib/llm/testing/stub-openai-server";

const KEY = "sk-test-1234567890abcdef";
let stub: StubOpenAiServer;
beforeAll(async () => {
  stub = await startStubOpenAiServer();
});
afterAll(async () => {
  await stub.close();
});
beforeEach(() => stub.reset());

function client(over: Partial<ChatClientOptions> = {}) {
  const sleeps: number[] = [];
  const retries: RetryInfo[] = [];
  const c = createChatClient({
    baseUrl: stub.baseUrl,
    apiKey: KEY,
    model: "test-model",
    timeoutMs: 5000,
    baseDelayMs: 100,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onRetry: (r) => retries.push(r),
    ...over,
  });
  return { c, sleeps, retries };
}

const ask = { messages: [{ role: "user" as const, content: "Say hi as JSON" }] };

async function failureOf(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe("chat", () => {
  it("posts an OpenAI chat completion and returns content and usage", async () => {
    stub.enqueue(chatReply('{"hi": 1}', { promptTokens: 12, completionTokens: 3 }));
    const { c } = client();
    const r = await c.chat({ ...ask, responseFormat: { type: "json_object" }, temperature: 0.2 });
    expect(r).toMatchObject({
      content: '{"hi": 1}',
      usage: { promptTokens: 12, completionTokens: 3 },
      usageEstimated: false,
      finishReason: "stop",
      attempts: 1,
    });
    const [req] = stub.requests;
    expect(req.path).toBe("/v1/chat/completions");
    expect(req.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req.body).toEqual({
      model: "test-model",
      messages: ask.messages,
      response_format: { type: "json_object" },
      temperature: 0.2,
    });
  });

  it("sends no Authorization header without a key, and estimates missing usage", async () => {
    stub.enqueue({ body: { choices: [{ message: { role: "assistant", content: "hello there" } }] } });
    const { c } = client({ apiKey: undefined });
    const r = await c.chat(ask);
    expect(stub.requests[0].headers.authorization).toBeUndefined();
    expect(r.usageEstimated).toBe(true);
    expect(r.usage.promptTokens).toBeGreaterThan(0);
    expect(r.usage.completionTokens).toBe(2);
  });
});

describe("retries", () => {
  it("waits as long as Retry-After says after a 429, then succeeds", async () => {
    stub.enqueue(
      { status: 429, headers: { "retry-after": "2" }, body: { error: { message: "Rate limit reached" } } },
      chatReply("ok"),
    );
    const { c, sleeps, retries } = client();
    const r = await c.chat(ask);
    expect(r.content).toBe("ok");
    expect(r.attempts).toBe(2);
    expect(sleeps).toEqual([2000]);
    expect(retries[0]).toMatchObject({ attempt: 1, status: 429, fromRetryAfter: true, delayMs: 2000 });
    expect(stub.requests).toHaveLength(2);
  });

  it("backs off exponentially with jitter on 5xx and network errors", async () => {
    stub.enqueue(
      { status: 503, body: "upstream down" },
      { drop: true },
      { status: 500, body: { error: { message: "oops" } } },
      chatReply("ok"),
    );
    const { c, sleeps, retries } = client();
    expect((await c.chat(ask)).attempts).toBe(4);
    // step 100, 200, 400 ms; equal jitter with random()=0.5 gives three quarters of each.
    expect(sleeps).toEqual([75, 150, 300]);
    expect(retries.map((r) => r.reason)).toEqual([
      "the LLM provider answered HTTP 503: upstream down",
      expect.stringMatching(/^cannot reach the LLM provider at http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions \(/),
      "the LLM provider answered HTTP 500: oops",
    ]);
  });

  it("jitter stays within half to all of the exponential step", async () => {
    stub.enqueue({ status: 502 }, { status: 502 }, chatReply("ok"));
    const low = client({ random: () => 0 });
    await low.c.chat(ask);
    stub.enqueue({ status: 502 }, { status: 502 }, chatReply("ok"));
    const high = client({ random: () => 0.999999 });
    await high.c.chat(ask);
    expect(low.sleeps).toEqual([50, 100]);
    expect(high.sleeps).toEqual([100, 200]);
  });

  it("gives up after maxRetries with an UNAVAILABLE error", async () => {
    stub.setHandler(() => ({ status: 500, body: { error: { message: "model overloaded" } } }));
    const { c, sleeps } = client({ maxRetries: 2 });
    const e = await failureOf(c.chat(ask));
    expect(e.code).toBe("UNAVAILABLE");
    expect(e.message).toBe("The LLM provider answered HTTP 500: model overloaded; gave up after 3 attempts");
    expect(providerFailureOf(e)).toEqual({ kind: "http", status: 500, attempts: 3, fatal: false });
    expect(stub.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it("reports exhausted rate limits as RATE_LIMITED", async () => {
    stub.setHandler(() => ({ status: 429, body: { error: { message: "slow down" } } }));
    const e = await failureOf(client({ maxRetries: 1 }).c.chat(ask));
    expect(e.code).toBe("RATE_LIMITED");
  });

  it("fails instead of stalling when Retry-After is beyond the limit", async () => {
    stub.enqueue({ status: 429, headers: { "retry-after": "3600" } });
    const { c, sleeps } = client({ maxDelayMs: 30_000 });
    const e = await failureOf(c.chat(ask));
    expect(e.message).toMatch(/asked to retry after 3600 s, longer than the 30 s limit/);
    expect(sleeps).toEqual([]);
  });

  it("times out a slow answer and retries it", async () => {
    stub.enqueue({ delayMs: 2000, ...chatReply("late") }, chatReply("on time"));
    const { c, retries } = client({ timeoutMs: 150 });
    expect((await c.chat(ask)).content).toBe("on time");
    expect(retries[0].reason).toBe("no answer from the LLM provider within 150 ms");
  });

  it("retries an unreadable 200 body", async () => {
    stub.enqueue({ body: "<html>gateway</html>" }, chatReply("ok"));
    const { c, retries } = client();
    expect((await c.chat(ask)).content).toBe("ok");
    expect(retries[0].reason).toMatch(/unreadable response \(not JSON/);
  });
});

describe("non-retryable failures", () => {
  it("fails at once on 401 with the provider's message and never the key", async () => {
    stub.enqueue({
      status: 401,
      body: { error: { message: `Incorrect API key provided: ${KEY}.`, type: "invalid_request_error" } },
    });
    const { c, sleeps } = client();
    const e = await failureOf(c.chat(ask));
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.message).toBe("The LLM provider answered HTTP 401: Incorrect API key provided: [redacted].");
    expect(JSON.stringify(e.toJSON())).not.toContain(KEY);
    expect(providerFailureOf(e)).toMatchObject({ status: 401, attempts: 1, fatal: true });
    expect(stub.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("fails at once on 400 without marking the batch fatal", async () => {
    stub.enqueue({ status: 400, body: { error: { message: "This model's maximum context length is 8192 tokens" } } });
    const e = await failureOf(client().c.chat(ask));
    expect(e.message).toMatch(/HTTP 400: This model's maximum context length/);
    expect(providerFailureOf(e)?.fatal).toBe(false);
  });

  it("stops waiting between retries when cancelled", async () => {
    stub.enqueue({ status: 503 });
    const ctl = new AbortController();
    const { c } = client({
      sleep: (_ms, signal) =>
        new Promise((_, reject) => {
          signal?.addEventListener("abort", () => reject(signal.reason));
          ctl.abort();
        }),
    });
    const e = await failureOf(c.chat({ ...ask, signal: ctl.signal }));
    expect(providerFailureOf(e)?.kind).toBe("cancelled");
  });

  it("explains a missing or bad configuration", () => {
    expect(() => createChatClient({ baseUrl: undefined, model: "m" })).toThrow(
      expect.objectContaining({ code: "VALIDATION", message: "LLM base URL is not configured (set LLM_BASE_URL)" }),
    );
    expect(() => createChatClient({ baseUrl: "  ", model: "m" })).toThrow(
      "LLM base URL is not configured (set LLM_BASE_URL)",
    );
    expect(() => createChatClient({ baseUrl: "not a url", model: "m" })).toThrow(/not a valid URL/);
    expect(() => createChatClient({ baseUrl: "ftp://x/v1", model: "m" })).toThrow(/http or https/);
    expect(() => createChatClient({ baseUrl: "http://x/v1", model: "" })).toThrow(
      "LLM model is not configured (set LLM_MODEL)",
    );
  });
});

describe("chatClientFromEnv (what synthesis runs and the CLI call)", () => {
  const VARS = ["LLM_BASE_URL", "LLM_API_KEY", "LLM_MODEL", "LLM_TIMEOUT_MS"] as const;
  const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));
  function setEnv(vars: Partial<Record<(typeof VARS)[number], string>>) {
    for (const k of VARS) delete process.env[k];
    Object.assign(process.env, vars);
    resetEnvCache();
  }
  afterAll(() => {
    for (const k of VARS)
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    resetEnvCache();
  });

  it("sends the configured model and key to the configured URL", async () => {
    setEnv({ LLM_BASE_URL: stub.baseUrl, LLM_API_KEY: KEY, LLM_MODEL: "env-model" });
    stub.enqueue(chatReply("from env"));
    const r = await chatClientFromEnv().chat({ messages: [{ role: "user", content: "hi" }] });
    expect(r.content).toBe("from env");
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0].path).toBe("/v1/chat/completions");
    expect(stub.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
    expect((stub.requests[0].body as { model: string }).model).toBe("env-model");
  });

  it("names the missing base URL, and rejects a timeout that is not a number", () => {
    setEnv({ LLM_MODEL: "m" });
    expect(() => chatClientFromEnv()).toThrow(
      expect.objectContaining({
        code: "VALIDATION",
        message: "LLM base URL is not configured (set LLM_BASE_URL)",
        location: { field: "LLM_BASE_URL" },
      }),
    );
    setEnv({ LLM_BASE_URL: stub.baseUrl, LLM_TIMEOUT_MS: "soon" });
    expect(() => chatClientFromEnv()).toThrow(/LLM_TIMEOUT_MS/);
  });
});

describe("helpers", () => {
  it("builds the completions URL from a base URL", () => {
    expect(chatCompletionsUrl("https://api.openai.com/v1")).toBe("https://api.openai.com/v1/chat/completions");
    expect(chatCompletionsUrl("http://localhost:8000/v1/")).toBe("http://localhost:8000/v1/chat/completions");
    expect(chatCompletionsUrl("http://h/v1/chat/completions")).toBe("http://h/v1/chat/completions");
  });

  it("reads Retry-After as seconds, milliseconds or a date", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(retryAfterMs(new Headers({ "retry-after": "1.5" }), now)).toBe(1500);
    expect(retryAfterMs(new Headers({ "retry-after-ms": "250", "retry-after": "9" }), now)).toBe(250);
    expect(retryAfterMs(new Headers({ "retry-after": "Wed, 01 Jan 2025 00:00:05 GMT" }), now)).toBe(5000);
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
  });

  it("redacts the key and key-shaped secrets", () => {
    expect(redact(`bad key ${KEY}`, KEY)).toBe("bad key [redacted]");
    expect(redact("token sk-proj-abcdefghijkl leaked", undefined)).toBe("token sk-[redacted] leaked");
  });
});
