import { describe, expect, it } from "vitest";
import { sharegpt } from "@/lib/formats/sharegpt";
import { DEFAULT_MAX_DOCUMENT_BYTES } from "@/lib/formats/types";
import { collect, fileInput, fixturePath, memoryInput } from "@/lib/formats/testing/input";
import { joinIds, resultsFollowCalls, stepCounts, stepsOf } from "@/lib/formats/testing/steps";

const opts = { maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES };
const parseFixture = () => collect(sharegpt.parse(fileInput(fixturePath("sharegpt/llamafactory.json")), opts));

describe("sharegpt: LLaMA-Factory samples", () => {
  it("yields one trajectory per sample with exact counts", async () => {
    const [a, b] = await parseFixture();
    expect(stepCounts(a)).toMatchObject({
      toolCalls: 5,
      toolResults: 5,
      failedResults: 0,
      reasoning: 2,
      hiddenReasoning: 0,
      human: 2,
      assistant: 4,
      system: 1,
    });
    expect(stepCounts(b)).toMatchObject({ toolCalls: 1, toolResults: 1, human: 1, assistant: 1, system: 1 });
    expect(a.format).toBe("sharegpt");
  });

  it("generates call ids and joins observations in order, splitting a parallel batch's JSON list", async () => {
    const [a] = await parseFixture();
    expect(joinIds(a)).toEqual({
      calls: ["call_0", "call_1", "call_2", "call_3", "call_4"],
      results: ["call_0", "call_1", "call_2", "call_3", "call_4"],
    });
    expect(resultsFollowCalls(a)).toBe(true);
    const results = stepsOf(a, "tool_result");
    expect(results[1]).toMatchObject({ name: "run", output: "failed" });
    expect(results[2].output).toMatch(/ECONNREFUSED 10\.0\.3\.7:5432/);
  });

  it("parses call values with object or string arguments, the stringified tools and the top-level system", async () => {
    const [a] = await parseFixture();
    const calls = stepsOf(a, "tool_call");
    expect(calls[0]).toMatchObject({ name: "http_get", arguments: { url: "https://staging.internal/healthz" } });
    expect(calls[4].arguments).toEqual({
      cmd: "sudo sed -i 's/10.0.3.7/10.0.3.9/' /etc/api-staging.env && sudo systemctl restart api-staging && systemctl is-active api-staging",
    });
    expect(a.tools.map((t) => t.name)).toEqual(["run", "http_get"]);
    expect(a.steps[0]).toMatchObject({
      kind: "system",
      text: "You are an ops assistant with shell and HTTP access. Diagnose before you change anything.",
    });
  });

  it("splits <think> out of gpt values and keeps human feedback after tool traffic", async () => {
    const [a] = await parseFixture();
    expect(stepsOf(a, "reasoning").map((r) => r.text)).toEqual([
      "The proxy answers but the upstream does not. Check the service and its logs in parallel.",
      "Confirm through the proxy, not just systemd.",
    ]);
    expect(stepsOf(a, "assistant").some((s) => s.text.includes("<think>"))).toBe(false);
    const i = a.steps.findIndex((s) => s.kind === "human" && s.text.startsWith("Postgres was moved"));
    expect(a.steps.slice(0, i).some((s) => s.kind === "tool_result")).toBe(true);
  });

  it("reads JSONL and keeps unparseable call values raw", async () => {
    const rows = [
      {
        conversations: [
          { from: "human", value: "run it" },
          { from: "function_call", value: "<function=run>ls</function>" },
          { from: "observation", value: "a.txt" },
          { from: "gpt", value: "One file." },
        ],
      },
      {
        conversations: [
          { from: "user", value: "hi" },
          { from: "assistant", value: "hello" },
          { from: "narrator", value: "?" },
        ],
      },
    ];
    const [a, b] = await collect(
      sharegpt.parse(memoryInput(rows.map((r) => JSON.stringify(r)).join("\n"), "d.jsonl"), opts),
    );
    expect(stepsOf(a, "tool_call")[0]).toMatchObject({
      callId: "call_0",
      arguments: null,
      argumentsRaw: "<function=run>ls</function>",
    });
    expect(stepsOf(a, "tool_result")[0].callId).toBe("call_0");
    expect(b.warnings).toContain("skipped 1 turn(s) from `narrator`");
  });

  it("rejects a turn without from/value with a located error", async () => {
    const bad = { conversations: [{ from: "human", value: "x" }, { speaker: "gpt" }] };
    await expect(collect(sharegpt.parse(memoryInput(JSON.stringify([bad], null, 2), "s.json"), opts))).rejects.toThrow(
      /s\.json field conversations\[1\]: expected a turn with `from` and `value`/,
    );
  });
});
