/**
 * Notifications of live sessions, queued on the writer's transaction (PostgreSQL NOTIFY, delivered
 * at COMMIT to every instance: lib/live/event-relay.ts). Watchers get step index rows and session
 * counters; the agent gets feedback and control.
 */
import type pg from "pg";
import { notifyProjectEvent, type ProjectEvent } from "@/lib/live/project-events";
import { AGENT_NAMESPACE, agentRoom, liveSessionRoom } from "@/lib/live/sessions/live-limits";
import type { LiveStepRow } from "@/lib/live/sessions/live-step-row";

export interface SessionCounters {
  sessionId: string;
  state: string;
  control: string;
  stepCount: number;
  tokensTotal: number;
  ackSeq: number;
  trajectoryId?: string | null;
}

/**
 * To the project room (the list of sessions) and the session's watchers. Appending steps tells the
 * watchers nothing more (`watchers: false`): their step rows carry the counts.
 */
export async function notifySession(
  client: pg.PoolClient,
  projectId: string,
  c: SessionCounters,
  opts: { watchers?: boolean } = {},
): Promise<void> {
  for (const e of sessionEvents(projectId, c, opts)) await notifyProjectEvent(client, e);
}

export function sessionEvents(
  projectId: string,
  c: SessionCounters,
  opts: { watchers?: boolean } = {},
): ProjectEvent[] {
  const list: ProjectEvent[] = [{ projectId, event: "live:session", data: { ...c } }];
  if (opts.watchers !== false)
    list.push({ projectId, room: liveSessionRoom(c.sessionId), event: "live:session", data: { ...c } });
  return list;
}

export async function notifyStep(client: pg.PoolClient, projectId: string, row: LiveStepRow): Promise<void> {
  await notifyProjectEvent(client, stepEvent(projectId, row));
}

export function stepEvent(projectId: string, row: LiveStepRow): ProjectEvent {
  return { projectId, room: liveSessionRoom(row.sessionId), event: "live:step", data: { ...row } };
}

export async function notifyAgent(
  client: pg.PoolClient,
  projectId: string,
  sessionId: string,
  event: "feedback" | "control",
  data: Record<string, unknown>,
): Promise<void> {
  await notifyProjectEvent(client, {
    projectId,
    nsp: AGENT_NAMESPACE,
    room: agentRoom(sessionId),
    event,
    data: { sessionId, ...data },
  });
}
