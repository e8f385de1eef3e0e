import { randomUUID } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import { attachSocketServer, type LiveServer } from "@/lib/live/socket-server";
import { SOCKET_EVENTS } from "@/lib/live/all-socket-events";
import { can, ROLES } from "@/lib/auth/permissions";
import { createApiKey } from "@/lib/auth/api-keys";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { importFile } from "@/lib/import/import-file";
import { tempFile } from "@/lib/import/testing/temp-files";
import { makeSet } from "@/lib/curation/testing/curation-fixtures";
import { db } from "@/lib/db/client";

async function importOne(projectId: string): Promise<string> {
  const line = JSON.stringify({
    messages: [
      { role: "user", content: "hello" },
      { role: "assistant", content: "hi" },
    ],
  });
  const r = await importFile(await tempFile("one.jsonl", `${line}\n`), { projectId, actorId: null, format: "auto" });
  return r.trajectoryId!;
}

let http: HttpServer;
let live: LiveServer;
let base: string;
const open: Socket[] = [];

beforeAll(async () => {
  http = createServer();
  live = await attachSocketServer(http);
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of open) s.disconnect();
  await live.close();
});

function client(opts: { cookie?: string; token?: string } = {}): Socket {
  const s = connect(base, {
    transports: ["websocket"],
    reconnection: false,
    extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
    auth: opts.token ? { token: opts.token } : {},
  });
  open.push(s);
  return s;
}

const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => {
    s.once("connect", () => resolve());
    s.once("connect_error", (e) => reject(e));
  });

const emit = (s: Socket, event: string, payload: unknown) =>
  new Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }>((r) =>
    s.emit(event, payload, r),
  );

describe("socket.io authentication and authorization", () => {
  it("refuses a connection without a session", async () => {
    await expect(connected(client())).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it("refuses a forged session cookie and an unknown API key", async () => {
    await expect(connected(client({ cookie: "next-auth.session-token=forged.jwt.value" }))).rejects.toThrow(
      /UNAUTHENTICATED/,
    );
    await expect(connected(client({ token: "limi_not-a-real-key" }))).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it("checks every event against the permission table for each role", async () => {
    const project = await makeProject();
    const trajectoryId = await importOne(project.id);
    const setId = await makeSet(project.id);
    const owner = await makeMember(project.id, "admin");
    const session = randomUUID();
    await db().liveSession.create({
      data: { id: session, projectId: project.id, createdById: owner.id, format: "openai-chat" },
    });
    // A valid payload per event; the list must name every event, so a new one cannot be skipped.
    const samples: Record<string, Record<string, unknown>> = {
      "project:join": { project: project.slug },
      "project:leave": { project: project.slug },
      "trajectory:join": { project: project.slug, trajectoryId },
      "trajectory:focus": { project: project.slug, trajectoryId, stepKey: "s1" },
      "trajectory:editing": { project: project.slug, trajectoryId, stepKey: "s1" },
      "trajectory:leave": { project: project.slug, trajectoryId },
      "review:watch": { project: project.slug },
      "review:unwatch": { project: project.slug },
      "curation:join": { project: project.slug, setId },
      "curation:leave": { project: project.slug, setId },
      "live:watch": { project: project.slug, session },
      "live:unwatch": { project: project.slug, session },
    };
    expect(SOCKET_EVENTS.map((e) => e.event).sort()).toEqual(Object.keys(samples).sort());
    for (const role of ROLES) {
      const user = await makeMember(project.id, role);
      const s = client({ cookie: await sessionCookie(user.id) });
      await connected(s);
      for (const spec of SOCKET_EVENTS) {
        const reply = await emit(s, spec.event, samples[spec.event]);
        expect({ role, event: spec.event, ok: reply.ok }).toEqual({
          role,
          event: spec.event,
          ok: can(role, spec.action),
        });
      }
    }
  });

  it("scopes events to the caller's projects and validates payloads", async () => {
    const mine = await makeProject();
    const other = await makeProject();
    const user = await makeMember(mine.id, "annotator");
    const s = client({ cookie: await sessionCookie(user.id) });
    await connected(s);
    expect((await emit(s, "project:join", { project: other.slug })).error?.code).toBe("NOT_FOUND");
    const bad = await emit(s, "project:join", { nope: 1 });
    expect(bad.ok).toBe(false);
    expect(bad.error?.code).toBe("VALIDATION");
    expect(bad.error?.message).toMatch(/project/);
  });

  it("accepts a project API key and confines it to its project", async () => {
    const project = await makeProject();
    const other = await makeProject();
    const admin = await makeMember(project.id, "admin");
    await makeMember(other.id, "admin");
    const key = await createApiKey({
      projectId: project.id,
      name: "recorder",
      role: "annotator",
      creatorId: admin.id,
      creatorRole: "admin",
    });
    const s = client({ token: key.secret });
    await connected(s);
    expect((await emit(s, "project:join", { project: project.slug })).ok).toBe(true);
    expect((await emit(s, "project:join", { project: other.slug })).error?.code).toBe("NOT_FOUND");
  });
});

describe("presence", () => {
  it("shows who views a trajectory and on which step, and forgets them when they leave", async () => {
    const project = await makeProject();
    const trajectoryId = await importOne(project.id);
    const ana = await makeMember(project.id, "annotator");
    const rita = await makeMember(project.id, "reviewer");
    const a = client({ cookie: await sessionCookie(ana.id) });
    const b = client({ cookie: await sessionCookie(rita.id) });
    await Promise.all([connected(a), connected(b)]);
    await emit(a, "trajectory:join", { project: project.slug, trajectoryId });
    const seen = new Promise<Array<{ userId: string; stepKey: string | null }>>((resolve) =>
      a.on("presence", (p: { viewers: Array<{ userId: string; stepKey: string | null }> }) => {
        if (p.viewers.some((v) => v.userId === rita.id && v.stepKey === "s1")) resolve(p.viewers);
      }),
    );
    await emit(b, "trajectory:join", { project: project.slug, trajectoryId });
    await emit(b, "trajectory:focus", { project: project.slug, trajectoryId, stepKey: "s1" });
    expect((await seen).map((v) => v.userId).sort()).toEqual([ana.id, rita.id].sort());
    const gone = new Promise<void>((resolve) =>
      a.on(
        "presence",
        (p: { viewers: Array<{ userId: string }> }) => !p.viewers.some((v) => v.userId === rita.id) && resolve(),
      ),
    );
    b.disconnect();
    await gone;
  });

  it("tells the room who has which step open in the editor, until they close it", async () => {
    const project = await makeProject();
    const trajectoryId = await importOne(project.id);
    const ana = await makeMember(project.id, "annotator");
    const rita = await makeMember(project.id, "reviewer");
    const a = client({ cookie: await sessionCookie(ana.id) });
    const b = client({ cookie: await sessionCookie(rita.id) });
    await Promise.all([connected(a), connected(b)]);
    const room = { project: project.slug, trajectoryId };
    await emit(a, "trajectory:join", room);
    const editingOf = (want: string | null) =>
      new Promise<void>((resolve) =>
        a.on("presence", (p: { viewers: Array<{ userId: string; editingKey?: string | null }> }) => {
          if (p.viewers.some((v) => v.userId === rita.id && (v.editingKey ?? null) === want)) resolve();
        }),
      );
    expect((await emit(b, "trajectory:editing", { ...room, stepKey: "s1" })).error?.code).toBe("CONFLICT");
    await emit(b, "trajectory:join", room);
    const editing = editingOf("s1");
    expect((await emit(b, "trajectory:editing", { ...room, stepKey: "s1" })).ok).toBe(true);
    await editing;
    const closed = editingOf(null);
    await emit(b, "trajectory:editing", { ...room, stepKey: null });
    await closed;
    a.disconnect();
    b.disconnect();
  });

  it("refuses to join a trajectory of another project", async () => {
    const mine = await makeProject();
    const other = await makeProject();
    const foreign = await importOne(other.id);
    const u = await makeMember(mine.id, "admin");
    const s = client({ cookie: await sessionCookie(u.id) });
    await connected(s);
    expect((await emit(s, "trajectory:join", { project: mine.slug, trajectoryId: foreign })).error?.code).toBe(
      "NOT_FOUND",
    );
  });
});
