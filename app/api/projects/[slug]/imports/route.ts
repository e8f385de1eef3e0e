import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { env } from "@/lib/env";
import { importFiles } from "@/lib/import/import-files";
import { summarize } from "@/lib/import/import-result";
import { receiveUpload, removeReceived } from "@/lib/import/receive-upload";
import { checkImportTargets, ImportParamsSchema } from "@/lib/import/import-params";

export const dynamic = "force-dynamic";

const Query = ImportParamsSchema.extend({ filename: z.string().optional() });

/** Files are received to disk first, then imported (two at a time), each in its own transaction. */
export const POST = projectRoute("trajectory.import", { query: Query }, async ({ req, project, actor, query }) => {
  await checkImportTargets(project.id, query);
  const files = await receiveUpload(req, { maxFileBytes: env().IMPORT_MAX_UPLOAD_MB * 1024 * 1024, maxFiles: 1000 });
  try {
    const results = await importFiles(files, {
      projectId: project.id,
      actorId: actor.user.id,
      apiKeyId: actor.kind === "apiKey" ? actor.keyId : null,
      format: query.format,
      domain: query.domain ?? null,
      queryId: query.queryId ?? null,
    });
    const summary = summarize(results);
    return withStatus(summary.rejected ? 422 : 200, { results, summary });
  } finally {
    await removeReceived(files);
  }
});
