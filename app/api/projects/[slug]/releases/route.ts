import { projectRoute } from "@/lib/http/route";
import { listReleases } from "@/lib/curation/releases";

export const GET = projectRoute("trajectory.read", {}, async ({ project }) => listReleases(project.id));
