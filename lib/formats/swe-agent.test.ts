import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sweAgentFormat, looksLikeError } from "@/lib/formats/swe-agent";
import { collect, fileInput, fixturePath, memoryInput } from "@/lib/formats/testing/input";
import { rejection } from "@/lib/formats/testing/rejection";
import { expectClaimsOnlyItsFixtures } from "@/lib/formats/testing/detection";
import { readDetectSample } from "@/lib/formats/detect";
import { DEFAULT_MAX_DOCUMENT_BYTES, type FormatInput } from "@/lib/formats/types";
import type { ParsedStep, ParsedTrajectory, StepKind } from "@/lib/trajectory/types";

const opts = { maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES };
const FIXTURE = fixturePath("swe-agent/astropy__astropy-12907.traj");

const parseOne = async (input: FormatInput): Promise<ParsedTrajectory> => {
  const all = await collect(sweAgentFormat.parse(input, opts));
  expect(all).toHaveLength(1);
  return all[0];
};
const of = <K extends StepKind>(t: ParsedTrajectory, kind: K) =>
  t.steps.filter((s): s is Extract<ParsedStep, { kind: K }> => s.kind === kind);

describe("swe-agent .traj", () => {
  it("maps the prelude, every step and the marked human interjection", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    expect(t.format).toBe("swe-agent");
    expect(of(t, "system")).toHaveLength(1);
    const humans = of(t, "human");
    expect(humans).toHaveLength(2);
    expect(humans[0].text).toMatch(/^<uploaded_files>\n\/repo\n<\/uploaded_files>/);
    expect(humans[1].text).toBe(
      "Please don't pip install anything in this environment; reason from the source instead.",
    );
    // `thought` is visible assistant text; only the thinking block is reasoning (issue 9, item 9).
    expect(of(t, "reasoning")).toHaveLength(1);
    expect(of(t, "assistant")).toHaveLength(6);
    expect(of(t, "tool_call")).toHaveLength(6);
    expect(of(t, "tool_result")).toHaveLength(6);
    expect(of(t, "tool_result").filter((r) => r.isError)).toHaveLength(1);
    // The interjection sits after the step it followed in `history`.
    const feedback = t.steps.findIndex((s) => s.kind === "human" && s.text.startsWith("Please don't"));
    expect(t.steps[feedback - 1]).toMatchObject({ kind: "tool_result", callId: "swe-step-2" });
    // Demonstrations are not part of the trajectory.
    expect(t.steps.some((s) => "text" in s && s.text.includes("demonstration"))).toBe(false);
    expect(t.warnings).toContain("skipped 1 demonstration message(s) (2) from history");
  });

  it("joins each observation to its action and flags the traceback", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    const calls = of(t, "tool_call");
    const results = of(t, "tool_result");
    expect(results.map((r) => r.callId)).toEqual(calls.map((c) => c.callId));
    expect(calls[0]).toMatchObject({
      callId: "swe-step-1",
      name: "bash",
      arguments: { command: "find_file separable.py" },
    });
    // Function-calling steps keep the model's call id, name and parsed arguments.
    expect(calls[3]).toMatchObject({
      callId: "toolu_01HkTgq9WZ8xYb3vN2mQp4Rs",
      name: "str_replace_editor",
      arguments: { command: "str_replace" },
    });
    const failed = results.find((r) => r.isError);
    expect(failed?.callId).toBe("swe-step-2");
    expect(failed?.output).toMatch(/^Traceback/);
    expect(results[0].structured).toEqual({ state: { open_file: "n/a", working_dir: "/repo" }, executionTime: 0.41 });
    expect(of(t, "human").some((h) => h.text.includes("OBSERVATION"))).toBe(false);
  });

  it("keeps thinking blocks with their signature and run metadata", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    const thinking = of(t, "reasoning").find((r) => r.opaque);
    expect(thinking).toMatchObject({
      text: "The left branch already copies `left`; the right branch must mirror it.",
      hidden: false,
    });
    expect(t.source).toMatchObject({ agent: "swe-agent", model: "claude-3-5-sonnet-20241022", version: "1.0.1" });
    expect(t.source.extra).toMatchObject({
      exitStatus: "submitted",
      environment: "swe_main",
      modelStats: { api_calls: 6 },
    });
    expect(t.usage).toEqual({ input: 48213, output: 2150 });
    // SWE-agent records no timestamps.
    expect(t.steps.every((s) => s.timestamp === undefined)).toBe(true);
  });

  it("ends with an error step when the agent exits on a limit", async () => {
    const doc = JSON.parse(readFileSync(FIXTURE, "utf8")) as { info: { exit_status: string } };
    doc.info.exit_status = "submitted (exit_cost)";
    const t = await parseOne(memoryInput(JSON.stringify(doc), "x.traj"));
    expect(t.steps.at(-1)).toMatchObject({ kind: "error", code: "submitted (exit_cost)" });
  });

  it("recognises SWE-agent error texts only", () => {
    expect(looksLikeError("bash: pip3: command not found")).toBe(true);
    expect(looksLikeError("Your proposed edit has introduced new syntax error(s).")).toBe(true);
    expect(looksLikeError("8 passed in 0.61s")).toBe(false);
  });
});

describe("swe-agent detection", () => {
  it("outranks the registered formats on its fixtures and claims none of theirs", () =>
    expectClaimsOnlyItsFixtures(sweAgentFormat, [FIXTURE]));

  it("detects the fixture", async () => {
    expect(sweAgentFormat.detect(await readDetectSample(fileInput(FIXTURE)))).toBe(0.95);
  });

  it("reads a big file's head and leaves mini-swe-agent alone", () => {
    const head =
      '{\n  "environment": "swe_main",\n  "trajectory": [\n    {\n      "action": "ls",\n      "observation": "a.py",\n      "response": "x", "thought": "x"';
    expect(sweAgentFormat.detect({ filename: "i.traj", head, isZip: false, records: null, document: undefined })).toBe(
      0.95,
    );
    const mini = { info: {}, messages: [], trajectory_format: "mini-swe-agent-1" };
    expect(
      sweAgentFormat.detect({
        filename: "i.traj.json",
        head: JSON.stringify(mini),
        isZip: false,
        records: [mini],
        document: mini,
      }),
    ).toBe(0);
  });
});

describe("swe-agent malformed input", () => {
  const failure = (input: FormatInput) => rejection(collect(sweAgentFormat.parse(input, opts)));

  it("names the line of invalid JSON", async () => {
    const text = readFileSync(FIXTURE, "utf8").replace('"environment": "swe_main",', '"environment": "swe_main"');
    expect((await failure(memoryInput(text, "bad.traj"))).message).toMatch(/^bad\.traj line 3: invalid JSON/);
  });

  it("reports a truncated document", async () => {
    const text = readFileSync(FIXTURE, "utf8");
    expect((await failure(memoryInput(text.slice(0, 2000), "cut.traj"))).message).toMatch(
      /^cut\.traj line \d+: invalid JSON/,
    );
  });

  it("rejects other structures with the field that is missing", async () => {
    expect((await failure(memoryInput('{"history": []}', "a.traj"))).message).toMatch(
      /^a\.traj field trajectory: expected a SWE-agent trajectory/,
    );
    expect((await failure(memoryInput('{"trajectory": [1]}', "b.traj"))).message).toMatch(
      /^b\.traj field trajectory\[0\]: expected a trajectory step object/,
    );
    expect((await failure(memoryInput("[]", "c.traj"))).message).toMatch(
      /^c\.traj byte 0: expected a SWE-agent trajectory/,
    );
  });
});
