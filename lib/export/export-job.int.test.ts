/**
 * The export product around the core: a release (rows made as curation will make them) exported as
 * a background job through the routes, the zip download, determinism across two exports, the ad-hoc
 * `ids` set, DPO pairs from a real edit and PRM labels from reviewers' first-error steps, bad
 * input refused with nothing written, and the child process the job runs in (the same bytes as
 * the core in this process; its crash and a cancel become the export's error, leaving nothing).
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { makeMember, makeProject, sessionCookie, uid } from "@/lib/db/testing/factories";
import { importFile } from "@/lib/import/import-file";
import { tempFile } from "@/lib/import/testing/temp-files";
import { runPendingJobs } from "@/lib/jobs/job-worker";
import "@/lib/server/job-kinds";
import { callRoute } from "@/lib/http/testing/call-route";
import * as exportsRoute from "@/app/api/projects/[slug]/exports/route";
import * as exportRoute from "@/app/api/projects/[slug]/exports/[exportId]/route";
import * as downloadRoute from "@/app/api/projects/[slug]/exports/[exportId]/download/route";
import { approveAll, makeRelease } from "@/lib/export/testing/releases";
import { MAX_ACTIVE_EXPORTS } from "@/lib/export/start-export";
import { saveRevision } from "@/lib/trajectory/revisions";
import { readRevision } from "@/lib/trajectory/store/read-revision";
import type { Manifest } from "@/lib/export/types";
import { exportDir, runExport } from "@/lib/export/export-job";
import { coreOptions } from "@/lib/export/export-work";
import { exportSamples } from "@/lib/export/export-samples";
import { releaseSource } from "@/lib/export/release-source";
import { MemorySink } from "@/lib/export/sinks/memory-sink";

function sessionLine(task: string) {
  return JSON.stringify({
    messages: [
      { role: "system", content: "You are a coding agent." },
      { role: "user", content: task },
      {
        role: "assistant",
        content: "I'll look first.",
        tool_calls: [
          { id: "c1", type: "function", function: { name: "run_shell_command", arguments: '{"command":"ls"}' } },
        ],
      },
      { role: "tool", tool_call_id: "c1", content: "a.txt" },
      { role: "assistant", content: "There is one file, a.txt." },
    ],
  });
}

async function importOne(projectId: string, task = `List the files ${uid()}`): Promise<string> {
  const r = await importFile(await tempFile("t.jsonl", `${sessionLine(task)}\n`), {
    projectId,
    actorId: null,
    format: "auto",
  });
  if (!r.trajectoryId) throw new Error(`import failed: ${r.error?.message}`);
  return r.trajectoryId;
}

async function setup() {
  const project = await makeProject();
  const [lead, annotator] = await Promise.all([makeMember(project.id, "lead"), makeMember(project.id, "annotator")]);
  const ids = [await importOne(project.id), await importOne(project.id)];
  await approveAll(project.id, ids, lead.id);
  const release = await makeRelease(project.id, ids, { approvedById: lead.id, notes: "first cut" });
  return {
    project,
    lead,
    ids,
    release,
    leadCookie: await sessionCookie(lead.id),
    annotatorCookie: await sessionCookie(annotator.id),
  };
}

type Ctx = Awaited<ReturnType<typeof setup>>;

const start = (ctx: Ctx, body: unknown, cookie = ctx.leadCookie) =>
  callRoute(exportsRoute.POST, { method: "POST", params: { slug: ctx.project.slug }, body, cookie });

async function download(ctx: Ctx, exportId: string): Promise<Record<string, Uint8Array>> {
  const res = await downloadRoute.GET(new Request("http://localhost/", { headers: { cookie: ctx.leadCookie } }), {
    params: Promise.resolve({ slug: ctx.project.slug, exportId }),
  } as never);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/zip");
  return unzipSync(new Uint8Array(await res.arrayBuffer()));
}

async function exportDone(ctx: Ctx, body: unknown) {
  const started = await start(ctx, body);
  expect(started.status, JSON.stringify(started.json)).toBe(202);
  await runPendingJobs();
  const shown = await callRoute(exportRoute.GET, {
    params: { slug: ctx.project.slug, exportId: started.json.id as string },
    cookie: ctx.leadCookie,
  });
  expect(shown.json.status, JSON.stringify(shown.json)).toBe("done");
  return shown.json as unknown as {
    id: string;
    files: Array<{ path: string; sha256: string; bytes: number }>;
    progress: number;
    samples: number;
  };
}

const text = (files: Record<string, Uint8Array>, name: string) => Buffer.from(files[name]).toString("utf8");

// Every export starts a child process (tsx and the modules: seconds on a busy machine).
describe("export of a release", { timeout: 180_000 }, () => {
  it("runs as a job with progress, lists files with sha256, downloads as a zip, and is deterministic", async () => {
    const ctx = await setup();
    const first = await exportDone(ctx, { release: ctx.release.number, format: "limi", options: { repeat: 2 } });
    expect(first.progress).toBe(1);
    expect(first.samples).toBe(2);
    expect(first.files.map((f) => f.path)).toEqual([
      "data/train.json",
      "data/train.parquet",
      "manifest.json",
      "README.md",
    ]);
    const job = await db().job.findFirstOrThrow({ where: { projectId: ctx.project.id, kind: "export.run" } });
    expect(job.status).toBe("done");
    expect(job.progress).toBe(job.total);

    const zip = await download(ctx, first.id);
    expect(Object.keys(zip)).toEqual(first.files.map((f) => f.path));
    const manifest = JSON.parse(text(zip, "manifest.json")) as Manifest;
    expect(manifest.release).toMatchObject({ number: ctx.release.number, notes: "first cut" });
    expect(manifest.unreleased).toBe(false);
    expect(manifest.samples.map((s) => s.trajectoryId)).toEqual(ctx.ids);
    const train = JSON.parse(text(zip, "data/train.json")) as Array<{
      messages: Array<{ role: string; tool_calls?: unknown[] }>;
    }>;
    expect(train).toHaveLength(4);
    expect(train[0].messages[2].tool_calls).toEqual([
      { id: "c1", type: "function", function: { name: "run_shell_command", arguments: { command: "ls" } } },
    ]);

    const second = await exportDone(ctx, { release: ctx.release.number, format: "limi", options: { repeat: 2 } });
    expect(second.files).toEqual(first.files);
    const zip2 = await download(ctx, second.id);
    expect(Object.keys(zip2)).toEqual(Object.keys(zip));

    const listed = await callRoute(exportsRoute.GET, { params: { slug: ctx.project.slug }, cookie: ctx.leadCookie });
    expect((listed.json.exports as Array<{ id: string }>).map((e) => e.id)).toEqual([second.id, first.id]);
    expect(
      await db().auditLog.count({ where: { projectId: ctx.project.id, action: "export.start", targetType: "Export" } }),
    ).toBe(2);
  });

  it("an ad-hoc set of ids is exported from the approved revisions and marked unreleased", async () => {
    const ctx = await setup();
    const done = await exportDone(ctx, { ids: [ctx.ids[1]], format: "hf-messages" });
    const zip = await download(ctx, done.id);
    const manifest = JSON.parse(text(zip, "manifest.json")) as Manifest;
    expect(manifest.unreleased).toBe(true);
    expect(manifest.release).toBeNull();
    expect(manifest.samples.map((s) => s.trajectoryId)).toEqual([ctx.ids[1]]);
  });

  it("refuses an annotator, an unknown format, a missing release, unknown or unapproved ids; nothing is written", async () => {
    const ctx = await setup();
    const denied = await start(ctx, { release: ctx.release.number, format: "limi" }, ctx.annotatorCookie);
    expect(denied.status).toBe(403);
    const badFormat = await start(ctx, { release: ctx.release.number, format: "csv" });
    expect(badFormat.status).toBe(400);
    expect(badFormat.json.error).toMatchObject({ location: { field: "format" } });
    expect(badFormat.json.error!.message).toContain('Unknown export format "csv"');
    const noRelease = await start(ctx, { release: 99, format: "limi" });
    expect(noRelease.status).toBe(404);
    expect(noRelease.json.error).toMatchObject({ location: { field: "release" } });
    const unknownIds = await start(ctx, { ids: [ctx.ids[0], "nope"], format: "limi" });
    expect(unknownIds.status).toBe(404);
    expect(unknownIds.json.error).toMatchObject({ location: { field: "ids" } });
    expect(unknownIds.json.error!.message).toContain("nope");
    const unapproved = await importOne(ctx.project.id);
    const notApproved = await start(ctx, { ids: [unapproved], format: "limi" });
    expect(notApproved.status).toBe(422);
    expect(notApproved.json.error!.message).toContain(unapproved);
    const badOption = await start(ctx, { release: ctx.release.number, format: "openai", options: { repeat: 2 } });
    expect(badOption.status).toBe(400);
    expect(await db().export.count({ where: { projectId: ctx.project.id } })).toBe(0);
    expect(await db().job.count({ where: { projectId: ctx.project.id, kind: "export.run" } })).toBe(0);
  });

  it(`caps exports queued or running per project at ${MAX_ACTIVE_EXPORTS} (429)`, async () => {
    const ctx = await setup();
    for (let i = 0; i < MAX_ACTIVE_EXPORTS; i++)
      expect((await start(ctx, { release: ctx.release.number, format: "openai" })).status).toBe(202);
    const over = await start(ctx, { release: ctx.release.number, format: "openai" });
    expect(over.status).toBe(429);
    await runPendingJobs();
    expect((await start(ctx, { release: ctx.release.number, format: "openai" })).status).toBe(202);
    await runPendingJobs();
  });

  it("a set whose argument types conflict fails the job naming the argument, and leaves no files", async () => {
    const ctx = await setup();
    const line = sessionLine(`other ${uid()}`).replace('{\\"command\\":\\"ls\\"}', '{\\"command\\":7}');
    const r = await importFile(await tempFile("t.jsonl", `${line}\n`), {
      projectId: ctx.project.id,
      actorId: null,
      format: "auto",
    });
    await approveAll(ctx.project.id, [r.trajectoryId!], ctx.lead.id);
    const rel = await makeRelease(ctx.project.id, [...ctx.ids, r.trajectoryId!]);
    const started = await start(ctx, { release: rel.number, format: "limi" });
    await runPendingJobs();
    const shown = await callRoute(exportRoute.GET, {
      params: { slug: ctx.project.slug, exportId: started.json.id as string },
      cookie: ctx.leadCookie,
    });
    expect(shown.json.status).toBe("failed");
    expect(shown.json.error).toContain('tool-call argument "command" has more than one type');
    expect(shown.json.error).toContain(r.trajectoryId!);
    expect(shown.json.files).toEqual([]);
  });
});

describe("preference and process data from the database", { timeout: 180_000 }, () => {
  it("dpo: an edited assistant turn is a pair; prm: the reviewers' unanimous first-error step labels the turns", async () => {
    const ctx = await setup();
    const id = ctx.ids[0];
    const rev1 = await readRevision(ctx.project.id, id, 1);
    const last = rev1.steps.filter((s) => s.kind === "assistant").at(-1)!;
    await saveRevision(
      ctx.project.id,
      id,
      {
        baseNumber: 1,
        reason: "better answer",
        ops: [{ op: "update", key: last.key, step: { kind: "assistant", text: "a.txt is the only file here." } }],
      },
      { id: ctx.lead.id, name: "Lead" },
    );
    await approveAll(ctx.project.id, [id], ctx.lead.id);
    // Two reviewers of revision 2 agree that the first error is the first assistant turn.
    const firstAssistant = rev1.steps.find((s) => s.kind === "assistant")!;
    for (const who of [await makeMember(ctx.project.id, "reviewer"), await makeMember(ctx.project.id, "reviewer")])
      await pgPool().query(
        `INSERT INTO "Review" ("id","projectId","trajectoryId","revisionNumber","reviewerId","verdict","scores","firstErrorStepKey")
         VALUES ($1,$2,$3,2,$4,'accept','{"correctness":4}',$5)`,
        [`rv-${uid()}`, ctx.project.id, id, who.id, firstAssistant.key],
      );
    const rel = await makeRelease(ctx.project.id, ctx.ids);

    const dpo = await exportDone(ctx, { release: rel.number, format: "dpo" });
    const dzip = await download(ctx, dpo.id);
    const pairs = text(dzip, "data/train.jsonl")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(pairs).toHaveLength(1);
    expect(pairs[0].chosen).toEqual([{ role: "assistant", content: "a.txt is the only file here." }]);
    expect(pairs[0].rejected).toEqual([{ role: "assistant", content: "There is one file, a.txt." }]);
    expect(pairs[0].prompt.at(-1)).toMatchObject({ role: "tool", content: "a.txt" });

    const prm = await exportDone(ctx, { release: rel.number, format: "prm" });
    const pzip = await download(ctx, prm.id);
    const rows = text(pzip, "data/train.jsonl")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(1);
    expect(rows[0].trajectory_id).toBe(id);
    expect(rows[0].labels.filter((l: unknown) => l !== null)).toEqual([false]);
    const manifest = JSON.parse(text(pzip, "manifest.json")) as Manifest;
    expect(Object.values(manifest.counts.skipped)).toEqual([1]);
  });
});

describe("the export's child process", { timeout: 180_000 }, () => {
  const leftovers = (ctx: Ctx, exportId: string) =>
    readdir(path.dirname(exportDir(ctx.project.id, exportId))).catch(() => [] as string[]);

  it("writes the same bytes as the export core run in this process", async () => {
    const ctx = await setup();
    for (const format of ["limi", "hf-messages", "prm"] as const) {
      const done = await exportDone(ctx, { release: ctx.release.number, format });
      const opened = await releaseSource(ctx.project.id, ctx.release.number, format);
      const here = await exportSamples(
        opened.source,
        format,
        coreOptions(ctx.project, opened, { toolsInSystemPrompt: false, repeat: 1 }),
        new MemorySink(),
      );
      expect(done.files).toEqual(here.files);
    }
  });

  it("a crash of the child (out of its heap) is the export's clear error; nothing is left, and a rerun succeeds", async () => {
    const ctx = await setup();
    const started = await start(ctx, { release: ctx.release.number, format: "limi" });
    const exportId = started.json.id as string;
    await expect(runExport(exportId, async () => {}, { heapMb: 8 })).rejects.toThrow(/ran out of memory/);
    const row = await db().export.findUniqueOrThrow({ where: { id: exportId } });
    expect(row.status).toBe("failed");
    expect(row.error).toContain("heap is capped at 8 MB (LIMI_EXPORT_HEAP_MB)");
    expect(row.files).toEqual([]);
    expect(await leftovers(ctx, exportId)).toEqual([]);
    // The queued job runs it again with the configured cap.
    await runPendingJobs();
    const again = await db().export.findUniqueOrThrow({ where: { id: exportId } });
    expect(again.status).toBe("done");
    expect(again.error).toBeNull();
  });

  it("a cancel stops the child: the export fails as cancelled and leaves no files", async () => {
    const ctx = await setup();
    const started = await start(ctx, { release: ctx.release.number, format: "limi" });
    const exportId = started.json.id as string;
    const controller = new AbortController();
    const run = runExport(exportId, async () => controller.abort(new Error("cancelled")), {
      signal: controller.signal,
    });
    await expect(run).rejects.toThrow("cancelled");
    const row = await db().export.findUniqueOrThrow({ where: { id: exportId } });
    expect(row.status).toBe("failed");
    expect(row.error).toContain("cancelled");
    expect(await leftovers(ctx, exportId)).toEqual([]);
    await db().job.updateMany({ where: { projectId: ctx.project.id }, data: { status: "cancelled" } });
  });
});
