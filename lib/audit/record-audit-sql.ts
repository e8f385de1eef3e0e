/**
 * The audit row for writers that hold a plain `pg` transaction (revisions, import, review): the same
 * row as recordAudit, written on the caller's connection so it commits or rolls back with the change.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { AuditEntry } from "@/lib/audit/record-audit";

const COLUMNS = `"id","projectId","actorId","apiKeyId","action","targetType","targetId","data"`;

/**
 * The same row as an INSERT to fold into a larger statement (a data-modifying CTE of a writer that
 * keeps its change and its audit row in one round trip); its parameters are numbered from `first`.
 * `when` is an SQL condition (e.g. `EXISTS (SELECT 1 FROM done)`): the row is written only with the
 * change it records.
 */
export function auditRowSql(entry: AuditEntry, first: number, when?: string): { sql: string; params: unknown[] } {
  const params = [
    randomUUID(),
    entry.projectId ?? null,
    entry.actorId ?? null,
    entry.apiKeyId ?? null,
    entry.action,
    entry.targetType,
    entry.targetId ?? null,
    entry.data === undefined ? null : JSON.stringify(entry.data),
  ];
  const values = params.map((_, i) => `$${first + i}::${i === 7 ? "jsonb" : "text"}`).join(",");
  return { sql: `INSERT INTO "AuditLog" (${COLUMNS}) SELECT ${values}${when ? ` WHERE ${when}` : ""}`, params };
}

export async function recordAuditSql(client: pg.PoolClient, entry: AuditEntry): Promise<void> {
  const { sql, params } = auditRowSql(entry, 1);
  await client.query(sql, params);
}
