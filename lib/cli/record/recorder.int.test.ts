import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db/client";
import { agentProject } from "@/lib/live/ingest/testing/agent-fixtures";
import { FileRecorder } from "@/lib/cli/record/file-recorder";
import { DirectoryRecorder } from "@/lib/cli/record/directory-recorder";
import {
  freePort,
  headSteps,
  liveServerOn,
  parsedSteps,
  sleep,
  tempDir,
} from "@/lib/cli/record/testing/recorder-fixtures";

const FIXTURES = path.resolve("lib/formats/fixtures");
let port: number;
let server: Awaited<ReturnType<typeof liveServerOn>>;
const quiet = () => undefined;

beforeAll(async () => {
  port = await freePort();
  server = await liveServerOn(port);
});
afterAll(async () => {
  await server.close();
});

async function recorderFor(file: string, key: string, watched = path.dirname(file)) {
  const r = new FileRecorder({
    file,
    server: `http://127.0.0.1:${port}`,
    apiKey: key,
    format: "auto",
    journalRoot: await tempDir("limi-journal-"),
    watched,
    pollMs: 40,
    heartbeatMs: 1000,
    log: quiet,
  });
  r.start();
  return r;
}

const liveSeqs = async (session: string) =>
  (await db().liveStep.findMany({ where: { sessionId: session }, orderBy: { position: "asc" } })).map((s) => s.seq);

describe("limi record", () => {
  it("follows a Claude Code transcript written over time (a partial last line included) and stores what a plain import reads", async () => {
    const { key } = await agentProject();
    const lines = (await readFile(path.join(FIXTURES, "claude-code/session.jsonl"), "utf8"))
      .split("\n")
      .filter(Boolean);
    const dir = await tempDir("limi-agent-");
    const file = path.join(dir, "session.jsonl");
    await writeFile(file, "");
    const r = await recorderFor(file, key.secret);
    for (const [i, line] of lines.entries()) {
      if (i === 10) {
        // The agent's write is cut in two: the recorder sees half a line first.
        await appendFile(file, line.slice(0, 40));
        await sleep(120);
        await appendFile(file, `${line.slice(40)}\n`);
      } else await appendFile(file, `${line}\n`);
      if (i % 5 === 0) await sleep(60);
    }
    await sleep(200);
    expect((await liveSeqs(r.session)).length).toBeGreaterThan(0);
    const { trajectoryId, revision } = await r.stop();
    expect(revision).toBe(1);
    const expected = await parsedSteps(file);
    expect(await headSteps(trajectoryId!)).toEqual(expected);
    const seqs = await liveSeqs(r.session);
    expect(seqs).toEqual(expected.map((_, i) => i + 1));
  });

  it('records a whole-file rewrite (Gemini CLI) that changes a sent step as revision 2 "source rewritten"', async () => {
    const { key } = await agentProject();
    const doc = JSON.parse(
      await readFile(path.join(FIXTURES, "gemini-cli/session-2025-11-20T09-15-1a2b3c4d.json"), "utf8"),
    ) as { messages: Array<Record<string, unknown>> };
    const dir = await tempDir("limi-agent-");
    const file = path.join(dir, "session.json");
    const all = doc.messages;
    const write = (messages: unknown[]) => writeFile(file, JSON.stringify({ ...doc, messages }, null, 2));
    await write(all.slice(0, 1));
    const r = await recorderFor(file, key.secret);
    for (let n = 2; n <= all.length; n++) {
      await write(all.slice(0, n));
      await sleep(150);
    }
    await sleep(300);
    const sentBefore = (await liveSeqs(r.session)).length;
    expect(sentBefore).toBeGreaterThan(1);
    // The agent rewrites its file, changing the first (already sent) message.
    const rewritten = [{ ...all[0], content: "What does `make release` do? (edited)" }, ...all.slice(1)];
    await write(rewritten);
    await sleep(300);
    const { trajectoryId, revision } = await r.stop();
    expect(revision).toBe(2);
    const revs = await db().revision.findMany({ where: { trajectoryId: trajectoryId! }, orderBy: { number: "asc" } });
    expect(revs.map((x) => x.reason)).toEqual(["imported original", "source rewritten"]);
    expect(await headSteps(trajectoryId!)).toEqual(await parsedSteps(file));
  });

  it("keeps recording while the server is down and resumes after its restart: every step exactly once", async () => {
    const { key } = await agentProject();
    const lines = (await readFile(path.join(FIXTURES, "claude-code/session.jsonl"), "utf8"))
      .split("\n")
      .filter(Boolean);
    const dir = await tempDir("limi-agent-");
    const file = path.join(dir, "session.jsonl");
    await writeFile(file, "");
    const r = await recorderFor(file, key.secret);
    const third = Math.floor(lines.length / 3);
    for (const line of lines.slice(0, third)) await appendFile(file, `${line}\n`);
    await sleep(500);
    await server.close();
    for (const line of lines.slice(third, 2 * third)) {
      await appendFile(file, `${line}\n`);
      await sleep(20);
    }
    await sleep(300);
    server = await liveServerOn(port);
    for (const line of lines.slice(2 * third)) await appendFile(file, `${line}\n`);
    const { trajectoryId } = await r.stop({ timeoutMs: 30_000 });
    const expected = await parsedSteps(file);
    expect(await headSteps(trajectoryId!)).toEqual(expected);
    expect(await liveSeqs(r.session)).toEqual(expected.map((_, i) => i + 1));
  });

  it("refuses a journal folder inside the watched folder", async () => {
    const dir = await tempDir("limi-agent-");
    const file = path.join(dir, "s.jsonl");
    await writeFile(file, "");
    expect(
      () =>
        new FileRecorder({
          file,
          server: "http://127.0.0.1:1",
          apiKey: "limi_x",
          format: "auto",
          journalRoot: path.join(dir, "journal"),
          watched: dir,
          log: quiet,
        }),
    ).toThrow(/must not be inside the watched/);
  });

  it("in directory mode picks up a session file that appears", async () => {
    const { key } = await agentProject();
    const dir = await tempDir("limi-agents-");
    const lines = (await readFile(path.join(FIXTURES, "claude-code/session.jsonl"), "utf8"))
      .split("\n")
      .filter(Boolean);
    await writeFile(path.join(dir, "old.jsonl"), `${lines[0]}\n`);
    const d = new DirectoryRecorder({
      server: `http://127.0.0.1:${port}`,
      apiKey: key.secret,
      format: "auto",
      journalRoot: await tempDir("limi-journal-"),
      watched: dir,
      pollMs: 50,
      log: quiet,
    });
    await d.start();
    await sleep(150);
    const file = path.join(dir, "second-session.jsonl");
    for (const line of lines) await appendFile(file, `${line}\n`);
    await expect.poll(() => d.recorders.size, { timeout: 5000 }).toBe(1);
    expect([...d.recorders.keys()]).toEqual([file]);
    await sleep(300);
    const r = d.recorders.get(file)!;
    await d.stop();
    const s = await db().liveSession.findUniqueOrThrow({ where: { id: r.session } });
    expect(s.state).toBe("ended");
    expect(await headSteps(s.trajectoryId!)).toEqual(await parsedSteps(file));
  });
});
