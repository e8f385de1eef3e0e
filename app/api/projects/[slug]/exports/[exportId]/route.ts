import { projectRoute } from "@/lib/http/route";
import { ExportParams } from "@/lib/http/route-params";
import { showExport } from "@/lib/export/start-export";

export const dynamic = "force-dynamic";

/** One export: status, progress, and once done its files with size and sha256. */
export const GET = projectRoute("export.create", { params: ExportParams }, async ({ project, params }) =>
  showExport(project.id, params.exportId),
);
