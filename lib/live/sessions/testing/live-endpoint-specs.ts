/**
 * The live-session routes' rows of the authorization matrix (spread into ENDPOINT_SPECS). Each
 * request gets a session of its own (open, with a step), so a write by one role does not disturb
 * the next; the session is created directly by the admin, as an agent would have opened it.
 */
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { EndpointSpec, SpecContext } from "@/lib/auth/testing/endpoint-specs";

async function liveSession(ctx: SpecContext, feedback: "print" | "inject" = "print"): Promise<string> {
  const id = randomUUID();
  await db().liveSession.create({
    data: {
      id,
      projectId: ctx.project.id,
      createdById: ctx.adminId,
      format: "openai-chat",
      feedbackMode: feedback,
      ackSeq: 1,
      stepCount: 1,
      steps: {
        create: {
          projectId: ctx.project.id,
          position: 0,
          seq: 1,
          kind: "human",
          preview: "hello",
          body: { kind: "human", text: "hello" },
          bodyBytes: 30,
        },
      },
    },
  });
  return id;
}

const params = async (ctx: SpecContext) => ({ slug: ctx.project.slug, sessionId: await liveSession(ctx) });

export const LIVE_ENDPOINT_SPECS: Record<string, EndpointSpec> = {
  "GET /api/projects/[slug]/live/sessions": {
    access: { kind: "project", action: "live.watch" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug } }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/live/sessions": {
    access: { kind: "project", action: "trajectory.import" },
    prepare: async (ctx) => ({
      params: { slug: ctx.project.slug },
      body: { session: randomUUID(), format: "openai-chat", agent: "matrix" },
    }),
    okStatus: 200,
  },
  "GET /api/projects/[slug]/live/sessions/[sessionId]": {
    access: { kind: "project", action: "live.watch" },
    prepare: async (ctx) => ({ params: await params(ctx) }),
    okStatus: 200,
  },
  "GET /api/projects/[slug]/live/sessions/[sessionId]/bodies": {
    access: { kind: "project", action: "live.watch" },
    prepare: async (ctx) => {
      const p = await params(ctx);
      const step = await db().liveStep.findFirstOrThrow({ where: { sessionId: p.sessionId }, select: { id: true } });
      return { params: p, query: `ids=${step.id}` };
    },
    okStatus: 200,
  },
  "POST /api/projects/[slug]/live/sessions/[sessionId]/steps": {
    access: { kind: "project", action: "trajectory.import" },
    prepare: async (ctx) => ({
      params: await params(ctx),
      body: { steps: [{ seq: 2, step: { kind: "assistant", text: "hi" } }] },
    }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/live/sessions/[sessionId]/heartbeat": {
    access: { kind: "project", action: "trajectory.import" },
    prepare: async (ctx) => ({ params: await params(ctx) }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/live/sessions/[sessionId]/end": {
    access: { kind: "project", action: "trajectory.import" },
    prepare: async (ctx) => ({ params: await params(ctx) }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/live/sessions/[sessionId]/feedback": {
    access: { kind: "project", action: "live.feedback" },
    prepare: async (ctx) => ({ params: await params(ctx), body: { text: "try again" } }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/live/sessions/[sessionId]/control": {
    access: { kind: "project", action: "live.feedback" },
    prepare: async (ctx) => ({ params: await params(ctx), body: { action: "pause" } }),
    okStatus: 200,
  },
};
