/**
 * Trajectories for the viewer's e2e tests, imported through the app's upload API as OpenAI-chat
 * JSONL (tool calls, tool errors, readable and encrypted reasoning all map from it).
 */
import { expect, type APIRequestContext } from "@playwright/test";

type Message = Record<string, unknown>;

export const user = (content: string): Message => ({ role: "user", content });
export const assistant = (content: string, extra: Record<string, unknown> = {}): Message => ({
  role: "assistant",
  content,
  ...extra,
});
export const call = (id: string, name: string, args: Record<string, unknown>, content = ""): Message => ({
  role: "assistant",
  content,
  tool_calls: [{ id, type: "function", function: { name, arguments: JSON.stringify(args) } }],
});
export const result = (id: string, content: string, isError = false): Message => ({
  role: "tool",
  tool_call_id: id,
  content,
  ...(isError ? { is_error: true } : {}),
});

export async function importChat(
  request: APIRequestContext,
  slug: string,
  filename: string,
  messages: Message[],
  extra: Record<string, unknown> = {},
): Promise<string> {
  const line = JSON.stringify({
    messages,
    tools: [
      {
        type: "function",
        function: {
          name: "bash",
          description: "Run a command",
          parameters: { type: "object", properties: { cmd: { type: "string" } } },
        },
      },
    ],
    ...extra,
  });
  const res = await request.post(`/api/projects/${slug}/imports?filename=${encodeURIComponent(filename)}`, {
    data: Buffer.from(`${line}\n`),
    headers: { "content-type": "application/octet-stream" },
  });
  const body = (await res.json()) as {
    results: Array<{ status: string; trajectoryId: string | null; error: { message: string } | null }>;
  };
  expect(res.status(), JSON.stringify(body)).toBe(200);
  expect(body.results[0].status).toBe("imported");
  return body.results[0].trajectoryId!;
}

/** A session of `turns` tool rounds with a human turn now and then, a failing call, and one long output. */
export function longSession(turns: number, needleAt: number): Message[] {
  const m: Message[] = [
    { role: "system", content: "You are a coding agent." },
    user("Build the parser and make the tests pass."),
  ];
  for (let i = 0; i < turns; i++) {
    m.push(
      call(
        `c${i}`,
        "bash",
        { cmd: `pytest tests/test_${i}.py -q` },
        i % 5 === 0 ? `Running the tests of **module ${i}**.` : "",
      ),
    );
    const out =
      i === needleAt
        ? `collected 3 items\nNEEDLE-OUTPUT-${i} failed here\n`
        : i === 3
          ? Array.from({ length: 400 }, (_, k) => `log line ${k} of a very long output`).join("\n")
          : `collected ${i} items\n${i} passed`;
    m.push(result(`c${i}`, out, i === 7));
    if (i % 25 === 24) m.push(user(`Feedback ${i}: keep going, but check the edge cases.`));
  }
  m.push(assistant("All tests pass now.", { reasoning_content: "I should summarize the work done." }));
  return m;
}
