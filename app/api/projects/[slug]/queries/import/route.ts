import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { importQueriesJsonl } from "@/lib/queries/query-jsonl";

const MAX_BYTES = 32 * 1024 * 1024;

/** A JSONL body, one query per line; all or nothing. Lines with a decided status need query.decide. */
export const POST = projectRoute(
  "query.write",
  { query: z.object({ filename: z.string().max(200).default("queries.jsonl") }) },
  async ({ req, project, actor, role, query }) => {
    if (Number(req.headers.get("content-length") ?? 0) > MAX_BYTES)
      throw new AppError("PAYLOAD_TOO_LARGE", `the query file is over ${MAX_BYTES / 1024 / 1024} MiB`);
    return withStatus(
      201,
      await importQueriesJsonl(project.id, await req.text(), query.filename, { id: actor.user.id, role }),
    );
  },
);
