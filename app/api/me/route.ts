import { userRoute } from "@/lib/http/route";
import { listProjectsFor } from "@/lib/projects/projects";

export const GET = userRoute({}, async ({ actor }) => ({
  user: actor.user,
  projects: await listProjectsFor(actor.user),
}));
