/** Every socket event of the app, for binding and for the authorization tests. */
import { PROJECT_SOCKET_EVENTS } from "@/lib/live/project-events";
import { editStep, focusStep, joinTrajectory, leaveTrajectory } from "@/lib/live/presence";
import { LIVE_WATCH_EVENTS } from "@/lib/live/ingest/watch-events";
import { REVIEW_SOCKET_EVENTS } from "@/lib/review/review-socket-events";
import { CURATION_SOCKET_EVENTS } from "@/lib/curation/curation-socket-events";

export const SOCKET_EVENTS = [
  ...PROJECT_SOCKET_EVENTS,
  joinTrajectory,
  focusStep,
  editStep,
  leaveTrajectory,
  ...REVIEW_SOCKET_EVENTS,
  ...CURATION_SOCKET_EVENTS,
  ...LIVE_WATCH_EVENTS,
];
