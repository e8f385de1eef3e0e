import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { unzipSync } from "fflate";
import { exportSamples } from "@/lib/export/export-samples";
import { DirectorySink } from "@/lib/export/sinks/directory-sink";
import { ZipSink } from "@/lib/export/sinks/zip-sink";
import { arraySource, sampleOf, SHELL_TOOL, shellSession } from "@/lib/export/testing/samples";
import type { ExportSample, SampleSource } from "@/lib/export/types";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "limi-sink-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const samples = () => [sampleOf("t1", shellSession(1), [SHELL_TOOL]), sampleOf("t2", shellSession(2), [SHELL_TOOL])];

/** A source whose second pass fails midway, as a dropped database connection would. */
function failingSecondPass(list: ExportSample[]): SampleSource {
  let opened = 0;
  return {
    async *open() {
      opened++;
      for (const [i, s] of list.entries()) {
        if (opened > 1 && i === 1) throw new Error("connection lost");
        yield s;
      }
    },
  };
}

describe("DirectorySink", () => {
  it("writes the export into the directory with the sha256 the core reports", async () => {
    const out = join(tmp(), "release-3");
    const sink = new DirectorySink(out);
    const { files } = await exportSamples(arraySource(samples()), "hf-messages", { name: "x" }, sink);
    expect(readdirSync(out).sort()).toEqual(["README.md", "data", "manifest.json"]);
    const { createHash } = await import("node:crypto");
    for (const f of files)
      expect(
        createHash("sha256")
          .update(readFileSync(join(out, f.path)))
          .digest("hex"),
      ).toBe(f.sha256);
    expect(readdirSync(join(out, ".."))).toEqual(["release-3"]);
  });

  it("leaves nothing when the export fails midway, and refuses a directory that is not empty", async () => {
    const parent = tmp();
    const out = join(parent, "out");
    await expect(
      exportSamples(failingSecondPass(samples()), "hf-messages", { name: "x" }, new DirectorySink(out)),
    ).rejects.toThrow("connection lost");
    expect(readdirSync(parent)).toEqual([]);

    mkdirSync(out);
    writeFileSync(join(out, "old.txt"), "keep me");
    await expect(
      exportSamples(arraySource(samples()), "openai", { name: "x" }, new DirectorySink(out)),
    ).rejects.toThrow(`The output directory ${out} is not empty; choose a new one`);
    expect(readdirSync(out)).toEqual(["old.txt"]);
    expect(existsSync(`${out}.partial-${process.pid}`)).toBe(false);
  });
});

describe("ZipSink", () => {
  it("streams a zip whose entries are the exported files in order, all dated 1980-01-01", async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (c: Buffer) => chunks.push(c));
    const { files } = await exportSamples(arraySource(samples()), "limi", { name: "x" }, new ZipSink(out));
    const zip = Buffer.concat(chunks);
    const entries = unzipSync(new Uint8Array(zip));
    expect(Object.keys(entries)).toEqual(files.map((f) => f.path));
    // DOS date of the first local header (offset 12): 1980-01-01 is (0 << 9) | (1 << 5) | 1 = 0x21.
    expect(zip.readUInt16LE(12)).toBe(0x21);
    expect(zip.readUInt16LE(10)).toBe(0);
  });

  it("destroys the stream when the export fails, so no truncated zip is served as complete", async () => {
    const out = new PassThrough();
    out.on("data", () => {});
    const errored = new Promise<Error>((ok) => out.on("error", ok));
    await expect(
      exportSamples(failingSecondPass(samples()), "openai", { name: "x" }, new ZipSink(out)),
    ).rejects.toThrow("connection lost");
    expect((await errored).message).toBe("export aborted");
  });
});
