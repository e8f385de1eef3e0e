import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db/client";
import { callRoute } from "@/lib/http/testing/call-route";
import {
  startStubOpenAiServer,
  chatReply,
  type StubOpenAiServer,
  type StubReply,
} from "@/lib/llm/testing/stub-openai-server";
import { agentProject } from "@/lib/live/ingest/testing/agent-fixtures";
import { freePort, headSteps, liveServerOn, sleep, tempDir } from "@/lib/cli/record/testing/recorder-fixtures";
import { AgentRunner } from "@/lib/cli/run/agent-runner";
import * as feedbackRoute from "@/app/api/projects/[slug]/live/sessions/[sessionId]/feedback/route";
import * as controlRoute from "@/app/api/projects/[slug]/live/sessions/[sessionId]/control/route";

let server: Awaited<ReturnType<typeof liveServerOn>>;
let port: number;
let stub: StubOpenAiServer;

beforeAll(async () => {
  port = await freePort();
  server = await liveServerOn(port);
  stub = await startStubOpenAiServer();
});
afterAll(async () => {
  await stub.close();
  await server.close();
});

function toolCall(id: string, name: string, args: Record<string, unknown>): StubReply {
  const r = chatReply("");
  const body = r.body as { choices: Array<{ message: Record<string, unknown>; finish_reason: string }> };
  body.choices[0].message = {
    role: "assistant",
    content: null,
    tool_calls: [{ id, type: "function", function: { name, arguments: JSON.stringify(args) } }],
  };
  body.choices[0].finish_reason = "tool_calls";
  return r;
}

function runner(key: string, workdir: string, task: string) {
  return new AgentRunner({
    server: `http://127.0.0.1:${port}`,
    apiKey: key,
    workdir,
    task,
    llm: { baseUrl: stub.baseUrl, model: "stub-model" },
    log: () => undefined,
  });
}

describe("limi run", () => {
  it("works a task with several tool calls; feedback from a watcher mid-run lands as a human step where the model saw it", async () => {
    stub.reset();
    const { project, admin, adminCookie, key } = await agentProject();
    const workdir = await tempDir("limi-work-");
    const r = runner(key.secret, workdir, "Create hello.py printing hi, then show it.");
    stub.setHandler(async (req) => {
      const n = stub.requests.length;
      if (n === 1) return toolCall("c1", "write_file", { file_path: "hello.py", content: "print('hi')\n" });
      if (n === 2) {
        // A watcher types feedback while the agent works.
        const res = await callRoute(feedbackRoute.POST, {
          method: "POST",
          params: { slug: project.slug, sessionId: r.session },
          cookie: adminCookie,
          body: { text: "Also list the directory." },
        });
        expect(res.status).toBe(200);
        return toolCall("c2", "run_shell_command", { command: "cat hello.py" });
      }
      if (n === 3) return toolCall("c3", "list_directory", { path: "." });
      void req;
      return chatReply("Done: hello.py prints hi.");
    });
    const out = await r.run();
    expect(out.stopped).toBe(false);
    expect(await readFile(path.join(workdir, "hello.py"), "utf8")).toBe("print('hi')\n");
    const steps = await headSteps(out.trajectoryId!);
    expect(steps.map((s) => (s.kind === "tool_call" ? `call:${s.name}` : s.kind))).toEqual([
      "system",
      "human",
      "call:write_file",
      "tool_result",
      "call:run_shell_command",
      "tool_result",
      "human",
      "call:list_directory",
      "tool_result",
      "assistant",
    ]);
    expect(steps[6]).toMatchObject({ kind: "human", text: "Also list the directory." });
    expect(steps[5]).toMatchObject({ kind: "tool_result", output: expect.stringContaining("print('hi')") });
    // The model's third request had the feedback as the last user turn, after the second tool result.
    const third = stub.requests[2].body as { messages: Array<{ role: string; content: string | null }> };
    expect(third.messages.slice(-2).map((m) => m.role)).toEqual(["tool", "user"]);
    expect(third.messages.at(-1)?.content).toBe("Also list the directory.");
    const live = await db().liveStep.findMany({ where: { sessionId: r.session }, orderBy: { position: "asc" } });
    expect(live[6]).toMatchObject({ kind: "human", authorId: admin.id });
    const t = await db().trajectory.findUniqueOrThrow({ where: { id: out.trajectoryId! } });
    expect(t.status).toBe("in_review");
  });

  it("pauses, resumes and stops when asked from the browser", async () => {
    stub.reset();
    const { project, adminCookie, key } = await agentProject();
    const workdir = await tempDir("limi-work-");
    const r = runner(key.secret, workdir, "Keep ticking.");
    const control = (action: string) =>
      callRoute(controlRoute.POST, {
        method: "POST",
        params: { slug: project.slug, sessionId: r.session },
        cookie: adminCookie,
        body: { action },
      });
    let i = 0;
    stub.setHandler(() => toolCall(`t${++i}`, "run_shell_command", { command: "echo tick" }));
    const running = r.run();
    await expect.poll(() => stub.requests.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    expect((await control("pause")).status).toBe(200);
    await sleep(600);
    const whilePaused = stub.requests.length;
    await sleep(800);
    expect(stub.requests.length).toBe(whilePaused);
    expect((await control("resume")).status).toBe(200);
    await expect.poll(() => stub.requests.length, { timeout: 10_000 }).toBeGreaterThan(whilePaused + 1);
    expect((await control("stop")).status).toBe(200);
    const out = await running;
    expect(out.stopped).toBe(true);
    const s = await db().liveSession.findUniqueOrThrow({ where: { id: r.session } });
    expect(s.state).toBe("ended");
    expect(s.trajectoryId).toBe(out.trajectoryId);
  });
});
