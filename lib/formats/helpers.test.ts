import { describe, expect, it } from "vitest";
import { splitThinkTags } from "@/lib/formats/normalize/think-tags";
import { toolDefinitions } from "@/lib/formats/normalize/tool-definitions";
import { readSamples } from "@/lib/formats/normalize/json-source";
import { addUsage, anthropicUsage, codexUsage, openAIChatUsage } from "@/lib/formats/normalize/usage";
import { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import { toolOutput } from "@/lib/formats/openai-responses/tool-output";
import { collect, memoryInput } from "@/lib/formats/testing/input";

describe("splitThinkTags", () => {
  it("pulls out closed blocks, a leading closing tag, and a dangling opening tag", () => {
    expect(splitThinkTags("<think>plan</think>Answer")).toEqual({ reasoning: ["plan"], text: "Answer" });
    expect(splitThinkTags("opened in the prompt</think>\n\nAnswer")).toEqual({
      reasoning: ["opened in the prompt"],
      text: "Answer",
    });
    expect(splitThinkTags("Partial <think>still thinking")).toEqual({ reasoning: ["still thinking"], text: "Partial" });
    expect(splitThinkTags("no tags")).toEqual({ reasoning: [], text: "no tags" });
    expect(splitThinkTags("<think></think>x")).toEqual({ reasoning: [], text: "x" });
  });
});

describe("toolOutput", () => {
  const skipped = new WarningCounter();
  it("reads wrapped JSON, exit-code headers, content lists and success flags", () => {
    expect(toolOutput('{"output":"boom","metadata":{"exit_code":1}}', skipped)).toMatchObject({
      text: "boom",
      isError: true,
      structured: { metadata: { exit_code: 1 } },
    });
    expect(toolOutput('{"output":"ok","metadata":{"exit_code":0}}', skipped)).toMatchObject({
      text: "ok",
      isError: false,
    });
    expect(toolOutput("Process exited with code 3\nOutput:\n", skipped).isError).toBe(true);
    expect(toolOutput('{"not":"a wrapper"}', skipped)).toMatchObject({ text: '{"not":"a wrapper"}', isError: false });
    expect(
      toolOutput(
        [
          { type: "input_text", text: "a" },
          { type: "input_text", text: "b" },
        ],
        skipped,
      ).text,
    ).toBe("a\nb");
    expect(toolOutput({ content: "denied", success: false }, skipped)).toMatchObject({ text: "denied", isError: true });
    expect(toolOutput("line\n[... omitted 120 of 400 lines ...]\n", skipped).truncated).toBe(true);
  });
});

describe("toolDefinitions", () => {
  it("accepts OpenAI, flat, Anthropic and stringified catalogues", () => {
    const warnings: string[] = [];
    const defs = toolDefinitions(
      JSON.stringify([
        { type: "function", function: { name: "a", description: "A", parameters: { type: "object" } } },
        { name: "b", input_schema: { type: "object" } },
        { type: "function", name: "c", parameters: { type: "object" } },
        { description: "nameless" },
      ]),
      warnings,
    );
    expect(defs).toEqual([
      { name: "a", description: "A", parameters: { type: "object" } },
      { name: "b", parameters: { type: "object" } },
      { name: "c", parameters: { type: "object" } },
    ]);
    expect(warnings).toEqual(["1 tool definition(s) without a name were dropped"]);
    expect(toolDefinitions("not json", warnings)).toEqual([]);
  });
});

describe("usage mapping", () => {
  it("maps vendor counters and ignores non-integers", () => {
    expect(
      openAIChatUsage({
        prompt_tokens: 5,
        completion_tokens: 2,
        total_tokens: 7,
        prompt_tokens_details: { cached_tokens: 1 },
      }),
    ).toEqual({ input: 5, output: 2, total: 7, cacheRead: 1 });
    expect(anthropicUsage({ input_tokens: 1, output_tokens: -1, cache_read_input_tokens: 2.5 })).toEqual({ input: 1 });
    expect(codexUsage({})).toBeUndefined();
    expect(addUsage({ input: 1 }, { input: 2, output: 3 })).toEqual({ input: 3, output: 3 });
  });
});

describe("readSamples", () => {
  const isUnit = (v: unknown) => typeof v === "object" && v !== null && "role" in v;
  it("streams JSONL whose lines cross chunk borders, skipping a BOM and blank lines", async () => {
    const text = '\ufeff{"messages":[1]}\n\n{"messages":[2]}\r\n{"role":"user"}\n{"role":"assistant"}\n';
    const samples = await collect(readSamples(memoryInput(text, "x.jsonl", 5), 1 << 20, isUnit, "rows"));
    expect(samples).toEqual([
      { kind: "sample", value: { messages: [1] }, where: { line: 1 } },
      { kind: "sample", value: { messages: [2] }, where: { line: 3 } },
      {
        kind: "units",
        units: [
          { value: { role: "user" }, line: 4 },
          { value: { role: "assistant" }, line: 5 },
        ],
        where: { line: 4 },
      },
    ]);
  });

  it("reads a pretty-printed document: an array of samples located by index", async () => {
    const text = JSON.stringify([{ messages: [] }, { messages: [] }], null, 2);
    const samples = await collect(readSamples(memoryInput(text, "x.json", 3), 1 << 20, isUnit, "rows"));
    expect(samples.map((s) => s.where)).toEqual([{ field: "[0]" }, { field: "[1]" }]);
  });
});
