import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { startStubOpenAiServer, type StubOpenAiServer } from "@/lib/llm/testing/stub-openai-server";

let stub: StubOpenAiServer | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const post = (url: string, body: unknown) =>
  fetch(`${url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("stub OpenAI server", () => {
  it("answers a synthesis JSON derived from the prompt by default, and records requests", async () => {
    stub = await startStubOpenAiServer();
    expect(stub.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const prompt =
      "Repository: a/b\nTitle: Add retry to the uploader\n\nChanged files:\n- src/upload.ts\n- src/retry.ts\n\nDiff:\n...";
    const res = await post(stub.baseUrl, { model: "m", messages: [{ role: "user", content: prompt }] });
    expect(res.status).toBe(200);
    const json = (await res.json()) as {
      choices: { message: { content: string } }[];
      usage: { prompt_tokens: number };
    };
    const task = JSON.parse(json.choices[0].message.content) as { query: string; modified_files: string[] };
    expect(task.query).toContain("Add retry to the uploader");
    expect(task.modified_files).toEqual(["src/upload.ts", "src/retry.ts"]);
    expect(json.usage.prompt_tokens).toBe(Math.ceil(prompt.length / 4));
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]).toMatchObject({ method: "POST", path: "/v1/chat/completions", body: { model: "m" } });
  });

  it("takes directives from the PR title: prose instead of JSON, or a delay", async () => {
    stub = await startStubOpenAiServer();
    const ask = async (title: string) => {
      const started = Date.now();
      const res = await post(stub!.baseUrl, {
        messages: [{ role: "user", content: `Title: ${title}\n\nChanged files:\n- a.ts\n` }],
      });
      const content = ((await res.json()) as { choices: { message: { content: string } }[] }).choices[0].message
        .content;
      return { content, ms: Date.now() - started };
    };
    const invalid = await ask("[stub:invalid] Fix the pager");
    expect(() => JSON.parse(invalid.content)).toThrow();
    const slow = await ask("[stub:slow=300] Fix the pager");
    expect(slow.ms).toBeGreaterThanOrEqual(290);
    expect((JSON.parse(slow.content) as { query: string }).query).toContain(": Fix the pager.");
    expect(slow.content).not.toContain("[stub:");
  });

  it("serves queued replies in order, then the handler, with headers and raw bodies", async () => {
    stub = await startStubOpenAiServer({
      replies: [{ status: 429, headers: { "retry-after": "1" }, body: { error: { message: "slow" } } }],
    });
    stub.enqueue({ status: 502, body: "<html>bad gateway</html>" });
    stub.setHandler(() => ({ status: 418, body: { error: { message: "teapot" } } }));
    const a = await post(stub.baseUrl, {});
    expect([a.status, a.headers.get("retry-after")]).toEqual([429, "1"]);
    const b = await post(stub.baseUrl, {});
    expect([b.status, await b.text()]).toEqual([502, "<html>bad gateway</html>"]);
    expect((await post(stub.baseUrl, {})).status).toBe(418);
    expect(stub.queued).toBe(0);
  });

  it("drops connections on request and serves /v1/models and 404s", async () => {
    stub = await startStubOpenAiServer({ replies: [{ drop: true }] });
    await expect(post(stub.baseUrl, {})).rejects.toThrow();
    const models = (await (await fetch(`${stub.baseUrl}/models`)).json()) as { data: { id: string }[] };
    expect(models.data[0].id).toBe("stub-model");
    expect((await fetch(`${stub.baseUrl}/embeddings`, { method: "POST" })).status).toBe(404);
  });

  it("runs standalone and prints its base URL", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", fileURLToPath(new URL("./stub-openai-server.ts", import.meta.url))],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (c: Buffer) => {
          out += c.toString();
          if (out.includes("\n")) resolve(out.trim());
        });
        child.on("error", reject);
        child.on("exit", (code) => reject(new Error(`stub exited with ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      expect((await fetch(`${url}/models`)).status).toBe(200);
    } finally {
      child.kill();
    }
  }, 20_000);
});
