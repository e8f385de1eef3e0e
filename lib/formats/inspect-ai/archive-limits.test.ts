/** A small zip that would inflate to far more than it weighs is refused before a member is inflated. */
import { dirname } from "node:path";
import { rmSync, statSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { inspectAiFormat } from "@/lib/formats/inspect-ai";
import { collect, fileInput, fixturePath } from "@/lib/formats/testing/input";
import { readTree, writeZip } from "@/lib/formats/testing/zip";
import { DEFAULT_MAX_DOCUMENT_BYTES } from "@/lib/formats/types";
import { AppError } from "@/lib/errors/app-error";

const built: string[] = [];
afterAll(() => built.forEach((p) => rmSync(dirname(p), { recursive: true, force: true })));

/** The fixture log plus `n` padding members of `bytes` zeros each (they compress to almost nothing). */
function bomb(n: number, bytes: number): string {
  const members = readTree(fixturePath("inspect-ai/eval"));
  for (let i = 0; i < n; i++) members[`samples/pad_${i}_epoch_1.json`] = new Uint8Array(bytes).fill(0x20);
  const path = writeZip(members, "bomb.eval", ["_journal/start.json"]);
  built.push(path);
  return path;
}

const parse = (path: string, maxInflatedBytes: number, maxMembers: number) =>
  collect(
    inspectAiFormat.parse(fileInput(path), {
      maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES,
      archive: { maxInflatedBytes, maxMembers },
    }),
  );

describe("Inspect .eval archive limits", () => {
  it("refuses an archive whose members inflate past the total limit, naming the file and the limit", async () => {
    const path = bomb(4, 4 * 1024 * 1024);
    expect(statSync(path).size).toBeLessThan(200 * 1024);
    const err = await parse(path, 8 * 1024 * 1024, 1000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("PAYLOAD_TOO_LARGE");
    expect((err as AppError).message).toMatch(
      /bomb\.eval: the archive inflates to more than 8\.0 MiB \(IMPORT_MAX_ARCHIVE_MB\)/,
    );
  });

  it("refuses an archive with more members than the limit", async () => {
    const path = bomb(30, 10);
    const err = await parse(path, 1024 * 1024 * 1024, 20).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("PAYLOAD_TOO_LARGE");
    expect((err as AppError).message).toMatch(/members, over the limit of 20 \(IMPORT_MAX_ARCHIVE_MEMBERS\)/);
  });

  it("reads an archive within the limits", async () => {
    const path = writeZip(readTree(fixturePath("inspect-ai/eval")), "ok.eval");
    built.push(path);
    const all = await parse(path, 64 * 1024 * 1024, 100);
    expect(all.length).toBeGreaterThan(0);
  });
});
