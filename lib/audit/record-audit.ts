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

export async function recordAudit(entry: AuditEntry, tx: AuditTx): Promise<void> {
  if (isPgClient(tx)) {
    await tx.query(
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
    return;
  }
  await tx.auditLog.create({ data: entry, select: { id: true } });
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
      actor: { select: { email: true, name: true } },
    },
  });
}
