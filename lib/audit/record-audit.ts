/**
 * The audit log: who did what to which object. An audit row is written in the transaction of the
 * change it records, so the log never names a change that rolled back and no committed change
 * lacks its row. `recordAudit` therefore requires a transaction: a Prisma interactive-transaction
 * client (`db().$transaction(async (tx) => …)`) or the `pg` client of `withPgTransaction` (the
 * import and revision paths).
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Prisma } from "@/lib/db/generated/client";
import { db, type Tx } from "@/lib/db/client";
import { currentApiKeyId } from "@/lib/audit/audit-context";

export interface AuditEntry {
  projectId?: string | null;
  actorId?: string | null;
  apiKeyId?: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  data?: Prisma.InputJsonValue;
}

/** A transaction to write in: Prisma's `tx` or a `pg` client inside BEGIN … COMMIT. */
export type AuditTx = Tx | pg.PoolClient;

const isPgClient = (tx: AuditTx): tx is pg.PoolClient => !("auditLog" in tx);

/** An entry made while handling an API-key request names the key (lib/audit/audit-context.ts). */
export async function recordAudit(entry: AuditEntry, tx: AuditTx): Promise<void> {
  const data = { ...entry, apiKeyId: entry.apiKeyId ?? currentApiKeyId() ?? null };
  if (isPgClient(tx)) {
    await tx.query(
      `INSERT INTO "AuditLog" ("id","projectId","actorId","apiKeyId","action","targetType","targetId","data") VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [
        randomUUID(),
        data.projectId ?? null,
        data.actorId ?? null,
        data.apiKeyId,
        data.action,
        data.targetType,
        data.targetId ?? null,
        data.data === undefined ? null : JSON.stringify(data.data),
      ],
    );
    return;
  }
  await tx.auditLog.create({ data, select: { id: true } });
}

export async function listAudit(projectId: string, opts: { take: number; cursor?: string }) {
  return db().auditLog.findMany({
    where: { projectId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.take,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      data: true,
      createdAt: true,
      apiKeyId: true,
      actor: { select: { email: true, name: true } },
    },
  });
}
