import { AppError } from "@/lib/errors/app-error";
import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { receiveUpload, removeReceived } from "@/lib/import/receive-upload";
import { readPrFile } from "@/lib/queries/pull-requests/pr-file";
import { createPrImport, listPrImports, PrFilterParamsSchema } from "@/lib/queries/pull-requests/pr-import-service";

export const dynamic = "force-dynamic";

export const GET = projectRoute("query.read", {}, async ({ project }) => ({
  imports: await listPrImports(project.id),
}));

/**
 * A PR file (JSON array or JSONL) as a multipart part `file` or a raw body with ?filename=.
 * Git repositories are read by the CLI (`limi queries prs --repo`), never by the server on request.
 */
export const POST = projectRoute(
  "query.decide",
  { query: PrFilterParamsSchema.passthrough() },
  async ({ req, project, actor, query }) => {
    if (
      (req.headers.get("content-type") ?? "").startsWith("application/json") &&
      !new URL(req.url).searchParams.has("filename")
    ) {
      throw new AppError(
        "VALIDATION",
        "to import from a git repository use the CLI: npx limi queries prs --repo <path> --range <rev-range> --project <slug>; upload a PR file here",
        { location: { field: "file" } },
      );
    }
    const files = await receiveUpload(req, { maxFileBytes: 64 * 1024 * 1024, maxFiles: 1 });
    try {
      const prs = await readPrFile(files[0].path, { displayName: files[0].name });
      const { maxPatchTokens, excludeDocsOnly, singleFileOnly, maxPerRepo, seed } = query;
      return withStatus(201, {
        import: await createPrImport(project.id, {
          prs,
          sourceKind: "file",
          sourceName: files[0].name,
          filters: { maxPatchTokens, excludeDocsOnly, singleFileOnly, maxPerRepo, seed },
          actorId: actor.user.id,
        }),
      });
    } finally {
      await removeReceived(files);
    }
  },
);
