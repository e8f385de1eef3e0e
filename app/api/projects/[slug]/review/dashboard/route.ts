import { projectRoute } from "@/lib/http/route";
import { reviewDashboard } from "@/lib/review/review-dashboard";

export const GET = projectRoute("trajectory.read", {}, async ({ project }) => reviewDashboard(project.id));
