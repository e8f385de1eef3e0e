import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { getTrajectoryDetail } from "@/lib/trajectory/trajectory-detail";

const Params = z.object({ slug: z.string(), trajectoryId: z.string().min(1) });

export const GET = projectRoute("trajectory.read", { params: Params }, async ({ project, params }) =>
  getTrajectoryDetail(project.id, params.trajectoryId),
);
