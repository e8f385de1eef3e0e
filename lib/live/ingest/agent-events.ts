/**
 * The ingest protocol's socket events, on the `/agent` namespace: a recorder or runner opens a
 * session, sends steps with sequence numbers, heartbeats and ends it. Each event goes through
 * defineSocketEvent like every socket event of the app: flood control, the payload schema, the
 * API key re-checked (at most a second old, so a revoked key is refused on its next event, and
 * its socket is disconnected at once by the eviction), and the key's role checked for
 * `trajectory.import` in the project the payload names (a key of another project gets NOT_FOUND).
 * The HTTP fallback (app/api/projects/[slug]/live/sessions) calls the same functions.
 */
import { defineSocketEvent, ProjectScoped } from "@/lib/live/define-socket-event";
import { agentRoom } from "@/lib/live/sessions/live-limits";
import { OpenSessionSchema, SessionRefSchema, StepsBatchSchema } from "@/lib/live/sessions/session-schemas";
import { openSession, touchSession } from "@/lib/live/sessions/session-writes";
import { appendSteps } from "@/lib/live/sessions/append-steps";
import { endSession } from "@/lib/live/sessions/end-session";

export const openEvent = defineSocketEvent({
  event: "session:open",
  action: "trajectory.import",
  payload: ProjectScoped.merge(OpenSessionSchema),
  async handle({ socket, project, actor, payload }) {
    const { project: _slug, ...input } = payload;
    const opened = await openSession(project.id, actor, input);
    await socket.join(agentRoom(payload.session));
    return opened;
  },
});

export const resumeEvent = defineSocketEvent({
  event: "session:resume",
  action: "trajectory.import",
  payload: ProjectScoped.merge(SessionRefSchema),
  async handle({ socket, project, payload }) {
    const r = await touchSession(project.id, payload.session);
    await socket.join(agentRoom(payload.session));
    return r;
  },
});

export const heartbeatEvent = defineSocketEvent({
  event: "session:heartbeat",
  action: "trajectory.import",
  payload: ProjectScoped.merge(SessionRefSchema),
  async handle({ project, payload }) {
    return touchSession(project.id, payload.session);
  },
});

export const stepsEvent = defineSocketEvent({
  event: "session:steps",
  action: "trajectory.import",
  payload: ProjectScoped.merge(StepsBatchSchema),
  async handle({ project, payload }) {
    const { project: _slug, ...batch } = payload;
    return appendSteps(project.id, batch);
  },
});

export const endEvent = defineSocketEvent({
  event: "session:end",
  action: "trajectory.import",
  payload: ProjectScoped.merge(SessionRefSchema),
  async handle({ socket, project, actor, payload }) {
    const r = await endSession(project.id, payload.session, actor);
    await socket.leave(agentRoom(payload.session));
    return r;
  },
});

export const AGENT_SOCKET_EVENTS = [openEvent, resumeEvent, heartbeatEvent, stepsEvent, endEvent];
