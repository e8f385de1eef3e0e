import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadChatTemplate, type TokenizerFiles } from "@/lib/export/training-view/chat-template";
import {
  messageTokens,
  renderTrainingView,
  tokenRuleFinding,
  type ViewSample,
} from "@/lib/export/training-view/render";
import { viewSample } from "@/lib/export/training-view/view-messages";
import { AppError } from "@/lib/errors/app-error";

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/tiny-chat/${name}`, import.meta.url)), "utf8");
const FILES: TokenizerFiles = {
  tokenizerJson: fixture("tokenizer.json"),
  tokenizerConfig: fixture("tokenizer_config.json"),
};

const SAMPLE: ViewSample = {
  tools: [],
  messages: [
    { role: "system", content: "Be brief." },
    { role: "user", content: "Hi there" },
    {
      role: "assistant",
      content: "Looking",
      tool_calls: [{ id: "c1", type: "function", function: { name: "sh", arguments: { command: "ls" } } }],
    },
    { role: "tool", content: "a b", tool_call_id: "c1" },
    { role: "assistant", content: "Done" },
  ],
};

describe("training view", () => {
  it("renders the exact text, the loss spans on assistant turns after the generation prompt, and the count", () => {
    const view = renderTrainingView(SAMPLE, loadChatTemplate(FILES, { folder: "tiny-chat" }));
    expect(view.templateId).toBe("folder:tiny-chat");
    expect(view.findings).toEqual([]);
    expect(view.text).toBe(
      "<s><|im_start|>system\nBe brief.<|im_end|>\n" +
        "<|im_start|>user\nHi there<|im_end|>\n" +
        "<|im_start|>assistant\nLooking<call>sh command=ls</call><|im_end|>\n" +
        "<|im_start|>tool\na b<|im_end|>\n" +
        "<|im_start|>assistant\nDone<|im_end|>\n",
    );
    // The prefix (`<s>`) appears once: slime cuts it from every message after the first.
    const loss = view.lossSpans.map((s) => view.text.slice(s.start, s.end));
    expect(loss).toEqual(["Looking<call>sh command=ls</call><|im_end|>\n", "Done<|im_end|>\n"]);
    // Tokens (WordLevel, whitespace pre-tokenizer, added tokens whole):
    // system 7 (<s> <|im_start|> system Be brief . <|im_end|>), user 5, assistant 10, tool 5, assistant 4.
    expect(view.segments.map((s) => s.tokens)).toEqual([7, 5, 10, 5, 4]);
    expect(view.tokenCount).toBe(31);
    // Loss: each assistant piece minus its 2 generation-prompt tokens.
    expect(view.segments.map((s) => s.lossTokens)).toEqual([0, 0, 8, 0, 2]);
    expect(view.lossTokenCount).toBe(10);
    expect(view.countsFrom).toBe("tokenizer");
    expect(messageTokens(view, SAMPLE.messages.length)).toEqual([7, 5, 10, 5, 4]);
  });

  it("uses stored per-message counts instead of the tokenizer when they align with the messages", () => {
    const template = loadChatTemplate(FILES, { folder: "tiny-chat" });
    let calls = 0;
    const counting = { ...template, count: (t: string) => (calls++, template.count(t)) };
    const view = renderTrainingView(SAMPLE, counting, { storedMessageTokens: [7, 5, 10, 5, 4] });
    expect(view.countsFrom).toBe("stored");
    expect(view.tokenCount).toBe(31);
    expect(view.lossTokenCount).toBe(10);
    // Only the generation prompt of the calibration is counted, never a message.
    expect(calls).toBe(1);
    const misaligned = renderTrainingView(SAMPLE, counting, { storedMessageTokens: [7, 5] });
    expect(misaligned.countsFrom).toBe("tokenizer");
    expect(misaligned.tokenCount).toBe(31);
  });

  it("string arguments where the template iterates a mapping give findings, not a crash", () => {
    const steps = [
      { kind: "human" as const, text: "Hi there" },
      { kind: "tool_call" as const, callId: "c1", name: "sh", arguments: null, argumentsRaw: '{"command": "ls"' },
      { kind: "tool_result" as const, callId: "c1", output: "a b", isError: false, truncated: false },
      { kind: "assistant" as const, text: "Done" },
    ];
    const view = renderTrainingView(viewSample([], steps), loadChatTemplate(FILES, { folder: "tiny-chat" }));
    expect(view.findings.map((f) => [f.code, f.message])).toEqual([
      ["string-arguments", 1],
      ["render-error", 1],
    ]);
    expect(view.findings[0].text).toContain("tool call c1 (sh) are a string, not an object");
    // The rest still renders and counts.
    expect(view.text).toBe(
      "<s><|im_start|>user\nHi there<|im_end|>\n<|im_start|>tool\na b<|im_end|>\n<|im_start|>assistant\nDone<|im_end|>\n",
    );
    // The first message keeps the prefix <s>: 6 + 5 + 4.
    expect(view.tokenCount).toBe(6 + 5 + 4);
  });

  it("the shipped GLM-4.5-style template renders tools once, calls as arg_key/arg_value, and flags string arguments", () => {
    const t = loadChatTemplate(FILES, { folder: "tiny-chat", builtin: "glm-4.5-style" });
    expect(t.id).toBe("builtin:glm-4.5-style+folder:tiny-chat");
    const tools = [{ type: "function" as const, function: { name: "sh", parameters: { type: "object" } } }];
    const view = renderTrainingView({ ...SAMPLE, tools }, t);
    expect(view.findings).toEqual([]);
    expect(view.text.match(/# Tools/g)).toHaveLength(1);
    expect(view.text.startsWith("[gMASK]<sop><|system|>\n# Tools")).toBe(true);
    expect(view.text).toContain(
      "<|assistant|>\n<think></think>\nLooking\n<tool_call>sh\n<arg_key>command</arg_key>\n<arg_value>ls</arg_value>\n</tool_call>",
    );
    expect(view.text).toContain("<|observation|>\n<tool_response>\na b\n</tool_response><|assistant|>");
    expect(view.lossSpans.map((s) => view.text.slice(s.start, s.end))[1]).toBe("\n<think></think>\nDone");

    const broken = structuredClone(SAMPLE) as ViewSample;
    const a = broken.messages[2];
    if (a.role === "assistant") a.tool_calls![0].function.arguments = '{"command":"ls"}';
    const bad = renderTrainingView({ ...broken, tools }, t);
    expect(bad.findings.map((f) => f.code)).toEqual(["string-arguments", "render-error"]);
  });

  it("the shipped ChatML template renders reasoning, calls as JSON and tool responses", () => {
    const t = loadChatTemplate(FILES, { folder: "tiny-chat", builtin: "chatml" });
    const s = structuredClone(SAMPLE) as ViewSample;
    (s.messages[2] as { reasoning_content?: string }).reasoning_content = "Check first.";
    const view = renderTrainingView(s, t);
    expect(view.findings).toEqual([]);
    expect(view.text).toBe(
      "<|im_start|>system\nBe brief.<|im_end|>\n" +
        "<|im_start|>user\nHi there<|im_end|>\n" +
        '<|im_start|>assistant\n<think>\nCheck first.\n</think>\n\nLooking\n<tool_call>\n{"name": "sh", "arguments": {"command": "ls"}}\n</tool_call><|im_end|>\n' +
        "<|im_start|>user\n<tool_response>\na b\n</tool_response><|im_end|>\n" +
        "<|im_start|>assistant\nDone<|im_end|>\n",
    );
  });

  it("flags a sample within the token rule by the tokenizer count but over it under the template", () => {
    expect(tokenRuleFinding({ tokenizer: 124_000, template: 126_500 }, 125_000)?.text).toBe(
      "within the token rule by the tokenizer count (124000 ≤ 125000) but over it under the chat template (126500 tokens)",
    );
    expect(tokenRuleFinding({ tokenizer: 100, template: 120 }, 125_000)).toBeNull();
  });

  it("bad template input is a clear error naming the file", () => {
    const parse = () =>
      loadChatTemplate(
        { ...FILES, tokenizerConfig: JSON.stringify({ chat_template: "{% for m in messages %}{{ m.content }" }) },
        { folder: "x" },
      );
    expect(parse).toThrow(AppError);
    expect(parse).toThrow(/^the chat template in tokenizer_config.json does not parse: /);
    expect(() => loadChatTemplate({ ...FILES, tokenizerConfig: "{}" }, { folder: "x" })).toThrow(
      "tokenizer_config.json has no chat_template; choose one of the shipped templates (chatml, glm-4.5-style)",
    );
    expect(() => loadChatTemplate({ ...FILES, tokenizerJson: "{" }, { folder: "x", builtin: "chatml" })).toThrow(
      /^tokenizer.json is not valid JSON/,
    );
    expect(() => loadChatTemplate(FILES, { folder: "x", builtin: "llama-9" })).toThrow(
      'Unknown chat template "llama-9"; the app ships chatml, glm-4.5-style',
    );
  });
});
