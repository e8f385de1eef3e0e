import { Readable } from "node:stream";
import { projectRoute } from "@/lib/http/route";
import { ExportParams } from "@/lib/http/route-params";
import { attachmentDisposition } from "@/lib/http/content-disposition";
import { exportZip, zipName } from "@/lib/export/start-export";

export const dynamic = "force-dynamic";

/** A finished export as a deterministic zip, streamed; 409 while it is not done. */
export const GET = projectRoute("export.create", { params: ExportParams }, async ({ project, params }) => {
  const { stream, row } = await exportZip(project.id, params.exportId);
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": attachmentDisposition(zipName(project.slug, row)),
    },
  });
});
