import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { readBodyText } from "@/lib/http/read-body";
import { importQueriesJsonl } from "@/lib/queries/query-jsonl";

const MAX_BYTES = 32 * 1024 * 1024;

/** A JSONL body, one query per line; all or nothing. Lines with a decided status need query.decide. */
export const POST = projectRoute(
  "query.write",
  { query: z.object({ filename: z.string().max(200).default("queries.jsonl") }) },
  async ({ req, project, actor, role, query }) => {
    const text = await readBodyText(req, MAX_BYTES, "the query file");
    return withStatus(201, await importQueriesJsonl(project.id, text, query.filename, { id: actor.user.id, role }));
  },
);
