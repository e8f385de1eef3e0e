import { Readable } from "node:stream";
import { AppError } from "@/lib/errors/app-error";
import { projectRoute } from "@/lib/http/route";
import { TrajectoryParams } from "@/lib/http/route-params";
import { findTrajectorySource } from "@/lib/import/trajectory-source";
import { openSource } from "@/lib/import/source-store";
import { attachmentDisposition } from "@/lib/http/content-disposition";

export const dynamic = "force-dynamic";

/** The original file a trajectory was imported from, decompressed, as a download. */
export const GET = projectRoute("trajectory.read", { params: TrajectoryParams }, async ({ project, params }) => {
  const source = await findTrajectorySource(project.id, params.trajectoryId);
  const stream = openSource(source.sha256);
  if (!stream) throw new AppError("NOT_FOUND", "the original file is no longer in the data folder");
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(source.size),
      "content-disposition": attachmentDisposition(source.filename),
    },
  });
});
