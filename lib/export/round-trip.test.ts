/**
 * For every import format, each of its test fixtures: import → export as `limi` → re-import with
 * the `hf-messages` parser keeps the messages (human turns, assistant text, tool calls with their
 * arguments and ids, tool results); error flags survive `hf-messages` and `atif`, which carry them.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FORMAT_MODULES } from "@/lib/formats/registry";
import { hfMessages } from "@/lib/formats/hf-messages";
import { atifTrajectory } from "@/lib/formats/atif";
import { DEFAULT_MAX_DOCUMENT_BYTES, type FormatInput } from "@/lib/formats/types";
import { collect, fileInput, fixturePath, memoryInput } from "@/lib/formats/testing/input";
import { readTree, writeZip } from "@/lib/formats/testing/zip";
import { exportSamples } from "@/lib/export/export-samples";
import { toLimiMessages } from "@/lib/export/limi-format";
import { MemorySink } from "@/lib/export/sinks/memory-sink";
import { arraySource, fromParsed } from "@/lib/export/testing/samples";
import type { ExportFormat } from "@/lib/export/types";
import type { ParsedStep, ParsedTrajectory } from "@/lib/trajectory/types";

const opts = { maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES };

/**
 * Every fixture of a format: its files (the real-file variants of fixtures/variants for a format that
 * has only those), and for Inspect the `.eval` archive built from its folder. A format with no
 * fixture at all fails here.
 */
function fixtureInputs(format: string): FormatInput[] {
  const own = folderInputs(format, fixturePath(format));
  const inputs = own.length ? own : folderInputs(format, fixturePath(`variants/${format}`));
  if (!inputs.length) throw new Error(`format ${format} has no test fixture to round-trip`);
  return inputs;
}

function folderInputs(format: string, dir: string): FormatInput[] {
  const inputs: FormatInput[] = [];
  if (!existsSync(dir)) return inputs;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isFile()) inputs.push(fileInput(p));
    else if (format === "inspect-ai" && name === "eval")
      inputs.push(
        fileInput(writeZip(readTree(p), "2025-05-01T10-00-00+00-00_task_Zb3kQw9s.eval", ["_journal/start.json"])),
      );
  }
  return inputs;
}

async function exportOne(t: ParsedTrajectory, format: ExportFormat): Promise<MemorySink> {
  const sink = new MemorySink();
  await exportSamples(arraySource([fromParsed(t, "t1")]), format, { name: "round-trip" }, sink);
  return sink;
}

const reimport = async (text: string, filename: string) => collect(hfMessages.parse(memoryInput(text, filename), opts));

/** What must survive: the training messages (roles, texts, call ids, names, arguments, results). */
const messagesOf = (steps: readonly ParsedStep[]) => toLimiMessages(steps).messages;
const errorFlags = (steps: readonly ParsedStep[]) =>
  steps
    .filter((s) => s.kind === "tool_result" && !s.sidechain)
    .map((s) => (s.kind === "tool_result" ? [s.callId, s.isError] : []));

const hasArgumentsThatAreNotObjects = (t: ParsedTrajectory) =>
  t.steps.some((s) => s.kind === "tool_call" && s.arguments === null);

/** The trajectory without the calls whose arguments are not objects (and their results). */
function withoutRawCalls(t: ParsedTrajectory): ParsedTrajectory {
  const raw = new Set(t.steps.flatMap((s) => (s.kind === "tool_call" && s.arguments === null ? [s.callId] : [])));
  return {
    ...t,
    steps: t.steps.filter((s) => !((s.kind === "tool_call" || s.kind === "tool_result") && raw.has(s.callId))),
  };
}

describe.each(FORMAT_MODULES.map((m) => [m.name, m] as const))("round trip from %s", (name, mod) => {
  it("import → limi → re-import keeps messages, tool calls with arguments, results and human turns", async () => {
    let checked = 0;
    let users = 0;
    for (const input of fixtureInputs(name)) {
      for (const parsed of await collect(mod.parse(input, opts))) {
        let t = parsed;
        if (hasArgumentsThatAreNotObjects(t)) {
          // Refused, not silently written as {}: the export names the call. The rest still round-trips.
          await expect(exportOne(t, "limi")).rejects.toThrow("are not a JSON object");
          t = withoutRawCalls(t);
        }
        const sink = await exportOne(t, "limi");
        const [back] = await reimport(sink.text("data/train.json"), "train.json");
        const want = messagesOf(t.steps);
        expect(messagesOf(back.steps), `${input.filename}`).toEqual(want);
        expect(back.tools.map((x) => x.name)).toEqual(t.tools.map((x) => x.name));
        users += want.filter((m) => m.role === "user").length;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
    // `codex exec --json` streams carry no user message (the prompt is the command's argument).
    if (name !== "codex-exec") expect(users).toBeGreaterThan(0);
  });

  it("error flags round-trip through hf-messages and atif", async () => {
    for (const input of fixtureInputs(name)) {
      for (const parsed of await collect(mod.parse(input, opts))) {
        const t = hasArgumentsThatAreNotObjects(parsed) ? withoutRawCalls(parsed) : parsed;
        const flags = errorFlags(t.steps);
        const hf = await exportOne(t, "hf-messages");
        const [viaHf] = await reimport(hf.text("data/train.jsonl"), "train.jsonl");
        expect(errorFlags(viaHf.steps), `${input.filename} via hf-messages`).toEqual(flags);
        expect(messagesOf(viaHf.steps)).toEqual(messagesOf(t.steps));

        const atif = await exportOne(t, "atif");
        const [path] = [...atif.files.keys()].filter((p) => p.startsWith("data/atif/"));
        const viaAtif = atifTrajectory(path, JSON.parse(atif.text(path)));
        expect(errorFlags(viaAtif.steps), `${input.filename} via atif`).toEqual(flags);
      }
    }
  });
});

it("the fixtures hold failed tool results, so the error-flag round trip is not vacuous", async () => {
  let failed = 0;
  for (const m of FORMAT_MODULES)
    for (const input of fixtureInputs(m.name))
      for (const t of await collect(m.parse(input, opts)))
        failed += t.steps.filter((s) => s.kind === "tool_result" && s.isError).length;
  expect(failed).toBeGreaterThan(5);
});
