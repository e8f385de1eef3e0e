/**
 * The audit row for writers that hold a plain `pg` transaction (revisions, import, review): the same
 * row as recordAudit, written on the caller's connection so it commits or rolls back with the change.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { AuditEntry } from "@/lib/audit/record-audit";

export async function recordAuditSql(client: pg.PoolClient, entry: AuditEntry): Promise<void> {
  await client.query(
    `INSERT INTO "AuditLog" ("id","projectId","actorId","apiKeyId","action","targetType","targetId","data") VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [
      randomUUID(),
      entry.projectId ?? null,
      entry.actorId ?? null,
      entry.apiKeyId ?? null,
      entry.action,
      entry.targetType,
      entry.targetId ?? null,
      entry.data === undefined ? null : JSON.stringify(entry.data),
    ],
  );
}
