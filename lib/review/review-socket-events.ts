/**
 * Socket events of the review queues: a queue page joins the project's review room to hear claims,
 * releases and state changes (published with NOTIFY by lib/review inside its transactions), so an
 * item someone else claims disappears from my list at once.
 */
import { defineSocketEvent, ProjectScoped } from "@/lib/live/define-socket-event";
import { reviewRoom } from "@/lib/review/review-room";

export const watchReviewQueue = defineSocketEvent({
  event: "review:watch",
  action: "trajectory.read",
  payload: ProjectScoped,
  async handle({ socket, project }) {
    await socket.join(reviewRoom(project.id));
    return { projectId: project.id };
  },
});

export const unwatchReviewQueue = defineSocketEvent({
  event: "review:unwatch",
  action: "trajectory.read",
  payload: ProjectScoped,
  async handle({ socket, project }) {
    await socket.leave(reviewRoom(project.id));
    return { projectId: project.id };
  },
});

export const REVIEW_SOCKET_EVENTS = [watchReviewQueue, unwatchReviewQueue];
