import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import type { Server } from "socket.io";
import { attachSocketServer } from "@/lib/live/socket-server";
import { SOCKET_EVENTS } from "@/lib/live/project-events";
import { can, ROLES } from "@/lib/auth/permissions";
import { createApiKey } from "@/lib/auth/api-keys";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";

let http: HttpServer;
let io: Server;
let base: string;
const open: Socket[] = [];

beforeAll(async () => {
  http = createServer();
  io = attachSocketServer(http);
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of open) s.disconnect();
  io.close();
  await new Promise((r) => http.close(r));
});

function client(opts: { cookie?: string; token?: string } = {}): Socket {
  const s = connect(base, { transports: ["websocket"], reconnection: false, extraHeaders: opts.cookie ? { cookie: opts.cookie } : {}, auth: opts.token ? { token: opts.token } : {} });
  open.push(s);
  return s;
}

const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => {
    s.once("connect", () => resolve());
    s.once("connect_error", (e) => reject(e));
  });

const emit = (s: Socket, event: string, payload: unknown) => new Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }>((r) => s.emit(event, payload, r));

describe("socket.io authentication and authorization", () => {
  it("refuses a connection without a session", async () => {
    await expect(connected(client())).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it("refuses a forged session cookie and an unknown API key", async () => {
    await expect(connected(client({ cookie: "next-auth.session-token=forged.jwt.value" }))).rejects.toThrow(/UNAUTHENTICATED/);
    await expect(connected(client({ token: "limi_not-a-real-key" }))).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it("checks every event against the permission table for each role", async () => {
    const project = await makeProject();
    for (const role of ROLES) {
      const user = await makeMember(project.id, role);
      const s = client({ cookie: await sessionCookie(user.id) });
      await connected(s);
      for (const spec of SOCKET_EVENTS) {
        const reply = await emit(s, spec.event, { project: project.slug });
        expect({ role, event: spec.event, ok: reply.ok }).toEqual({ role, event: spec.event, ok: can(role, spec.action) });
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
    const key = await createApiKey({ projectId: project.id, name: "recorder", role: "annotator", creatorId: admin.id, creatorRole: "admin" });
    const s = client({ token: key.secret });
    await connected(s);
    expect((await emit(s, "project:join", { project: project.slug })).ok).toBe(true);
    expect((await emit(s, "project:join", { project: other.slug })).error?.code).toBe("NOT_FOUND");
  });
});
