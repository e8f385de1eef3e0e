import { describe, expect, it } from "vitest";
import pg from "pg";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { resolveActor } from "@/lib/auth/actor";
import { PROJECT_EVENTS_CHANNEL } from "@/lib/live/project-events";
import { appendSteps } from "@/lib/live/sessions/append-steps";
import { openSession } from "@/lib/live/sessions/session-writes";
import { agentProject, newSessionId, sampleSteps } from "@/lib/live/ingest/testing/agent-fixtures";

async function sessions(n: number) {
  const p = await agentProject();
  const actor = (await resolveActor({ authorization: `Bearer ${p.key.secret}` }))!;
  const ids = Array.from({ length: n }, newSessionId);
  for (const id of ids) await openSession(p.project.id, actor, { session: id, format: "openai-chat" });
  return { ...p, ids };
}

const rows = (session: string) =>
  db().liveStep.findMany({ where: { sessionId: session }, orderBy: { position: "asc" } });

describe("appends arriving together share a transaction (group commit)", () => {
  it("stores every session's steps once, in order, each with its own answer, and notifies in order", async () => {
    const { project, ids } = await sessions(12);
    const listener = new pg.Client({ connectionString: env().DATABASE_URL });
    await listener.connect();
    const seen: Array<{ sessionId: string; position: number }> = [];
    listener.on("notification", (m) => {
      const e = JSON.parse(m.payload!) as { event: string; data: { sessionId: string; position: number } };
      if (e.event === "live:step") seen.push(e.data);
    });
    await listener.query(`LISTEN ${PROJECT_EVENTS_CHANNEL}`);
    const steps = sampleSteps(5);
    try {
      // Five rounds; in each, every session sends its next step at once, plus a resend of the last.
      for (let seq = 1; seq <= 5; seq++) {
        const replies = await Promise.all(
          ids.flatMap((session) => [
            appendSteps(project.id, { session, steps: [{ seq, step: steps[seq - 1] }] }),
            ...(seq > 1 ? [appendSteps(project.id, { session, steps: [{ seq: seq - 1, step: steps[seq - 2] }] })] : []),
          ]),
        );
        for (const r of replies) expect(r.gap).toBeNull();
        expect(replies.reduce((n, r) => n + r.stored, 0)).toBe(ids.length);
        expect(Math.max(...replies.map((r) => r.ack))).toBe(seq);
      }
      for (const session of ids) {
        const stored = await rows(session);
        expect(stored.map((r) => [r.position, r.seq])).toEqual([0, 1, 2, 3, 4].map((i) => [i, i + 1]));
        expect(stored.map((r) => r.body)).toEqual(steps);
      }
      await expect.poll(() => seen.length).toBe(ids.length * 5);
      for (const session of ids)
        expect(seen.filter((e) => e.sessionId === session).map((e) => e.position)).toEqual([0, 1, 2, 3, 4]);
    } finally {
      await listener.end();
    }
  });

  it("a refused append fails alone; the others of its transaction are stored", async () => {
    const { project, ids } = await sessions(6);
    const other = await agentProject();
    const step = sampleSteps(1)[0];
    const calls = [
      ...ids.map((session) => appendSteps(project.id, { session, steps: [{ seq: 1, step }] })),
      appendSteps(project.id, { session: newSessionId(), steps: [{ seq: 1, step }] }),
      // A session of this project named with another project's id.
      appendSteps(other.project.id, { session: ids[0], steps: [{ seq: 2, step }] }),
      appendSteps(project.id, { session: ids[1], steps: [{ seq: 5000, step }] }),
    ];
    const settled = await Promise.allSettled(calls);
    for (const r of settled.slice(0, ids.length))
      expect(r).toMatchObject({ status: "fulfilled", value: { stored: 1 } });
    expect(
      settled.slice(ids.length).map((r) => r.status === "rejected" && (r.reason as { code: string }).code),
    ).toEqual(["NOT_FOUND", "NOT_FOUND", "VALIDATION"]);
    for (const session of ids) expect((await rows(session)).map((r) => r.seq)).toEqual([1]);
    const counters = await db().liveSession.findMany({
      where: { id: { in: ids } },
      select: { ackSeq: true, stepCount: true },
    });
    expect(counters.every((c) => c.ackSeq === 1 && c.stepCount === 1)).toBe(true);
  });

  it("a statement failing takes its transaction with it; every append then runs alone and only the bad one fails", async () => {
    const { project, ids } = await sessions(5);
    const step = sampleSteps(1)[0];
    // PostgreSQL text cannot hold NUL: this step's preview fails the insert.
    const bad = { kind: "assistant" as const, text: "nul \u0000 here" };
    const settled = await Promise.allSettled([
      ...ids.slice(0, 4).map((session) => appendSteps(project.id, { session, steps: [{ seq: 1, step }] })),
      appendSteps(project.id, { session: ids[4], steps: [{ seq: 1, step: bad }] }),
    ]);
    expect(settled.slice(0, 4).every((r) => r.status === "fulfilled")).toBe(true);
    expect(settled[4].status).toBe("rejected");
    for (const session of ids.slice(0, 4)) expect((await rows(session)).length).toBe(1);
    expect(await rows(ids[4])).toEqual([]);
  });
});
