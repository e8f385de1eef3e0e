import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spooledSource } from "@/lib/export/spooled-source";
import { arraySource, sampleOf, SHELL_TOOL } from "@/lib/export/testing/samples";
import type { ExportSample } from "@/lib/export/types";

const SAMPLES: ExportSample[] = [
  sampleOf(
    "t1",
    [
      { kind: "human", text: "List the files.\nAll of them \u2028 please" },
      { kind: "tool_call", callId: "c1", name: "run_shell_command", arguments: { command: "ls", timeout: 5 } },
      { kind: "tool_result", callId: "c1", output: "a.txt\r\nb.txt", isError: false, truncated: false },
      { kind: "assistant", text: "Two files." },
    ],
    [SHELL_TOOL],
    { domain: "coding", tokens: { tokenizer: "o200k_base", count: 12 } },
  ),
  sampleOf("t2", [
    { kind: "human", text: "Hi" },
    { kind: "assistant", text: "Hello" },
  ]),
];

const collect = async (src: { open(): AsyncIterable<ExportSample> }) => {
  const out: ExportSample[] = [];
  for await (const s of src.open()) out.push(s);
  return out;
};

describe("spooled source", () => {
  let dir: string;
  beforeEach(async () => void (dir = await mkdtemp(path.join(os.tmpdir(), "limi-spool-"))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("reads the inner source once; later passes read the same samples from the spool", async () => {
    const inner = arraySource(SAMPLES);
    const src = spooledSource(inner, path.join(dir, "spool"));
    expect(await collect(src)).toEqual(SAMPLES);
    expect(await collect(src)).toEqual(SAMPLES);
    expect(await collect(src)).toEqual(SAMPLES);
    expect(inner.opened).toBe(1);
    await src.dispose();
    await expect(stat(path.join(dir, "spool"))).rejects.toThrow();
  });

  it("a first pass stopped early leaves the spool unused: the next pass reads the inner source again", async () => {
    const inner = arraySource(SAMPLES);
    const src = spooledSource(inner, path.join(dir, "spool"));
    for await (const _ of src.open()) break;
    expect(await collect(src)).toEqual(SAMPLES);
    expect(inner.opened).toBe(2);
    expect(await collect(src)).toEqual(SAMPLES);
    expect(inner.opened).toBe(2);
    await src.dispose();
  });
});
