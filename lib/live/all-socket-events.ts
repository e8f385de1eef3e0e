/** Every socket event of the app, for binding and for the authorization tests. */
import { PROJECT_SOCKET_EVENTS } from "@/lib/live/project-events";
import { focusStep, joinTrajectory, leaveTrajectory } from "@/lib/live/presence";

export const SOCKET_EVENTS = [...PROJECT_SOCKET_EVENTS, joinTrajectory, focusStep, leaveTrajectory];
