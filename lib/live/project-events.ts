/**
 * Socket events of the project room (join and leave), and the server→browser notifications of
 * project changes. Changes are published with PostgreSQL NOTIFY inside the writer's transaction:
 * they are delivered only if it commits, and they reach the server whichever process wrote (the
 * web app, or a `limi import` next to it).
 */
import type pg from "pg";
import { defineSocketEvent, ProjectScoped } from "@/lib/live/define-socket-event";

export const projectRoom = (projectId: string) => `project:${projectId}`;
export const PROJECT_EVENTS_CHANNEL = "limi_project_events";

export const joinProject = defineSocketEvent({
  event: "project:join",
  action: "project.read",
  payload: ProjectScoped,
  async handle({ socket, project, role }) {
    await socket.join(projectRoom(project.id));
    return { projectId: project.id, role };
  },
});

export const leaveProject = defineSocketEvent({
  event: "project:leave",
  action: "project.read",
  payload: ProjectScoped,
  async handle({ socket, project }) {
    await socket.leave(projectRoom(project.id));
    return { projectId: project.id };
  },
});

/** The project's own socket events; lib/live/socket-events.ts lists every event of the app. */
export const PROJECT_SOCKET_EVENTS = [joinProject, leaveProject];

export interface ProjectEvent {
  projectId: string;
  /** A narrower room (e.g. one trajectory's); the project room when absent. */
  room?: string;
  /** The socket.io namespace of `room` (`/agent` for the agents of live sessions); `/` when absent. */
  nsp?: string;
  /** The socket.io event name sent to the project room, e.g. `trajectories:changed`. */
  event: string;
  data?: Record<string, unknown>;
}

/**
 * The NOTIFY payload of an event, for a writer that folds `pg_notify(PROJECT_EVENTS_CHANNEL, …)` into
 * its own statement (or queues several in one). NOTIFY payloads are limited to 8000 bytes; events
 * carry ids and counts, never content. One that would not fit goes out without its data (cutting
 * the text would send invalid JSON): listeners treat it as a hint to refresh.
 */
export function projectEventPayload(e: ProjectEvent): string {
  const json = JSON.stringify(e);
  if (Buffer.byteLength(json) <= 7900) return json;
  return JSON.stringify({ ...e, data: { truncated: true } });
}

/** Queues a notification on the caller's transaction; PostgreSQL delivers it at COMMIT. */
export async function notifyProjectEvent(client: pg.PoolClient | pg.Pool, e: ProjectEvent): Promise<void> {
  await client.query("SELECT pg_notify($1, $2)", [PROJECT_EVENTS_CHANNEL, projectEventPayload(e)]);
}
