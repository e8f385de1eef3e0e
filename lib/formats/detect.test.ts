import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { detectInput, detectSample, parseFile, readDetectSample } from "@/lib/formats/detect";
import { FORMAT_MODULES, formatNames, getFormat } from "@/lib/formats/registry";
import { DEFAULT_MAX_DOCUMENT_BYTES, DETECT_HEAD_BYTES } from "@/lib/formats/types";
import { collect, fileInput, fixturePath, memoryInput } from "@/lib/formats/testing/input";

const FIXTURES: [string, string][] = [
  ["openai-chat/request-response.json", "openai-chat"],
  ["openai-chat/dataset.jsonl", "openai-chat"],
  ["openai-responses/items.json", "openai-responses"],
  ["openai-responses/response.json", "openai-responses"],
  ["anthropic-messages/request.json", "anthropic-messages"],
  ["sharegpt/llamafactory.json", "sharegpt"],
  ["hf-messages/limi.json", "hf-messages"],
  ["hf-messages/trl.jsonl", "hf-messages"],
  ["claude-code/session.jsonl", "claude-code"],
  ["codex-cli/rollout-2025-11-02T08-00-00-0199a6c2-5e1f-7c30-9b8a-4d2e6f1a3c57.jsonl", "codex-cli"],
  ["codex-cli/rollout-bare-era.jsonl", "codex-cli"],
  // The layouts of issue 9.
  ["variants/codex-exec/exec-fix-dates.jsonl", "codex-exec"],
  ["variants/codex-cli/rollout-2025-11-23T12-00-00-ide-context.jsonl", "codex-cli"],
  ["variants/mini-swe-agent/pallets__text-214.traj.json", "mini-swe-agent"],
  ["variants/mini-swe-agent/v2-submit.traj.json", "mini-swe-agent"],
  ["variants/openhands/resolver-output.jsonl", "openhands"],
  ["variants/hf-messages/llamafactory-reason-tool-use.json", "hf-messages"],
  ["variants/atif/terminus-2-hello-world.trajectory.json", "atif"],
  ["variants/claude-code/slash-command-session.jsonl", "claude-code"],
  ["variants/openai-chat/text-failures.jsonl", "openai-chat"],
];

const auto = { format: "auto", maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES };

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a rejection");
}

describe("registry", () => {
  it("lists the modules by name", () => {
    expect(formatNames()).toEqual(
      expect.arrayContaining([
        "claude-code",
        "codex-cli",
        "openai-responses",
        "anthropic-messages",
        "sharegpt",
        "hf-messages",
        "openai-chat",
      ]),
    );
    expect(new Set(formatNames()).size).toBe(formatNames().length);
    expect(getFormat("sharegpt")?.label).toBe("ShareGPT / LLaMA-Factory");
    expect(getFormat("nope")).toBeUndefined();
  });
});

describe("detection", () => {
  it.each(FIXTURES)("%s is detected as %s and no other module ties or outranks it", async (path, name) => {
    const sample = await readDetectSample(fileInput(fixturePath(path)));
    const scores = FORMAT_MODULES.map((m) => ({ name: m.name, c: m.detect(sample) }));
    const own = scores.find((s) => s.name === name)?.c ?? 0;
    expect(own).toBeGreaterThan(0.5);
    for (const other of scores.filter((s) => s.name !== name)) expect(other.c, other.name).toBeLessThan(own);
    expect(detectSample(sample)?.module.name).toBe(name);
  });

  it("builds the sample from the head only: a document larger than the head is judged by its opening", async () => {
    const big = JSON.parse(readFileSync(fixturePath("hf-messages/limi.json"), "utf8"));
    big[0].messages[3].content = "x".repeat(DETECT_HEAD_BYTES * 2);
    const input = memoryInput(JSON.stringify(big, null, 2), "big.json");
    const sample = await readDetectSample(input);
    expect(sample.head.length).toBeLessThanOrEqual(DETECT_HEAD_BYTES);
    expect(sample.document).toBeUndefined();
    expect(sample.records).toBeNull();
    expect((await detectInput(input)).module.name).toBe("hf-messages");
  });

  it("finds Claude Code whose first line is longer than the head", async () => {
    const first = {
      type: "user",
      parentUuid: null,
      isSidechain: false,
      sessionId: "s",
      uuid: "u1",
      timestamp: "2025-10-01T09:00:00Z",
      message: { role: "user", content: "y".repeat(DETECT_HEAD_BYTES * 2) },
    };
    const input = memoryInput(JSON.stringify(first) + "\n", "big.jsonl");
    expect((await detectInput(input)).module.name).toBe("claude-code");
  });

  it("separates openai-chat and hf-messages deterministically when nothing decides", async () => {
    const plain = memoryInput(
      JSON.stringify({
        messages: [
          { role: "user", content: "hi" },
          { role: "assistant", content: "hello" },
        ],
      }),
    );
    const s = await readDetectSample(plain);
    const chat = getFormat("openai-chat")?.detect(s) ?? 0;
    const hf = getFormat("hf-messages")?.detect(s) ?? 0;
    expect(chat).not.toBe(hf);
    expect(chat).toBeGreaterThan(hf);
    const limi = await readDetectSample(
      memoryInput(JSON.stringify({ tools: [], messages: [{ role: "user", content: "hi" }] })),
    );
    expect(detectSample(limi)?.module.name).toBe("hf-messages");
    const request = await readDetectSample(
      memoryInput(JSON.stringify({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] })),
    );
    expect(detectSample(request)?.module.name).toBe("openai-chat");
  });

  it("reads a zip signature without decoding it as text", async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(200)]);
    const sample = await readDetectSample(memoryInput(zip, "log.eval"));
    expect(sample).toMatchObject({ isZip: true, head: "", records: null, document: undefined });
  });
});

describe("parseFile", () => {
  it.each(FIXTURES)("auto-parses %s", async (path, name) => {
    const ts = await collect(await parseFile(fileInput(fixturePath(path)), auto));
    expect(ts.length).toBeGreaterThan(0);
    expect(ts.every((t) => t.format === name && t.steps.length > 0)).toBe(true);
  });

  it("honours a forced format", async () => {
    const ts = await collect(
      await parseFile(fileInput(fixturePath("hf-messages/limi.json")), { ...auto, format: "openai-chat" }),
    );
    expect(ts.map((t) => t.format)).toEqual(["openai-chat", "openai-chat"]);
  });

  it("rejects an unknown forced name, listing the valid ones", async () => {
    const e = await rejection(parseFile(memoryInput("{}"), { ...auto, format: "claude" }));
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.message).toBe(`unknown format \`claude\`; valid formats: auto, ${formatNames().join(", ")}`);
  });

  it("reports a forced format that does not fit with the parser's own located error", async () => {
    const codex = fileInput(fixturePath("claude-code/session.jsonl"));
    const e = await rejection(collect(await parseFile(codex, { ...auto, format: "codex-cli" })));
    expect(e.code).toBe("VALIDATION");
    expect(e.location).toEqual({ file: "session.jsonl", line: 1 });
    expect(e.message).toMatch(/^session\.jsonl line 1: expected a Codex rollout record/);
    const share = await rejection(
      collect(
        await parseFile(fileInput(fixturePath("anthropic-messages/request.json")), { ...auto, format: "sharegpt" }),
      ),
    );
    expect(share.message).toMatch(/^request\.json: expected a ShareGPT sample with a `conversations` array/);
  });
});

describe("malformed input", () => {
  it("an empty file", async () => {
    const e = await rejection(parseFile(memoryInput("", "empty.jsonl"), auto));
    expect(e.message).toBe("empty.jsonl: the file is empty; nothing to import");
    for (const name of new Set(FIXTURES.map(([, n]) => n))) {
      const m = getFormat(name);
      if (!m) throw new Error(`${name} is not registered`);
      const forced = await rejection(collect(m.parse(memoryInput("\n\n", "blank.json"), { maxDocumentBytes: 1000 })));
      expect(forced.message, name).toMatch(/^blank\.json: the file is empty/);
    }
  });

  it("invalid JSON on line N names the line", async () => {
    const lines = readFileSync(fixturePath("claude-code/session.jsonl"), "utf8").split("\n");
    lines[4] = lines[4].slice(0, 40);
    const e = await rejection(collect(await parseFile(memoryInput(lines.join("\n"), "cut.jsonl"), auto)));
    expect(e.location).toEqual({ file: "cut.jsonl", line: 5 });
    expect(e.message).toMatch(/^cut\.jsonl line 5: invalid JSON \(.+\); expected one JSON value per line$/);
    const rows = readFileSync(fixturePath("openai-chat/dataset.jsonl"), "utf8").split("\n");
    rows[2] = "{not json";
    const e2 = await rejection(collect(await parseFile(memoryInput(rows.join("\n"), "rows.jsonl"), auto)));
    expect(e2.message).toMatch(/^rows\.jsonl line 3: invalid JSON/);
  });

  it("a truncated document", async () => {
    const text = readFileSync(fixturePath("anthropic-messages/request.json"), "utf8");
    const cut = text.slice(0, Math.floor(text.length / 2));
    const e = await rejection(collect(await parseFile(memoryInput(cut, "req.json"), auto)));
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toMatch(/^req\.json line \d+: invalid JSON/);
    expect(e.location?.line).toBe(cut.split("\n").length);
  });

  it("binary garbage", async () => {
    const garbage = Buffer.concat([Buffer.from([0x00, 0xff, 0xfe, 0x7f]), randomBytes(4096)]);
    const e = await rejection(parseFile(memoryInput(garbage, "blob.bin"), auto));
    expect(e.code).toBe("UNSUPPORTED_FORMAT");
    expect(e.message).toBe(
      `blob.bin: not a recognised transcript format; known formats: ${formatNames().join(", ")} (pass --format to force one)`,
    );
    const forced = await rejection(
      collect(await parseFile(memoryInput(garbage, "blob.bin"), { ...auto, format: "claude-code" })),
    );
    expect(forced.message).toMatch(/^blob\.bin line 1: invalid JSON/);
  });

  it("valid JSON of an unknown structure", async () => {
    const e = await rejection(parseFile(memoryInput(JSON.stringify({ rows: [1, 2, 3] }, null, 2), "data.json"), auto));
    expect(e.code).toBe("UNSUPPORTED_FORMAT");
    const jsonl = memoryInput('{"a":1}\n{"a":2}\n', "a.jsonl");
    expect((await rejection(parseFile(jsonl, auto))).code).toBe("UNSUPPORTED_FORMAT");
    const forced = await rejection(collect(await parseFile(jsonl, { ...auto, format: "claude-code" })));
    expect(forced.message).toBe(
      "a.jsonl line 1: expected a Claude Code record with a `type` field, got an object with keys `a`",
    );
    const empty = await rejection(
      collect(await parseFile(memoryInput("[]", "e.json"), { ...auto, format: "hf-messages" })),
    );
    expect(empty.message).toMatch(/^e\.json: found no samples; expected a chat sample/);
  });

  it("an over-limit document is refused before parsing", async () => {
    const input = fileInput(fixturePath("anthropic-messages/request.json"));
    const e = await rejection(collect(await parseFile(input, { format: "auto", maxDocumentBytes: 1024 })));
    expect(e.code).toBe("PAYLOAD_TOO_LARGE");
    expect(e.message).toMatch(/^request\.json: the JSON document is .+ over the 1\.0 KiB limit/);
  });

  it("a JSONL dataset line of several megabytes parses", async () => {
    const huge = "z".repeat(5 * 1024 * 1024);
    const rows = [
      {
        messages: [
          { role: "user", content: "summarise the log" },
          {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "c1", type: "function", function: { name: "cat", arguments: '{"path":"app.log"}' } }],
          },
          { role: "tool", tool_call_id: "c1", content: huge },
        ],
      },
      { messages: [{ role: "user", content: "second row" }] },
    ];
    const ts = await collect(
      await parseFile(memoryInput(rows.map((r) => JSON.stringify(r)).join("\n"), "big.jsonl"), auto),
    );
    expect(ts.map((t) => t.format)).toEqual(["openai-chat", "openai-chat"]);
    expect(ts[0].steps[2]).toMatchObject({ kind: "tool_result", callId: "c1" });
    expect(ts[0].steps[2].kind === "tool_result" && ts[0].steps[2].output.length).toBe(huge.length);
  });
});

describe("detection of the issue 9 layouts: what must not be taken for them", () => {
  const detectText = async (text: string, name: string) =>
    detectSample(await readDetectSample(memoryInput(text, name)))?.module.name ?? null;
  const chat = (messages: unknown[]) => JSON.stringify(messages);

  it("a chat message list is mini-swe-agent only with bash actions and <returncode> observations", async () => {
    const plain = [
      { role: "system", content: "You are helpful." },
      { role: "user", content: "Show the files" },
      { role: "assistant", content: "```bash\nls\n```" },
    ];
    // Bash blocks but no environment observation: an ordinary chat, not mini-swe-agent.
    expect(await detectText(chat(plain), "chat.json")).not.toBe("mini-swe-agent");
    expect(await detectText(chat([...plain, { role: "user", content: "thanks" }]), "chat.json")).not.toBe(
      "mini-swe-agent",
    );
    const withObs = [...plain, { role: "user", content: "<returncode>0</returncode>\n<output>a.py</output>" }];
    expect(await detectText(chat(withObs), "t.json")).toBe("mini-swe-agent");
    // Tool calls mean the v2/native chat shape: that is a chat dataset, not the plain list.
    const native = [
      ...withObs,
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "c", type: "function", function: { name: "ls", arguments: "{}" } }],
      },
    ];
    expect(await detectText(chat(native), "t.json")).not.toBe("mini-swe-agent");
  });

  it("codex exec events are told apart from rollouts and other JSONL", async () => {
    expect(await detected("codex-cli/rollout-2025-11-02T08-00-00-0199a6c2-5e1f-7c30-9b8a-4d2e6f1a3c57.jsonl")).toBe(
      "codex-cli",
    );
    expect(await detectText('{"type":"turn.started"}\n{"type":"something.else","x":1}\n', "x.jsonl")).not.toBe(
      "codex-exec",
    );
    expect(await detectText('{"type":"error","message":"boom"}\n', "x.jsonl")).toBeNull();
    expect(await detected("claude-code/session.jsonl")).toBe("claude-code");
  });

  it("flat OpenHands events need an action and an observation without the V0 envelope", async () => {
    expect(await detected("openhands/trajectory-csvkit-issue-12.json")).toBe("openhands");
    expect(await detected("swe-agent/astropy__astropy-12907.traj")).toBe("swe-agent");
    // Actions alone (no observation) are not enough to call a list OpenHands.
    expect(await detectText(JSON.stringify([{ action: "run", command: "ls" }]), "a.json")).not.toBe("openhands");
  });

  it("value parts stay a chat dataset and ShareGPT stays ShareGPT", async () => {
    expect(await detected("sharegpt/llamafactory.json")).toBe("sharegpt");
    expect(await detected("hf-messages/limi.json")).toBe("hf-messages");
  });

  async function detected(rel: string) {
    return detectSample(await readDetectSample(fileInput(fixturePath(rel))))?.module.name;
  }
});
