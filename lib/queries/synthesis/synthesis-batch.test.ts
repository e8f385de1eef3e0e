import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createChatClient, type ChatClientOptions } from "@/lib/llm/chat-client";
import { PullRequestSchema, type PullRequest } from "@/lib/queries/pull-requests/pr-types";
import {
  runSynthesisBatch,
  type SynthesisProgress,
  type SynthesisStore,
} from "@/lib/queries/synthesis/synthesis-batch";
import { MemorySynthesisStore } from "@/lib/queries/synthesis/testing/memory-synthesis-store";
import {
  chatReply,
  defaultSynthesisReply,
  startStubOpenAiServer,
  type StubOpenAiServer,
  type StubRequest,
} from "@/lib/llm/testing/stub-openai-server";

let stub: StubOpenAiServer;
beforeAll(async () => {
  stub = await startStubOpenAiServer();
});
afterAll(async () => {
  await stub.close();
});
beforeEach(() => stub.reset());

const makePr = (n: number, repo = "acme/widgets"): PullRequest =>
  PullRequestSchema.parse({
    repo,
    number: n,
    title: `Change number ${n}`,
    patch: `diff --git a/src/f${n}.ts b/src/f${n}.ts\n--- a/src/f${n}.ts\n+++ b/src/f${n}.ts\n@@ -1 +1 @@\n-old\n+new\n`,
  });
const prs = (count: number) => Array.from({ length: count }, (_, i) => makePr(i + 1));

function client(over: Partial<ChatClientOptions> = {}) {
  const sleeps: number[] = [];
  const c = createChatClient({
    baseUrl: stub.baseUrl,
    apiKey: "sk-batch-test-key-000",
    model: "stub-model",
    timeoutMs: 5000,
    maxRetries: 2,
    baseDelayMs: 10,
    random: () => 0,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...over,
  });
  return { c, sleeps };
}

const titleOf = (req: StubRequest) => {
  const messages = (req.body as { messages: { content: string }[] }).messages;
  return /^Title: (.*)$/m.exec(messages[0].content)?.[1];
};

describe("runSynthesisBatch", () => {
  it("synthesises every PR, saves results and tallies tokens and cost", async () => {
    const store = new MemorySynthesisStore();
    const events: SynthesisProgress[] = [];
    const summary = await runSynthesisBatch({
      prs: prs(3),
      client: client().c,
      store,
      concurrency: 2,
      onProgress: (e) => events.push(e),
      pricing: { promptUsdPerMTok: 2, completionUsdPerMTok: 8 },
    });
    const sent = stub.requests.map((r) => r.body as { messages: { content: string }[] });
    const promptTokens = sent.reduce((s, b) => s + Math.ceil(b.messages[0].content.length / 4), 0);
    expect(summary).toMatchObject({
      total: 3,
      done: 3,
      skipped: 0,
      flagged: 0,
      failed: 0,
      remaining: 0,
      aborted: false,
      promptTokens,
    });
    expect(summary.completionTokens).toBeGreaterThan(0);
    expect(summary.costUsd).toBeCloseTo((promptTokens * 2 + summary.completionTokens * 8) / 1e6, 6);
    expect([...store.results.keys()].sort()).toEqual(["acme/widgets#1", "acme/widgets#2", "acme/widgets#3"]);
    const r2 = store.results.get("acme/widgets#2");
    expect(r2?.result.query).toContain("Change number 2");
    expect(r2?.result.modified_files).toEqual(["src/f2.ts"]);
    expect(r2?.info).toMatchObject({ model: "stub-model", calls: 1 });
    expect(r2?.usage.promptTokens).toBeGreaterThan(0);
    expect(events.map((e) => e.status)).toEqual(["done", "done", "done"]);
    expect(events[2].summary.done).toBe(3);
  });

  it("respects the concurrency limit", async () => {
    let inFlight = 0;
    let peak = 0;
    stub.setHandler(async (req) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      return defaultSynthesisReply(req);
    });
    const summary = await runSynthesisBatch({
      prs: prs(8),
      client: client().c,
      store: new MemorySynthesisStore(),
      concurrency: 3,
    });
    expect(summary.done).toBe(8);
    expect(peak).toBe(3);
  });

  it("retries after a 429, honouring Retry-After, then saves", async () => {
    stub.enqueue({
      status: 429,
      headers: { "retry-after": "3" },
      body: { error: { message: "Rate limit reached for requests" } },
    });
    const { c, sleeps } = client();
    const store = new MemorySynthesisStore();
    const summary = await runSynthesisBatch({ prs: prs(1), client: c, store, concurrency: 1 });
    expect(summary).toMatchObject({ done: 1, failed: 0, flagged: 0 });
    expect(sleeps).toEqual([3000]);
    expect(stub.requests).toHaveLength(2);
    expect(store.results.has("acme/widgets#1")).toBe(true);
  });

  it("asks once more after invalid output, then flags it and saves no result", async () => {
    stub.enqueue(chatReply("Sure! Here is the task: make it faster."), chatReply('{"query": "x"'));
    const store = new MemorySynthesisStore();
    const events: SynthesisProgress[] = [];
    const summary = await runSynthesisBatch({
      prs: prs(1),
      client: client().c,
      store,
      concurrency: 1,
      onProgress: (e) => events.push(e),
    });
    expect(summary).toMatchObject({
      total: 1,
      done: 0,
      flagged: 1,
      failed: 0,
      promptTokens: 200,
      completionTokens: 100,
    });
    expect(store.results.size).toBe(0);
    expect(store.saveResultCalls).toEqual([]);
    const flag = store.flags.get("acme/widgets#1");
    expect(flag?.reason).toMatch(/^the model's reply was unusable twice: the reply is not valid JSON/);
    expect(flag?.rawOutput).toBe('{"query": "x"');
    expect(flag?.info).toMatchObject({
      kind: "invalid_output",
      calls: 2,
      usage: { promptTokens: 200, completionTokens: 100 },
    });
    // The retry shows the model its reply and what was wrong with it.
    const retry = stub.requests[1].body as { messages: { role: string; content: string }[] };
    expect(retry.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(retry.messages[1].content).toBe("Sure! Here is the task: make it faster.");
    expect(retry.messages[2].content).toMatch(/^Your previous reply could not be used: the reply is not JSON/);
    expect(events[0]).toMatchObject({ prKey: "acme/widgets#1", status: "flagged" });
  });

  it("saves the second reply when the retry is valid", async () => {
    stub.enqueue(chatReply('{"task_category": "feature"}'));
    const store = new MemorySynthesisStore();
    const summary = await runSynthesisBatch({ prs: prs(1), client: client().c, store });
    expect(summary).toMatchObject({ done: 1, flagged: 0 });
    expect(store.results.get("acme/widgets#1")?.info.calls).toBe(2);
    expect((stub.requests[1].body as { messages: { content: string }[] }).messages[2].content).toContain(
      'field "query" is missing',
    );
  });

  it("flags a PR whose provider keeps failing with 5xx, and carries on with the rest", async () => {
    stub.setHandler((req) =>
      titleOf(req) === "Change number 2"
        ? { status: 503, body: { error: { message: "no capacity" } } }
        : defaultSynthesisReply(req),
    );
    const { c, sleeps } = client({ maxRetries: 2 });
    const store = new MemorySynthesisStore();
    const summary = await runSynthesisBatch({ prs: prs(3), client: c, store, concurrency: 1 });
    expect(summary).toMatchObject({ total: 3, done: 2, failed: 1, flagged: 0, remaining: 0 });
    expect(sleeps).toEqual([5, 10]);
    const flag = store.flags.get("acme/widgets#2");
    expect(flag?.reason).toBe("The LLM provider answered HTTP 503: no capacity; gave up after 3 attempts");
    expect(flag?.rawOutput).toBeNull();
    expect(flag?.info.kind).toBe("provider_error");
    expect(store.results.has("acme/widgets#2")).toBe(false);
  });

  it("stops at once when the provider rejects the configuration (bad key)", async () => {
    stub.setHandler(() => ({ status: 401, body: { error: { message: "Incorrect API key provided" } } }));
    const store = new MemorySynthesisStore();
    await expect(runSynthesisBatch({ prs: prs(10), client: client().c, store, concurrency: 2 })).rejects.toThrow(
      /HTTP 401: Incorrect API key provided/,
    );
    expect(stub.requests.length).toBeLessThanOrEqual(2);
    expect(store.flags.size).toBe(0);
  });

  it("stops and rethrows when the store fails", async () => {
    const store = new MemorySynthesisStore();
    const failing: SynthesisStore = {
      isDone: (k) => store.isDone(k),
      saveFlag: (...a) => store.saveFlag(...a),
      saveResult: async () => {
        throw new Error("database is down");
      },
    };
    await expect(
      runSynthesisBatch({ prs: prs(5), client: client().c, store: failing, concurrency: 1 }),
    ).rejects.toThrow("database is down");
    expect(stub.requests).toHaveLength(1);
  });

  it("is resumable: abort after N, run again, nothing is done twice", async () => {
    const store = new MemorySynthesisStore();
    const all = prs(6);
    const ctl = new AbortController();
    const first = await runSynthesisBatch({
      prs: all,
      client: client().c,
      store,
      concurrency: 1,
      signal: ctl.signal,
      onProgress: (e) => {
        if (e.summary.done === 2) ctl.abort();
      },
    });
    expect(first).toMatchObject({ total: 6, done: 2, remaining: 4, aborted: true });
    expect(stub.requests).toHaveLength(2);

    const second = await runSynthesisBatch({ prs: all, client: client().c, store, concurrency: 1 });
    expect(second).toMatchObject({ total: 6, done: 4, skipped: 2, remaining: 0, aborted: false });
    expect(stub.requests).toHaveLength(6);
    expect(store.saveResultCalls).toHaveLength(6);
    expect(new Set(store.saveResultCalls).size).toBe(6);
    expect(new Set(stub.requests.map(titleOf)).size).toBe(6);
  });

  it("abandons in-flight calls cleanly on abort; the next run picks them up", async () => {
    stub.setHandler((req) => ({
      ...defaultSynthesisReply(req),
      delayMs: titleOf(req) === "Change number 1" ? 50 : 2000,
    }));
    const store = new MemorySynthesisStore();
    const all = prs(5);
    const ctl = new AbortController();
    const first = await runSynthesisBatch({
      prs: all,
      client: client().c,
      store,
      concurrency: 3,
      signal: ctl.signal,
      onProgress: () => ctl.abort(),
    });
    // #1 finished; #2 and #3 were in flight and were cancelled, #4 and #5 never started.
    expect(first).toMatchObject({ done: 1, flagged: 0, failed: 0, remaining: 4, aborted: true });
    expect(store.flags.size).toBe(0);
    expect(stub.requests).toHaveLength(3);

    stub.setHandler(null);
    const second = await runSynthesisBatch({ prs: all, client: client().c, store, concurrency: 3 });
    expect(second).toMatchObject({ done: 4, skipped: 1, aborted: false });
    expect(store.saveResultCalls.sort()).toEqual(all.map((p) => `acme/widgets#${p.number}`).sort());
  });

  it("does nothing when aborted before it starts", async () => {
    const ctl = new AbortController();
    ctl.abort();
    const summary = await runSynthesisBatch({
      prs: prs(3),
      client: client().c,
      store: new MemorySynthesisStore(),
      signal: ctl.signal,
    });
    expect(summary).toMatchObject({ done: 0, remaining: 3, aborted: true });
    expect(stub.requests).toHaveLength(0);
  });

  it("ignores PRs given twice, and skips flagged PRs when the store says so", async () => {
    const store = new MemorySynthesisStore({ flaggedCountAsDone: true });
    stub.enqueue(chatReply("nope"), chatReply("still nope"));
    const first = await runSynthesisBatch({
      prs: [makePr(1), makePr(1), makePr(2)],
      client: client().c,
      store,
      concurrency: 1,
    });
    expect(first).toMatchObject({ total: 2, duplicatesIgnored: 1, flagged: 1, done: 1 });
    const second = await runSynthesisBatch({ prs: [makePr(1), makePr(2)], client: client().c, store });
    expect(second).toMatchObject({ skipped: 2, done: 0 });
  });

  it("checks the template and options before calling anyone", async () => {
    await expect(
      runSynthesisBatch({ prs: prs(1), client: client().c, store: new MemorySynthesisStore(), template: "{{nope}}" }),
    ).rejects.toThrow(/unknown placeholder \{\{nope\}\}/);
    await expect(
      runSynthesisBatch({ prs: prs(1), client: client().c, store: new MemorySynthesisStore(), concurrency: 0 }),
    ).rejects.toThrow(/concurrency/);
    expect(stub.requests).toHaveLength(0);
  });

  it("sends the system prompt and response format when given", async () => {
    await runSynthesisBatch({
      prs: prs(1),
      client: client().c,
      store: new MemorySynthesisStore(),
      systemPrompt: "Be terse.",
      responseFormat: { type: "json_object" },
      template: "Title: {{title}}\n{{patch}}",
    });
    const body = stub.requests[0].body as { messages: { role: string; content: string }[]; response_format: unknown };
    expect(body.messages[0]).toEqual({ role: "system", content: "Be terse." });
    expect(body.messages[1].content).toMatch(/^Title: Change number 1\ndiff --git/);
    expect(body.response_format).toEqual({ type: "json_object" });
  });
});
