/**
 * Peak RSS of one upload at the import limits, each file imported in a child process of its own
 * (bench/import/big-file-child.ts) that reports VmHWM; the reference is the same child's RSS just
 * before the import (the app's modules loaded, nothing imported), measured in the same run.
 *
 *   npx tsx bench/import-memory.ts                       # a JSON document at IMPORT_MAX_DOCUMENT_MB, and
 *                                                        # an Inspect .eval zip at IMPORT_MAX_ARCHIVE_MB
 *   npx tsx bench/import-memory.ts --doc-mb 64 --zip-mb 256 --zip-members 4
 *
 * Target (issue 17): peak RSS under 1 GB for any single upload within the limits.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { zipSync } from "fflate";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MB = 1024 * 1024;
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};

/** An OpenAI chat document `{messages}` of about `bytes`, made of 1 MB tool outputs (one trajectory). */
function chatDocument(file: string, bytes: number): void {
  const out = "x".repeat(MB - 200);
  const messages: unknown[] = [{ role: "user", content: "read every log" }];
  // Each call and result pair adds about 1 MB.
  for (let i = 0; i * MB < bytes; i++) {
    messages.push({
      role: "assistant",
      content: null,
      tool_calls: [{ id: `c${i}`, type: "function", function: { name: "cat", arguments: `{"path":"log${i}"}` } }],
    });
    messages.push({ role: "tool", tool_call_id: `c${i}`, content: `${i} ${out}` });
  }
  writeFileSync(file, JSON.stringify({ messages }));
}

/** An Inspect .eval zip whose `members` samples inflate to about `bytes` in all (one big tool output each). */
function evalZip(file: string, bytes: number, members: number): void {
  const dir = path.join(ROOT, "lib/formats/fixtures/inspect-ai/eval");
  const read = (p: string) => new Uint8Array(readFileSync(path.join(dir, p)));
  const sample = JSON.parse(readFileSync(path.join(dir, "samples/ctf-017_epoch_1.json"), "utf8")) as {
    id: string;
    messages: Array<{ content: unknown }>;
  };
  const zip: Record<string, Uint8Array> = {
    "_journal/start.json": read("_journal/start.json"),
    "header.json": read("header.json"),
  };
  const per = Math.floor(bytes / members) - 64 * 1024;
  for (let i = 0; i < members; i++) {
    const s = structuredClone(sample);
    s.id = `big-${i}`;
    s.messages[s.messages.length - 1].content = `${i} ${"y".repeat(per)}`;
    zip[`samples/big-${i}_epoch_1.json`] = new TextEncoder().encode(JSON.stringify(s));
  }
  writeFileSync(file, zipSync(zip, { level: 1 }));
}

interface ChildResult {
  seconds: number;
  bytes: number;
  rssBeforeMb: number | null;
  vmHwmMb: number | null;
  samplerPeakMb: number;
  status: string;
  steps: number;
  error: { message: string } | null;
}

function runChild(file: string, env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "bench/import/big-file-child.ts", file], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let buf = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (c: string) => (buf += c));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = buf.split("\n").find((l) => l.startsWith("BENCH_CHILD_RESULT "));
      if (line) resolve(JSON.parse(line.slice("BENCH_CHILD_RESULT ".length)) as ChildResult);
      else reject(new Error(`child exited with code ${code}: ${buf.slice(-2000)}`));
    });
  });
}

async function main(): Promise<void> {
  const docMb = arg("doc-mb", Number(process.env.IMPORT_MAX_DOCUMENT_MB ?? 64));
  const zipMb = arg("zip-mb", Number(process.env.IMPORT_MAX_ARCHIVE_MB ?? 512));
  const zipMembers = arg("zip-members", 8);
  const tmp = await mkdtemp(path.join(os.tmpdir(), "limi-bench-mem-"));
  const { createTestDatabase } = await import("@/lib/db/testing/test-database");
  const database = await createTestDatabase("limi_bench_mem");
  process.env.DATABASE_URL = database.url;
  process.env.LIMI_DATA_DIR = tmp;
  process.env.LIMI_DEMO = "false";
  const { resetEnvCache } = await import("@/lib/env");
  resetEnvCache();
  const { createProject } = await import("@/lib/projects/projects");
  const rows: string[] = [];
  try {
    const cases: Array<[string, string, () => void]> = [
      [
        `JSON document, ${docMb} MB`,
        path.join(tmp, "doc.json"),
        () => chatDocument(path.join(tmp, "doc.json"), docMb * MB - MB),
      ],
      [
        `Inspect .eval, ${zipMembers} samples inflating to ${zipMb} MB`,
        path.join(tmp, "big.eval"),
        () => evalZip(path.join(tmp, "big.eval"), zipMb * MB - MB, zipMembers),
      ],
    ];
    for (const [label, file, make] of cases) {
      make();
      const project = await createProject({ slug: `mem-${Date.now().toString(36)}`, name: label }, null);
      console.log(`${label}: importing in a child process…`);
      const r = await runChild(file, {
        ...process.env,
        DATABASE_URL: database.url,
        LIMI_DATA_DIR: tmp,
        LIMI_DEMO: "false",
        BENCH_PROJECT_ID: project.id,
      });
      const line = `| ${label} (file ${(r.bytes / MB).toFixed(1)} MB) | ${r.status}${r.error ? ` (${r.error.message.slice(0, 80)})` : ""} | ${r.vmHwmMb?.toFixed(0) ?? "n/a"} MB | ${r.rssBeforeMb?.toFixed(0) ?? "n/a"} MB | ${r.seconds.toFixed(1)} s |`;
      console.log(line);
      rows.push(line);
    }
  } finally {
    const { disconnectDb } = await import("@/lib/db/client");
    await disconnectDb();
    await database.dispose();
    await rm(tmp, { recursive: true, force: true });
  }
  console.log(
    "\n| upload | outcome | peak RSS (VmHWM) | reference: RSS before the import | time |\n| --- | --- | --- | --- | --- |",
  );
  for (const r of rows) console.log(r);
  console.log("target: peak RSS < 1024 MB");
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
