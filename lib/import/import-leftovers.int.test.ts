/** After a `kill -9` mid-import, the next start removes the temp upload and the uncommitted original. */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeProject } from "@/lib/db/testing/factories";
import { importFile } from "@/lib/import/import-file";
import { sweepImportLeftovers } from "@/lib/import/import-leftovers";
import { blobPath, hashFile, pendingMarker, sourceDirs, tempPath } from "@/lib/import/source-store";
import { tempFile } from "@/lib/import/testing/temp-files";

/** The pid of a process that has exited (so its files are abandoned). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((r) => child.on("exit", r));
  return child.pid!;
}

describe("start-up sweep of import leftovers", () => {
  it("removes a dead process's temp upload and uncommitted original; keeps committed ones and a live writer's", async () => {
    const project = await makeProject();
    const committed = await tempFile("kept.jsonl", `{"messages":[{"role":"user","content":"keep ${project.slug}"}]}\n`);
    expect((await importFile(committed, { projectId: project.id, actorId: null, format: "auto" })).status).toBe(
      "imported",
    );
    const keptSha = (await hashFile(committed.path)).sha256;

    const dead = await deadPid();
    const { tmp } = sourceDirs();
    await mkdir(tmp, { recursive: true });
    const abandonedUpload = path.join(tmp, `${dead}-abc-123.jsonl`);
    await writeFile(abandonedUpload, "half an upload");
    // An original written by the killed import before its COMMIT: blob plus its pending marker.
    const orphanSha = "a".repeat(64);
    await mkdir(path.dirname(blobPath(orphanSha)), { recursive: true });
    await writeFile(blobPath(orphanSha), "gz");
    await writeFile(pendingMarker(orphanSha, dead), "");
    // A live writer (this test process stands in for a `limi import` running beside the server).
    const liveSha = "b".repeat(64);
    await mkdir(path.dirname(blobPath(liveSha)), { recursive: true });
    await writeFile(blobPath(liveSha), "gz");
    const liveMarker = pendingMarker(liveSha, process.ppid);
    await writeFile(liveMarker, "");
    const liveUpload = path.join(tmp, `${process.ppid}-def-456.jsonl`);
    await writeFile(liveUpload, "being uploaded");

    const swept = await sweepImportLeftovers();
    expect(swept.tempFiles).toBeGreaterThanOrEqual(1);
    expect(swept.originals).toBeGreaterThanOrEqual(1);
    expect(existsSync(abandonedUpload)).toBe(false);
    expect(existsSync(blobPath(orphanSha))).toBe(false);
    expect(existsSync(pendingMarker(orphanSha, dead))).toBe(false);
    expect(existsSync(blobPath(keptSha))).toBe(true);
    expect(existsSync(blobPath(liveSha))).toBe(true);
    expect(existsSync(liveUpload)).toBe(true);
    // No marker is left by a finished import.
    const shard = await readdir(path.dirname(blobPath(keptSha)));
    expect(shard.filter((n) => n.includes(".pending-"))).toEqual([]);
  });

  it("creates the upload folders readable by this user only", async () => {
    const p = await tempPath(".x");
    const { statSync } = await import("node:fs");
    expect(statSync(path.dirname(p)).mode & 0o777).toBe(0o700);
  });
});
