/**
 * Large files and archives are parsed in a worker thread (issue 17: an at-limit upload grew the
 * server's own heap by hundreds of MB). The mechanism at a small scale: the worker gives exactly
 * what parsing on this thread gives, a JSONL line over the document limit is refused (413) before
 * it is parsed, and an archive bomb is refused in the worker before inflating.
 */
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { parseFile } from "@/lib/formats/detect";
import { collect, fileInput, fixturePath } from "@/lib/formats/testing/input";
import { readTree, writeZip } from "@/lib/formats/testing/zip";
import { parseOffThread, parsesOffThread, type ParseJob, type ParsedWithStats } from "@/lib/import/parse-off-thread";
import { tempFile } from "@/lib/import/testing/temp-files";
import { getTokenizer } from "@/lib/tokens/registry";
import { computeTokenStats } from "@/lib/tokens/stats";

const built: string[] = [];
afterAll(() => built.forEach((p) => rmSync(dirname(p), { recursive: true, force: true })));

function chat(calls: number, outputChars: number) {
  const messages: unknown[] = [{ role: "user", content: "read every log" }];
  for (let i = 0; i < calls; i++) {
    messages.push({
      role: "assistant",
      content: null,
      tool_calls: [{ id: `c${i}`, type: "function", function: { name: "cat", arguments: `{"path":"l${i}"}` } }],
    });
    messages.push({ role: "tool", tool_call_id: `c${i}`, content: `${i} ${"y".repeat(outputChars)}` });
  }
  return JSON.stringify({ messages });
}

const job = (path: string, size: number, over: Partial<ParseJob> = {}): ParseJob => ({
  path,
  filename: "doc.json",
  size,
  format: "auto",
  maxDocumentBytes: 256 * 1024 * 1024,
  archive: { maxInflatedBytes: 512 * 1024 * 1024, maxMembers: 1000 },
  tokenizerId: "o200k_base",
  ...over,
});

async function all(j: ParseJob): Promise<{ items: ParsedWithStats[]; warnings: string[] }> {
  const warnings: string[] = [];
  const parse = await parseOffThread(j, { warn: (m) => warnings.push(m) });
  try {
    const items: ParsedWithStats[] = [];
    for await (const x of parse.items) items.push(x);
    return { items, warnings };
  } finally {
    await parse.close();
  }
}

describe("parsing off the main thread", () => {
  it("gives the trajectories and token statistics of a parse on this thread", { timeout: 60_000 }, async () => {
    const text = `${chat(3, 2000)}\n${chat(2, 500)}\n{"messages":[{"role":"user"`;
    const f = await tempFile("doc.jsonl", text);
    built.push(f.path);
    const { items, warnings } = await all(job(f.path, Buffer.byteLength(text), { filename: "doc.jsonl" }));
    const here = await collect(
      await parseFile(
        { ...fileInput(f.path), filename: "doc.jsonl", warn: () => undefined },
        {
          format: "auto",
          maxDocumentBytes: 256 * 1024 * 1024,
        },
      ),
    );
    expect(items.map((x) => x.parsed)).toEqual(here);
    const o200k = getTokenizer("o200k_base");
    expect(items.map((x) => x.stats)).toEqual(here.map((t) => computeTokenStats(t.steps, t.tools, o200k)));
    // The cut-off last line is reported from the worker as on this thread.
    expect(warnings.join("\n")).toContain("line 3 is cut off");
  });

  it(
    "refuses a JSONL line over the document limit with 413 naming the line, in the worker and on this thread",
    {
      timeout: 60_000,
    },
    async () => {
      const text = `${chat(1, 100)}\n${chat(2, 1024 * 1024)}\n${chat(1, 100)}\n`;
      const f = await tempFile("lines.jsonl", text);
      built.push(f.path);
      const limit = 1024 * 1024;
      const off = await all(job(f.path, text.length, { filename: "lines.jsonl", maxDocumentBytes: limit })).catch(
        (e: unknown) => e,
      );
      const here = await collect(
        await parseFile(
          { ...fileInput(f.path), filename: "lines.jsonl", maxLineBytes: limit },
          { format: "auto", maxDocumentBytes: limit },
        ),
      ).catch((e: unknown) => e);
      for (const err of [off, here]) {
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe("PAYLOAD_TOO_LARGE");
        expect((err as AppError).message).toMatch(/^lines\.jsonl line 2: the line is over the 1\.0 MiB limit/);
      }
    },
  );

  it("refuses an archive bomb in the worker before inflating it", { timeout: 60_000 }, async () => {
    const members = readTree(fixturePath("inspect-ai/eval"));
    for (let i = 0; i < 4; i++) members[`samples/pad_${i}_epoch_1.json`] = new Uint8Array(4 * 1024 * 1024).fill(0x20);
    const path = writeZip(members, "bomb.eval", ["_journal/start.json"]);
    built.push(path);
    // Any archive goes to a worker, however small: it may inflate far past its size.
    expect(await parsesOffThread(path, 1000)).toBe(true);
    const err = await all(
      job(path, 1000, { filename: "bomb.eval", archive: { maxInflatedBytes: 8 * 1024 * 1024, maxMembers: 100 } }),
    ).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("PAYLOAD_TOO_LARGE");
    expect((err as AppError).message).toMatch(/bomb\.eval: the archive inflates to more than 8\.0 MiB/);
  });

  it("leaves small plain files on this thread", async () => {
    const f = await tempFile("s.jsonl", chat(1, 10));
    built.push(f.path);
    expect(await parsesOffThread(f.path, 200)).toBe(false);
  });
});
