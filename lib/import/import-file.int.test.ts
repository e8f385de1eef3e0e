import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { db } from "@/lib/db/client";
import { makeProject } from "@/lib/db/testing/factories";
import { importFile } from "@/lib/import/import-file";
import { importRowCounts } from "@/lib/import/testing/row-counts";
import { tempFile } from "@/lib/import/testing/temp-files";
import { parseFile } from "@/lib/formats/detect";
import { fileInput } from "@/lib/formats/testing/input";
import { readRevision } from "@/lib/trajectory/store/read-revision";
import { toLimiSample } from "@/lib/export/limi-format";
import { openSource } from "@/lib/import/source-store";
import { PROJECT_EVENTS_CHANNEL } from "@/lib/live/project-events";
import { resetEnvCache } from "@/lib/env";

const FIXTURES = path.resolve(__dirname, "../formats/fixtures");
const fixture = (rel: string) => ({ path: path.join(FIXTURES, rel), name: rel });

/** One fixture per format (the .eval zip is built by the format's own unit test). */
const ONE_PER_FORMAT: Record<string, string> = {
  "openai-chat": "openai-chat/request-response.json",
  "openai-responses": "openai-responses/items.json",
  "anthropic-messages": "anthropic-messages/request.json",
  sharegpt: "sharegpt/llamafactory.json",
  "hf-messages": "hf-messages/limi.json",
  "claude-code": "claude-code/session.jsonl",
  "codex-cli": "codex-cli/rollout-bare-era.jsonl",
  "codex-exec": "variants/codex-exec/exec-fix-dates.jsonl",
  "gemini-cli": "gemini-cli/session-2025-12-01T10-00-7f3c9a1b.jsonl",
  "sii-cli": "sii-cli/conv_0042.json",
  "swe-agent": "swe-agent/astropy__astropy-12907.traj",
  "mini-swe-agent": "mini-swe-agent/django__django-11099.traj.json",
  openhands: "openhands/trajectory-csvkit-issue-12.json",
  "inspect-ai": "inspect-ai/2025-05-02T09-30-00+02-00_swe-bench-lite-mini_Pq7rS9tU.json",
  atif: "atif/hello-world.trajectory.json",
};

async function expectedCounts(rel: string) {
  let toolCalls = 0,
    failed = 0,
    human = 0,
    reasoning = 0,
    steps = 0;
  for await (const t of await parseFile(fileInput(path.join(FIXTURES, rel)), {
    format: "auto",
    maxDocumentBytes: 1 << 28,
  })) {
    steps += t.steps.length;
    let prevHuman = false;
    for (const s of t.steps) {
      if (s.kind === "tool_call") toolCalls++;
      if (s.kind === "tool_result" && s.isError) failed++;
      // Human turns: a run of consecutive human steps outside sub-agents counts once.
      if (s.kind === "human" && !s.sidechain && !prevHuman) human++;
      if (!s.sidechain) prevHuman = s.kind === "human";
      if (s.kind === "reasoning") reasoning++;
    }
  }
  return { steps, toolCalls, failed, human, reasoning };
}

describe("importFile: every format into the database", () => {
  for (const [format, rel] of Object.entries(ONE_PER_FORMAT)) {
    it(`imports ${format} with its steps, statistics, bodies and revision 1`, async () => {
      const project = await makeProject();
      const r = await importFile(fixture(rel), { projectId: project.id, actorId: null, format: "auto" });
      expect(r.error).toBeNull();
      expect(r).toMatchObject({ status: "imported", format });
      const exp = await expectedCounts(rel);
      expect({
        steps: r.steps,
        toolCalls: r.toolCalls,
        failed: r.failedToolResults,
        human: r.humanMessages,
        reasoning: r.reasoningSteps,
      }).toEqual(exp);
      expect(exp.toolCalls).toBeGreaterThan(0);

      const rows = await db().trajectory.findMany({
        where: { projectId: project.id },
        select: {
          id: true,
          format: true,
          stepCount: true,
          toolCallCount: true,
          failedToolCallCount: true,
          tokensTotal: true,
          headNumber: true,
          sourceFileId: true,
        },
      });
      expect(rows.map((x) => x.id).sort()).toEqual([...r.trajectoryIds].sort());
      expect(rows.reduce((n, x) => n + x.stepCount, 0)).toBe(exp.steps);
      expect(rows.reduce((n, x) => n + x.toolCallCount, 0)).toBe(exp.toolCalls);
      expect(rows.reduce((n, x) => n + x.failedToolCallCount, 0)).toBe(exp.failed);
      expect(rows.reduce((n, x) => n + x.tokensTotal, 0)).toBe(r.tokens);
      expect(rows.every((x) => x.format === format && x.headNumber === 1 && x.sourceFileId)).toBe(true);
      expect(await db().step.count({ where: { projectId: project.id } })).toBe(exp.steps);
      expect(await db().stepBody.count({ where: { step: { projectId: project.id } } })).toBe(exp.steps);
      const rev = await readRevision(project.id, rows[0].id, 1);
      expect(rev.steps.length).toBe(rows[0].stepCount);
    });
  }

  it("reports a second import of the same content as duplicate and stores nothing new", async () => {
    const project = await makeProject();
    const first = await importFile(fixture(ONE_PER_FORMAT["claude-code"]), {
      projectId: project.id,
      actorId: null,
      format: "auto",
    });
    const before = await importRowCounts();
    const again = await importFile(fixture(ONE_PER_FORMAT["claude-code"]), {
      projectId: project.id,
      actorId: null,
      format: "auto",
    });
    expect(again.status).toBe("duplicate");
    expect(again.trajectoryId).toBe(first.trajectoryId);
    expect(await importRowCounts()).toEqual(before);
  });

  it("round-trips a LIMI sample: imported and read back, the messages are the same", async () => {
    const project = await makeProject();
    const sample = {
      tools: [
        {
          type: "function",
          function: {
            name: "run_shell_command",
            description: "Run a bash command.",
            parameters: { type: "object", properties: { command: { type: "string" } }, required: ["command"] },
          },
        },
      ],
      messages: [
        { role: "system", content: "You are a CLI agent.\n\nYou have access to the following tools: …" },
        { role: "user", content: "Build a Gomoku page with undo." },
        {
          role: "assistant",
          content: "I'll look first.",
          tool_calls: [
            {
              id: "call_1",
              type: "function",
              function: { name: "run_shell_command", arguments: { command: "ls -la" } },
            },
          ],
        },
        { role: "tool", content: "index.html\napp.js", tool_call_id: "call_1" },
        {
          role: "assistant",
          content: "",
          tool_calls: [
            {
              id: "call_2",
              type: "function",
              function: { name: "run_shell_command", arguments: { command: "node --test", timeout: 30 } },
            },
          ],
        },
        { role: "tool", content: "✖ 1 failing", tool_call_id: "call_2" },
        { role: "user", content: "The AI doesn't block open fours, please fix." },
        { role: "assistant", content: "Fixed: defence now outranks attack for open fours." },
      ],
    };
    const file = await tempFile("limi.jsonl", `${JSON.stringify(sample)}\n`);
    const r = await importFile(file, { projectId: project.id, actorId: null, format: "hf-messages" });
    expect(r.status).toBe("imported");
    const back = await readRevision(project.id, r.trajectoryId!, 1);
    expect(toLimiSample(back.tools, back.steps)).toEqual(sample);
  });

  it("keeps the original file for download, byte for byte", async () => {
    const project = await makeProject();
    const f = fixture(ONE_PER_FORMAT["sii-cli"]);
    const r = await importFile(f, { projectId: project.id, actorId: null, format: "auto" });
    const src = await db().trajectory.findUniqueOrThrow({
      where: { id: r.trajectoryId! },
      select: { sourceFile: { select: { sha256: true, size: true, compressedSize: true } } },
    });
    const chunks: Buffer[] = [];
    for await (const c of openSource(src.sourceFile!.sha256)!) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(readFileSync(f.path))).toBe(true);
    expect(Number(src.sourceFile!.size)).toBe(statSync(f.path).size);
    expect(Number(src.sourceFile!.compressedSize)).toBeGreaterThan(0);
  });

  it("imports a JSONL dataset whose line holds a tool output of several MB", async () => {
    const project = await makeProject();
    const big = "x".repeat(3 * 1024 * 1024) + "\nEND";
    const line = {
      messages: [
        { role: "user", content: "dump the log" },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "c1", type: "function", function: { name: "sh", arguments: '{"cmd":"cat log"}' } }],
        },
        { role: "tool", tool_call_id: "c1", content: big },
      ],
    };
    const file = await tempFile(
      "big-line.jsonl",
      `${JSON.stringify({
        messages: [
          { role: "user", content: "hi" },
          { role: "assistant", content: "hello" },
        ],
      })}\n${JSON.stringify(line)}\n`,
    );
    const r = await importFile(file, { projectId: project.id, actorId: null, format: "auto" });
    expect(r.status).toBe("imported");
    expect(r.trajectoryIds).toHaveLength(2);
    const rev = await readRevision(project.id, r.trajectoryIds[1], 1);
    const result = rev.steps.find((s) => s.kind === "tool_result");
    expect(result && result.kind === "tool_result" && result.output.length).toBe(big.length);
  });

  it("announces imported trajectories to listeners at commit (PostgreSQL NOTIFY)", async () => {
    const project = await makeProject();
    const listener = new pg.Client({ connectionString: inject("databaseUrl") });
    await listener.connect();
    await listener.query(`LISTEN ${PROJECT_EVENTS_CHANNEL}`);
    const got: Array<{ event: string }> = [];
    listener.on("notification", (m) => got.push(JSON.parse(m.payload ?? "{}")));
    const r = await importFile(fixture(ONE_PER_FORMAT.atif), { projectId: project.id, actorId: null, format: "auto" });
    await new Promise((done) => setTimeout(done, 300));
    await listener.end();
    // The list is told once; the new trajectory also enters review (the project's default setting).
    expect(got.filter((e) => e.event === "trajectories:changed")).toEqual([
      { projectId: project.id, event: "trajectories:changed", data: { imported: 1 } },
    ]);
    expect(got.filter((e) => e.event === "review:changed")).toMatchObject([
      { event: "review:changed", data: { trajectoryId: r.trajectoryIds[0], state: "in_review" } },
    ]);
  });
});

describe("importFile: malformed input writes nothing and says what and where", () => {
  const cases: Array<{
    name: string;
    file: () => Promise<{ path: string; name: string }>;
    format?: string;
    message: RegExp;
    line?: number;
  }> = [
    { name: "an empty file", file: () => tempFile("empty.jsonl", ""), message: /empty\.jsonl.*empty/ },
    {
      name: "invalid JSON on line 3 of a JSONL dataset (after two good lines)",
      file: () =>
        tempFile(
          "bad-line.jsonl",
          [
            JSON.stringify({
              messages: [
                { role: "user", content: "a" },
                { role: "assistant", content: "b" },
              ],
            }),
            JSON.stringify({
              messages: [
                { role: "user", content: "c" },
                { role: "assistant", content: "d" },
              ],
            }),
            '{"messages": [{"role": "user", "content": "e"}',
            // A cut line is tolerated only at the very end (a live copy); here another line follows.
            JSON.stringify({ messages: [{ role: "user", content: "f" }] }),
            "",
          ].join("\n"),
        ),
      message: /bad-line\.jsonl line 3: invalid JSON/,
      line: 3,
    },
    {
      name: "a truncated document",
      file: () =>
        tempFile("cut.json", readFileSync(path.join(FIXTURES, ONE_PER_FORMAT["sii-cli"]), "utf8").slice(0, 900)),
      message: /cut\.json line \d+: invalid JSON/,
    },
    {
      name: "binary data",
      file: () =>
        tempFile(
          "image.png",
          Buffer.from([
            0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 1, 2, 3, 255, 254,
          ]),
        ),
      message: /image\.png/,
    },
    {
      name: "an unknown structure",
      file: () => tempFile("config.json", JSON.stringify({ name: "my-app", version: "1.0.0", dependencies: {} })),
      message: /config\.json: not a recognised transcript format; known formats: .*claude-code/,
    },
    {
      name: "a format forced wrongly",
      file: async () => fixture("openai-chat/dataset.jsonl"),
      format: "claude-code",
      message: /dataset\.jsonl line 1: expected a Claude Code record/,
      line: 1,
    },
    {
      name: "a format forced on a document it cannot read line by line",
      file: async () => fixture(ONE_PER_FORMAT["openai-chat"]),
      format: "codex-cli",
      message: /request-response\.json line 1: invalid JSON .*expected one JSON value per line/,
      line: 1,
    },
    {
      name: "a record that breaks the format in the middle of a session",
      file: async () =>
        tempFile(
          "session.jsonl",
          readFileSync(path.join(FIXTURES, ONE_PER_FORMAT["claude-code"]), "utf8")
            .split("\n")
            .map((l, i) => (i === 4 ? "[1, 2, 3]" : l))
            .join("\n"),
        ),
      message: /session\.jsonl line 5/,
      line: 5,
    },
    {
      name: "a corrupt .eval archive",
      file: () => tempFile("run.eval", Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(200, 7)])),
      message: /run\.eval/,
    },
    {
      name: "JSON of the right shape with no conversation in it",
      file: () => tempFile("nothing.jsonl", `${JSON.stringify({ messages: [] })}\n`),
      message: /nothing\.jsonl: trajectory 1 of the file has no steps/,
    },
  ];

  for (const c of cases) {
    it(`rejects ${c.name}`, async () => {
      const project = await makeProject();
      const before = await importRowCounts();
      const r = await importFile(await c.file(), { projectId: project.id, actorId: null, format: c.format ?? "auto" });
      expect(r.status).toBe("rejected");
      expect(r.error?.message).toMatch(c.message);
      if (c.line) expect(r.error?.line).toBe(c.line);
      expect(await importRowCounts()).toEqual(before);
    });
  }

  it("rejects a whole-document JSON over the size limit before reading it", async () => {
    process.env.IMPORT_MAX_DOCUMENT_MB = "1";
    resetEnvCache();
    try {
      const project = await makeProject();
      const before = await importRowCounts();
      const doc = {
        messages: [
          { role: "user", content: "x".repeat(1_200_000) },
          { role: "assistant", content: "ok" },
        ],
      };
      const r = await importFile(await tempFile("huge.json", JSON.stringify(doc, null, 1)), {
        projectId: project.id,
        actorId: null,
        format: "auto",
      });
      expect(r.status).toBe("rejected");
      expect(r.error?.message).toMatch(/huge\.json: the JSON document is 1\.1 MiB, over the 1\.0 MiB limit/);
      expect(await importRowCounts()).toEqual(before);
    } finally {
      delete process.env.IMPORT_MAX_DOCUMENT_MB;
      resetEnvCache();
    }
  });
});

describe("fixture coverage", () => {
  it("has an import case for every registered format", async () => {
    const { formatNames } = await import("@/lib/formats/registry");
    expect(Object.keys(ONE_PER_FORMAT).sort()).toEqual(formatNames().sort());
    for (const rel of Object.values(ONE_PER_FORMAT))
      expect(readdirSync(path.dirname(path.join(FIXTURES, rel)))).toContain(path.basename(rel));
  });
});
