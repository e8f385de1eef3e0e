/**
 * What watchers send into a session: feedback and pause / resume / stop. Feedback is a `human`
 * step with its author. An agent that injects feedback (the runner) gets it as an event and
 * delivers it as a user turn at its next step boundary, where it is stored, in the place the model
 * saw it; an agent that cannot (a file tail) has it stored at once and prints it.
 */
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/auth/actor";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { recordAudit } from "@/lib/audit/record-audit";
import { stepText } from "@/lib/tokens/step-text";
import type { ParsedStep } from "@/lib/trajectory/types";
import { insertLiveStep, lockSession, projectTokenizer } from "@/lib/live/sessions/session-writes";
import { notifyAgent, notifySession, notifyStep } from "@/lib/live/sessions/live-notify";

export async function sendFeedback(projectId: string, sessionId: string, actor: Actor, text: string) {
  return withPgTransaction(async (client) => {
    const s = await lockSession(client, projectId, sessionId);
    if (s.state === "ended")
      throw new AppError("CONFLICT", "the session has ended; feedback can no longer reach the agent", {
        location: { field: "session" },
      });
    const author = { authorId: actor.user.id, authorName: actor.user.name };
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO "LiveFeedback" ("id","sessionId","projectId","authorId","authorName","text","deliveredAt")
       VALUES (gen_random_uuid()::text,$1,$2,$3,$4,$5,$6) RETURNING "id"`,
      [s.id, projectId, author.authorId, author.authorName, text, s.feedbackMode === "inject" ? null : new Date()],
    );
    const feedbackId = rows[0].id;
    let position: number | null = null;
    if (s.feedbackMode !== "inject") {
      const step: ParsedStep = { kind: "human", text, timestamp: new Date().toISOString() };
      const tokenizer = await projectTokenizer(client, projectId);
      const row = await insertLiveStep(client, s, {
        seq: null,
        step,
        body: JSON.stringify(step),
        sourceId: null,
        tokens: tokenizer.count(stepText(step)),
        ...author,
      });
      position = row.position;
      await client.query(`UPDATE "LiveSession" SET "stepCount"=$2, "tokensTotal"=$3 WHERE "id"=$1`, [
        s.id,
        s.stepCount,
        s.tokensTotal,
      ]);
      await notifyStep(client, projectId, row);
      await notifySession(client, projectId, {
        sessionId: s.id,
        state: s.state,
        control: s.control,
        stepCount: s.stepCount,
        tokensTotal: s.tokensTotal,
        ackSeq: s.ackSeq,
      });
    }
    // Feedback text goes to the agent in the NOTIFY: capped well under its 8,000-byte limit.
    const preview = text.length > 1500 ? `${text.slice(0, 1500)}…` : text;
    await notifyAgent(client, projectId, s.id, "feedback", {
      id: feedbackId,
      text: preview,
      complete: preview === text,
      author: author.authorName,
      mode: s.feedbackMode,
    });
    await recordAudit(
      {
        projectId,
        actorId: actor.user.id,
        action: "live.feedback",
        targetType: "LiveSession",
        targetId: s.id,
        data: { feedbackId, chars: text.length },
      },
      client,
    );
    return { feedbackId, delivered: s.feedbackMode === "inject" ? "at the agent's next step" : "stored", position };
  });
}

/** The full text of a feedback message (the event carries at most 1,500 characters). */
export async function readFeedback(projectId: string, sessionId: string, feedbackId: string) {
  return withPgTransaction(async (client) => {
    const { rows } = await client.query<{ id: string; text: string; authorName: string }>(
      `SELECT "id","text","authorName" FROM "LiveFeedback" WHERE "id"=$1 AND "sessionId"=$2 AND "projectId"=$3`,
      [feedbackId, sessionId, projectId],
    );
    if (!rows[0]) throw new AppError("NOT_FOUND", `feedback ${feedbackId} not found in this session`);
    return rows[0];
  });
}

const CONTROL = { pause: "paused", resume: "running", stop: "stopping" } as const;

export async function controlSession(projectId: string, sessionId: string, actor: Actor, action: keyof typeof CONTROL) {
  return withPgTransaction(async (client) => {
    const s = await lockSession(client, projectId, sessionId);
    if (s.state === "ended")
      throw new AppError("CONFLICT", "the session has ended", { location: { field: "session" } });
    if (s.control === "stopping" && action !== "stop")
      throw new AppError("CONFLICT", "the session is stopping", { location: { field: "action" } });
    const control = CONTROL[action];
    await client.query(`UPDATE "LiveSession" SET "control"=$2 WHERE "id"=$1`, [s.id, control]);
    await notifyAgent(client, projectId, s.id, "control", { control, by: actor.user.name });
    await notifySession(client, projectId, {
      sessionId: s.id,
      state: s.state,
      control,
      stepCount: s.stepCount,
      tokensTotal: s.tokensTotal,
      ackSeq: s.ackSeq,
    });
    await recordAudit(
      {
        projectId,
        actorId: actor.user.id,
        action: "live.control",
        targetType: "LiveSession",
        targetId: s.id,
        data: { control },
      },
      client,
    );
    return { control };
  });
}
