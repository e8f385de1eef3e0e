import { Readable } from "node:stream";
import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { exportQueriesJsonl } from "@/lib/queries/query-jsonl";
import { QUERY_STATUSES } from "@/lib/queries/query-service";

export const dynamic = "force-dynamic";

async function* bytes(lines: AsyncIterable<string>) {
  for await (const line of lines) yield Buffer.from(line);
}

export const GET = projectRoute(
  "query.read",
  { query: z.object({ status: z.enum(QUERY_STATUSES).optional() }) },
  async ({ project, query }) =>
    new Response(Readable.toWeb(Readable.from(bytes(exportQueriesJsonl(project.id, query.status)))) as ReadableStream, {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="${project.slug}-queries${query.status ? `-${query.status}` : ""}.jsonl"`,
      },
    }),
);
