/**
 * Queries as JSONL, one per line: `{text, domain, difficulty?, tags?, status?, source?, provenance?}`.
 * Import is all-or-nothing and names the line of the first bad record; export writes the same shape.
 */
import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { projectDomains } from "@/lib/queries/domains";
import { DIFFICULTIES, QUERY_SOURCES, QUERY_STATUSES } from "@/lib/queries/query-service";
import { recordAudit } from "@/lib/audit/record-audit";
import { can, type Role } from "@/lib/auth/permissions";
import { roleCannot } from "@/lib/auth/forbidden-message";

const LineSchema = z.object({
  text: z.string().trim().min(1, "is empty"),
  domain: z.string().trim().min(1),
  difficulty: z.enum(DIFFICULTIES).nullish(),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  status: z.enum(QUERY_STATUSES).default("candidate"),
  source: z.enum(QUERY_SOURCES).default("imported"),
  provenance: z.record(z.string(), z.unknown()).nullish(),
});

/**
 * `actor.role` decides whether lines may carry a decision: a file of `accepted` queries from a
 * role without `query.decide` would be an accept by another door. The CLI acts as the operator
 * (no role: every status allowed).
 */
export async function importQueriesJsonl(
  projectId: string,
  text: string,
  filename: string,
  actor: { id: string | null; role: Role | null },
): Promise<{ imported: number }> {
  const mayDecide = actor.role === null || can(actor.role, "query.decide");
  const domains = await projectDomains(projectId);
  const rows: z.infer<typeof LineSchema>[] = [];
  const lines = text.split("\n");
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    if (!raw.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      throw new AppError(
        "VALIDATION",
        `${filename} line ${line}: invalid JSON (${e instanceof Error ? e.message : String(e)}); nothing was imported`,
        { location: { file: filename, line } },
      );
    }
    const parsed = LineSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.join(".") || "record";
      throw new AppError(
        "VALIDATION",
        `${filename} line ${line} field ${field}: ${issue.message}; nothing was imported`,
        { location: { file: filename, line, field } },
      );
    }
    if (parsed.data.status !== "candidate" && actor.role !== null && !mayDecide) {
      throw new AppError(
        "FORBIDDEN",
        `${filename} line ${line} field status: ${roleCannot(actor.role, `import ${parsed.data.status} queries, only candidates`)} Nothing was imported.`,
        { location: { file: filename, line, field: "status" } },
      );
    }
    if (!domains.includes(parsed.data.domain)) {
      throw new AppError(
        "VALIDATION",
        `${filename} line ${line} field domain: unknown domain "${parsed.data.domain}"; this project's domains are: ${domains.join(", ")}; nothing was imported`,
        { location: { file: filename, line, field: "domain" } },
      );
    }
    rows.push(parsed.data);
  }
  if (!rows.length)
    throw new AppError("VALIDATION", `${filename}: no queries found (expected one JSON object per line)`, {
      location: { file: filename },
    });
  await db().$transaction(async (tx) => {
    await tx.query.createMany({
      data: rows.map((r) => ({
        projectId,
        text: r.text,
        domain: r.domain,
        difficulty: r.difficulty ?? null,
        tags: r.tags,
        status: r.status,
        source: r.source,
        provenance: (r.provenance ?? undefined) as Prisma.InputJsonValue | undefined,
        authorId: actor.id,
      })),
    });
    await recordAudit(
      {
        projectId,
        actorId: actor.id,
        action: "query.import",
        targetType: "Query",
        data: { count: rows.length, file: filename },
      },
      tx,
    );
  });
  return { imported: rows.length };
}

export async function* exportQueriesJsonl(
  projectId: string,
  status?: (typeof QUERY_STATUSES)[number],
): AsyncGenerator<string> {
  let cursor: string | undefined;
  for (;;) {
    const page = await db().query.findMany({
      where: { projectId, ...(status ? { status } : {}) },
      orderBy: { id: "asc" },
      take: 500,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: {
        id: true,
        text: true,
        domain: true,
        difficulty: true,
        tags: true,
        status: true,
        source: true,
        provenance: true,
      },
    });
    if (!page.length) return;
    for (const q of page)
      yield `${JSON.stringify({ id: q.id, text: q.text, domain: q.domain, difficulty: q.difficulty, tags: q.tags, status: q.status, source: q.source, provenance: q.provenance })}\n`;
    cursor = page[page.length - 1].id;
  }
}
