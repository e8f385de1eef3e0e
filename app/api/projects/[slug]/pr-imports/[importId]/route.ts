import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { PrImportParams } from "@/lib/http/route-params";
import { getPrImport } from "@/lib/queries/pull-requests/pr-import-service";

const Query = z.object({
  kept: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});

export const GET = projectRoute(
  "query.read",
  { params: PrImportParams, query: Query },
  async ({ project, params, query }) => getPrImport(project.id, params.importId, query.kept),
);
