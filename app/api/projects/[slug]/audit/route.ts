import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { listAudit } from "@/lib/audit/record-audit";

const Query = z.object({ take: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().optional() });

export const GET = projectRoute("audit.read", { query: Query }, async ({ project, query }) => ({
  entries: await listAudit(project.id, query),
}));
