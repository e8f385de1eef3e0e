import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { db } from "@/lib/db/client";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { connected, disconnected, emit, startLiveTestServer } from "@/lib/live/testing/live-test-server";
import { LIVE_LIMITS } from "@/lib/live/sessions/live-limits";
import { markStaleSessions } from "@/lib/live/sessions/stale";
import { SOURCE_REWRITTEN } from "@/lib/live/sessions/end-session";
import { agentClient, agentProject, newSessionId, sampleSteps, sent } from "@/lib/live/ingest/testing/agent-fixtures";
import * as apiKeyRoute from "@/app/api/projects/[slug]/api-keys/[keyId]/route";
import * as sessionsRoute from "@/app/api/projects/[slug]/live/sessions/route";
import * as stepsRoute from "@/app/api/projects/[slug]/live/sessions/[sessionId]/steps/route";
import * as heartbeatRoute from "@/app/api/projects/[slug]/live/sessions/[sessionId]/heartbeat/route";
import * as endRoute from "@/app/api/projects/[slug]/live/sessions/[sessionId]/end/route";
import * as sessionRoute from "@/app/api/projects/[slug]/live/sessions/[sessionId]/route";
import * as feedbackRoute from "@/app/api/projects/[slug]/live/sessions/[sessionId]/feedback/route";
import * as controlRoute from "@/app/api/projects/[slug]/live/sessions/[sessionId]/control/route";

let server: Awaited<ReturnType<typeof startLiveTestServer>>;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startLiveTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
});

async function agent(token: string) {
  const s = agentClient(server.base, token);
  sockets.push(s);
  await connected(s);
  return s;
}

async function opened(role?: Parameters<typeof agentProject>[0]) {
  const p = await agentProject(role);
  const s = await agent(p.key.secret);
  const session = newSessionId();
  const r = await emit(s, "session:open", { project: p.project.slug, session, format: "openai-chat", agent: "test" });
  expect(r).toMatchObject({ ok: true, data: { ack: 0, state: "live" } });
  return { ...p, s, session };
}

const stepRows = (session: string) =>
  db().liveStep.findMany({ where: { sessionId: session }, orderBy: { position: "asc" } });

describe("ingest protocol over the agent socket", () => {
  it("stores steps, acknowledges the highest contiguous seq, ignores resends and reports a gap", async () => {
    const { project, s, session } = await opened();
    const steps = sampleSteps(6);
    const first = await emit(s, "session:steps", { project: project.slug, session, steps: sent(steps.slice(0, 3)) });
    expect(first.data).toMatchObject({ ack: 3, stored: 3, duplicates: 0, gap: null });
    // Resending 2..3 stores nothing new; 5 without 4 is a gap and is not stored.
    const again = await emit(s, "session:steps", {
      project: project.slug,
      session,
      steps: [...sent(steps.slice(1, 3), 2), { seq: 5, step: steps[4] }],
    });
    expect(again.data).toMatchObject({ ack: 3, stored: 0, duplicates: 2, gap: { expected: 4, received: 5 } });
    expect(await stepRows(session)).toHaveLength(3);
    const rest = await emit(s, "session:steps", { project: project.slug, session, steps: sent(steps.slice(3), 4) });
    expect(rest.data).toMatchObject({ ack: 6, stored: 3 });
    const rows = await stepRows(session);
    expect(rows.map((r) => [r.position, r.seq])).toEqual([0, 1, 2, 3, 4, 5].map((i) => [i, i + 1]));
    expect(rows.map((r) => r.body)).toEqual(steps);
  });

  it("refuses bad input with a clear error and writes nothing", async () => {
    const { project, s, session } = await opened();
    const ok = sampleSteps(1)[0];
    const bad = await emit(s, "session:steps", {
      project: project.slug,
      session,
      steps: [
        { seq: 1, step: ok },
        { seq: 2, step: { kind: "assistant", txt: "typo" } },
      ],
    });
    expect(bad.error?.code).toBe("VALIDATION");
    expect(bad.error?.message).toMatch(/steps\[1\] \(seq 2\): not a canonical step/);
    const far = await emit(s, "session:steps", {
      project: project.slug,
      session,
      steps: [{ seq: LIVE_LIMITS.maxSeqAhead + 5, step: ok }],
    });
    expect(far.error?.code).toBe("VALIDATION");
    expect(far.error?.message).toMatch(/too far ahead/);
    const huge = { kind: "assistant", text: "x".repeat(LIVE_LIMITS.maxStepBytes + 10) };
    const big = await emit(s, "session:steps", { project: project.slug, session, steps: [{ seq: 1, step: huge }] });
    expect(big.error?.code).toBe("PAYLOAD_TOO_LARGE");
    expect(big.error?.message).toMatch(/steps\[0\] \(seq 1\) is \d+ bytes/);
    const unknown = await emit(s, "session:steps", {
      project: project.slug,
      session: newSessionId(),
      steps: [{ seq: 1, step: ok }],
    });
    expect(unknown.error?.code).toBe("NOT_FOUND");
    expect(unknown.error?.message).toMatch(/not found in this project/);
    const twice = await emit(s, "session:open", { project: project.slug, session, format: "openai-chat" });
    expect(twice.error?.code).toBe("CONFLICT");
    expect(twice.error?.message).toMatch(/already open/);
    expect(await stepRows(session)).toHaveLength(0);
    expect((await db().liveSession.findUniqueOrThrow({ where: { id: session } })).ackSeq).toBe(0);
  });

  it("sends watchers step index rows only, and ends as revision 1 in review with token statistics", async () => {
    const { project, s, session, admin } = await opened();
    const watcher = server.client({ cookie: await sessionCookie(admin.id) });
    await connected(watcher);
    const watched = await emit(watcher, "live:watch", { project: project.slug, session });
    expect(watched.ok).toBe(true);
    const rows: Array<Record<string, unknown>> = [];
    watcher.on("live:step", (r: Record<string, unknown>) => rows.push(r));
    const steps = sampleSteps(5);
    await emit(s, "session:steps", { project: project.slug, session, steps: sent(steps) });
    await expect.poll(() => rows.length).toBe(5);
    expect(rows.map((r) => r.position)).toEqual([0, 1, 2, 3, 4]);
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(
        [
          "authorName",
          "createdAt",
          "id",
          "isError",
          "kind",
          "position",
          "preview",
          "projectId",
          "seq",
          "sessionId",
          "tokens",
          "toolName",
        ].sort(),
      );
      expect(Buffer.byteLength(JSON.stringify(r))).toBeLessThan(8000);
    }
    const ended = await emit(s, "session:end", { project: project.slug, session }, 30_000);
    expect(ended.ok).toBe(true);
    const { trajectoryId, revision } = ended.data as { trajectoryId: string; revision: number };
    expect(revision).toBe(1);
    const t = await db().trajectory.findUniqueOrThrow({ where: { id: trajectoryId } });
    expect(t).toMatchObject({
      projectId: project.id,
      stepCount: 5,
      headNumber: 1,
      status: "in_review",
      sessionId: session,
    });
    expect(t.tokensTotal).toBeGreaterThan(0);
    expect(t.toolCallCount).toBe(1);
    const rev = await db().revision.findMany({ where: { trajectoryId } });
    expect(rev.map((r) => r.number)).toEqual([1]);
    const bodies = await db().stepBody.findMany({ where: { stepId: { in: rev[0].stepIds } } });
    const byId = new Map(bodies.map((b) => [b.stepId, b.data]));
    expect(rev[0].stepIds.map((id) => byId.get(id))).toEqual(steps);
    // Ending again answers the same trajectory; steps after the end are refused.
    expect((await emit(s, "session:end", { project: project.slug, session })).data).toMatchObject({ trajectoryId });
    const late = await emit(s, "session:steps", { project: project.slug, session, steps: sent(steps.slice(0, 1), 6) });
    expect(late.error?.code).toBe("CONFLICT");
    expect(await db().revision.count({ where: { trajectoryId } })).toBe(1);
    watcher.disconnect();
  });

  it('a rewrite of steps already sent becomes revision 2 "source rewritten"', async () => {
    const { project, s, session } = await opened();
    const steps = sampleSteps(5);
    await emit(s, "session:steps", { project: project.slug, session, steps: sent(steps) });
    const changed = { kind: "assistant" as const, text: "Actually small.txt is the largest." };
    const r = await emit(s, "session:steps", {
      project: project.slug,
      session,
      steps: [],
      rewrites: [
        { seq: 5, step: changed },
        { seq: 2, step: null },
      ],
    });
    expect(r.data).toMatchObject({ rewritten: 2 });
    const ended = (await emit(s, "session:end", { project: project.slug, session }, 30_000)).data as {
      trajectoryId: string;
      revision: number;
    };
    expect(ended.revision).toBe(2);
    const revs = await db().revision.findMany({
      where: { trajectoryId: ended.trajectoryId },
      orderBy: { number: "asc" },
    });
    expect(revs.map((x) => [x.number, x.reason])).toEqual([
      [1, "imported original"],
      [2, SOURCE_REWRITTEN],
    ]);
    const bodies = await db().stepBody.findMany({ where: { stepId: { in: revs[1].stepIds } } });
    const byId = new Map(bodies.map((b) => [b.stepId, b.data]));
    expect(revs[1].stepIds.map((id) => byId.get(id))).toEqual([steps[0], steps[2], steps[3], changed]);
  });

  it("heartbeats; a session without one turns stale and resumes", async () => {
    const { project, s, session } = await opened();
    expect((await emit(s, "session:heartbeat", { project: project.slug, session })).data).toMatchObject({
      state: "live",
      ack: 0,
    });
    await db().liveSession.update({
      where: { id: session },
      data: { lastHeartbeatAt: new Date(Date.now() - LIVE_LIMITS.staleAfterMs - 1000) },
    });
    expect(await markStaleSessions()).toBeGreaterThanOrEqual(1);
    expect((await db().liveSession.findUniqueOrThrow({ where: { id: session } })).state).toBe("stale");
    const resumed = await emit(s, "session:resume", { project: project.slug, session });
    expect(resumed.data).toMatchObject({ state: "live", ack: 0 });
    expect((await db().liveSession.findUniqueOrThrow({ where: { id: session } })).state).toBe("live");
  });
});

describe("authorization of the agent namespace", () => {
  it("refuses a browser cookie, and a key of project A cannot write to project B", async () => {
    const a = await opened();
    const b = await agentProject();
    const cookieOnly = agentClient(server.base, "");
    sockets.push(cookieOnly);
    await expect(connected(cookieOnly)).rejects.toThrow(/UNAUTHENTICATED/);
    const other = await emit(a.s, "session:open", {
      project: b.project.slug,
      session: newSessionId(),
      format: "openai-chat",
    });
    expect(other.error?.code).toBe("NOT_FOUND");
    // B's key naming A's session through its own project: not found either.
    const sb = await agent(b.key.secret);
    const cross = await emit(sb, "session:steps", {
      project: b.project.slug,
      session: a.session,
      steps: sent(sampleSteps(1)),
    });
    expect(cross.error?.code).toBe("NOT_FOUND");
    expect(await stepRows(a.session)).toHaveLength(0);
  });

  it("a revoked key's open agent socket is disconnected within a second", async () => {
    const { project, s, session, key, adminCookie } = await opened();
    const gone = disconnected(s, 1000);
    const res = await callRoute(apiKeyRoute.DELETE, {
      method: "DELETE",
      params: { slug: project.slug, keyId: key.id },
      cookie: adminCookie,
    });
    expect(res.status).toBe(204);
    expect(await gone).toBe("io server disconnect");
    const back = agentClient(server.base, key.secret);
    sockets.push(back);
    await expect(connected(back)).rejects.toThrow(/UNAUTHENTICATED/);
    expect((await db().liveSession.findUniqueOrThrow({ where: { id: session } })).state).toBe("live");
  });

  it("only members watch a session", async () => {
    const { project, session } = await opened();
    const stranger = await makeMember((await makeProject()).id, "admin");
    const w = server.client({ cookie: await sessionCookie(stranger.id) });
    await connected(w);
    expect((await emit(w, "live:watch", { project: project.slug, session })).error?.code).toBe("NOT_FOUND");
    const res = await callRoute(sessionRoute.GET, {
      params: { slug: project.slug, sessionId: session },
      cookie: await sessionCookie(stranger.id),
    });
    expect(res.status).toBe(404);
    w.disconnect();
  });
});

describe("the HTTP fallback", () => {
  it("has the same semantics: open, batch with resend and gap, heartbeat, end", async () => {
    const { project, key } = await agentProject();
    const auth = `Bearer ${key.secret}`;
    const session = newSessionId();
    const params = { slug: project.slug, sessionId: session };
    const open = await callRoute(sessionsRoute.POST, {
      method: "POST",
      params: { slug: project.slug },
      authorization: auth,
      body: { session, format: "openai-chat" },
    });
    expect(open.status).toBe(200);
    const twice = await callRoute(sessionsRoute.POST, {
      method: "POST",
      params: { slug: project.slug },
      authorization: auth,
      body: { session, format: "openai-chat" },
    });
    expect(twice.status).toBe(409);
    const steps = sampleSteps(4);
    const post = (body: unknown) => callRoute(stepsRoute.POST, { method: "POST", params, authorization: auth, body });
    expect((await post({ steps: sent(steps.slice(0, 2)) })).json).toMatchObject({ ack: 2, stored: 2 });
    expect((await post({ steps: [...sent(steps.slice(0, 2)), { seq: 4, step: steps[3] }] })).json).toMatchObject({
      ack: 2,
      stored: 0,
      duplicates: 2,
      gap: { expected: 3, received: 4 },
    });
    const bad = await post({ steps: [{ seq: 3, step: { kind: "nope" } }] });
    expect(bad.status).toBe(422);
    expect((await post({ steps: sent(steps.slice(2), 3) })).json).toMatchObject({ ack: 4, stored: 2 });
    const hb = await callRoute(heartbeatRoute.POST, { method: "POST", params, authorization: auth });
    expect(hb.json).toMatchObject({ ack: 4, state: "live" });
    const end = await callRoute(endRoute.POST, { method: "POST", params, authorization: auth });
    expect(end.status).toBe(200);
    const t = await db().trajectory.findUniqueOrThrow({
      where: { id: (end.json as { trajectoryId: string }).trajectoryId },
    });
    expect(t.stepCount).toBe(4);
    const unknown = await callRoute(stepsRoute.POST, {
      method: "POST",
      params: { slug: project.slug, sessionId: newSessionId() },
      authorization: auth,
      body: { steps: sent(steps.slice(0, 1)) },
    });
    expect(unknown.status).toBe(404);
  });
});

describe("feedback and control from watchers", () => {
  it("a file-tail session stores feedback at once as a human step with its author, and tells the agent", async () => {
    const { project, s, session } = await opened();
    const ana = await makeMember(project.id, "annotator");
    const cookie = await sessionCookie(ana.id);
    await emit(s, "session:steps", { project: project.slug, session, steps: sent(sampleSteps(2)) });
    const heard = new Promise<{ text: string; author: string }>((r) => s.once("feedback", r));
    const res = await callRoute(feedbackRoute.POST, {
      method: "POST",
      params: { slug: project.slug, sessionId: session },
      cookie,
      body: { text: "Check the hidden files too." },
    });
    expect(res.status).toBe(200);
    expect(await heard).toMatchObject({ text: "Check the hidden files too.", author: ana.name });
    const rows = await stepRows(session);
    expect(rows.at(-1)).toMatchObject({ position: 2, seq: null, kind: "human", authorId: ana.id });
    // The agent's next step goes after it.
    await emit(s, "session:steps", { project: project.slug, session, steps: sent(sampleSteps(3).slice(2), 3) });
    expect((await stepRows(session)).map((r) => r.seq)).toEqual([1, 2, null, 3]);
    const end = (await emit(s, "session:end", { project: project.slug, session }, 30_000)).data as {
      trajectoryId: string;
    };
    const t = await db().trajectory.findUniqueOrThrow({ where: { id: end.trajectoryId } });
    expect(t.humanTurnCount).toBe(2);
    expect(JSON.stringify(t.sourceMeta)).toContain(ana.id);
  });

  it("an injecting agent gets feedback and stores it where it delivers it; pause and stop reach it", async () => {
    const p = await agentProject();
    const s = await agent(p.key.secret);
    const session = newSessionId();
    await emit(s, "session:open", { project: p.project.slug, session, format: "limi-runner", feedback: "inject" });
    const heard = new Promise<{ id: string; text: string }>((r) => s.once("feedback", r));
    const res = await callRoute(feedbackRoute.POST, {
      method: "POST",
      params: { slug: p.project.slug, sessionId: session },
      cookie: p.adminCookie,
      body: { text: "Use python." },
    });
    expect(res.json).toMatchObject({ position: null });
    const fb = await heard;
    expect(await stepRows(session)).toHaveLength(0);
    const hb = await emit(s, "session:heartbeat", { project: p.project.slug, session });
    expect((hb.data as { feedback: Array<{ id: string }> }).feedback.map((f) => f.id)).toEqual([fb.id]);
    await emit(s, "session:steps", {
      project: p.project.slug,
      session,
      steps: [{ seq: 1, step: { kind: "human", text: fb.text }, feedbackId: fb.id }],
    });
    expect((await stepRows(session))[0]).toMatchObject({ kind: "human", authorId: p.admin.id });
    const control = new Promise<{ control: string }>((r) => s.once("control", r));
    const paused = await callRoute(controlRoute.POST, {
      method: "POST",
      params: { slug: p.project.slug, sessionId: session },
      cookie: p.adminCookie,
      body: { action: "pause" },
    });
    expect(paused.status).toBe(200);
    expect(await control).toMatchObject({ control: "paused" });
    const stopped = new Promise<{ control: string }>((r) => s.once("control", r));
    await callRoute(controlRoute.POST, {
      method: "POST",
      params: { slug: p.project.slug, sessionId: session },
      cookie: p.adminCookie,
      body: { action: "stop" },
    });
    expect(await stopped).toMatchObject({ control: "stopping" });
    expect((await emit(s, "session:heartbeat", { project: p.project.slug, session })).data).toMatchObject({
      control: "stopping",
    });
  });
});

describe("agent events against the permission table", () => {
  it("checks every agent event for each role of the key", async () => {
    const { ROLES, can } = await import("@/lib/auth/permissions");
    const { AGENT_SOCKET_EVENTS } = await import("@/lib/live/ingest/agent-events");
    for (const role of ROLES) {
      const p = await agentProject(role);
      const s = await agent(p.key.secret);
      const session = newSessionId();
      const samples: Record<string, Record<string, unknown>> = {
        "session:open": { project: p.project.slug, session, format: "openai-chat" },
        "session:resume": { project: p.project.slug, session },
        "session:heartbeat": { project: p.project.slug, session },
        "session:steps": { project: p.project.slug, session, steps: sent(sampleSteps(1)) },
        "session:end": { project: p.project.slug, session },
      };
      expect(AGENT_SOCKET_EVENTS.map((e) => e.event).sort()).toEqual(Object.keys(samples).sort());
      for (const spec of AGENT_SOCKET_EVENTS) {
        const reply = await emit(s, spec.event, samples[spec.event]);
        expect({ role, event: spec.event, ok: reply.ok }).toEqual({
          role,
          event: spec.event,
          ok: can(role, spec.action),
        });
      }
    }
  });
});

describe("caps on the HTTP entry points", () => {
  it("refuses feedback past its per-person rate with 429, storing nothing more", async () => {
    const { LIVE_HTTP_LIMITS } = await import("@/lib/live/sessions/http-limits");
    const { project, session } = await opened();
    const user = await makeMember(project.id, "annotator");
    const cookie = await sessionCookie(user.id);
    const statuses: number[] = [];
    for (let i = 0; i <= LIVE_HTTP_LIMITS.feedbackPerMinute; i++) {
      const res = await callRoute(feedbackRoute.POST, {
        method: "POST",
        params: { slug: project.slug, sessionId: session },
        cookie,
        body: { text: `note ${i}` },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(await db().liveStep.count({ where: { sessionId: session } })).toBe(LIVE_HTTP_LIMITS.feedbackPerMinute);
  });
});
