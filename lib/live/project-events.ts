/** Socket events of the project room: join and leave. Later capabilities add their own files. */
import { defineSocketEvent, ProjectScoped } from "@/lib/live/socket-event";

export const projectRoom = (projectId: string) => `project:${projectId}`;

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

/** Every socket event of the app, for binding and for the authorization matrix test. */
export const SOCKET_EVENTS = [joinProject, leaveProject];
