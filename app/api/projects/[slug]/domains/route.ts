import { projectRoute } from "@/lib/http/route";
import { DomainsSchema, projectDomains, setProjectDomains } from "@/lib/queries/domains";

export const GET = projectRoute("query.read", {}, async ({ project }) => ({
  domains: await projectDomains(project.id),
}));

export const PUT = projectRoute("project.update", { body: DomainsSchema }, async ({ project, body }) => ({
  domains: await setProjectDomains(project.id, body.domains),
}));
