import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { getPrImport } from "@/lib/queries/pull-requests/pr-import-service";

const Params = z.object({ slug: z.string(), importId: z.string().min(1) });
const Query = z.object({
  kept: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});

export const GET = projectRoute("query.read", { params: Params, query: Query }, async ({ project, params, query }) =>
  getPrImport(project.id, params.importId, query.kept),
);
