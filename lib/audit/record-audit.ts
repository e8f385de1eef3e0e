/** Appends to the audit log: who did what to which object. Callers pass their transaction when they have one. */
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

export async function recordAudit(entry: AuditEntry, tx?: Tx): Promise<void> {
  await (tx ?? db()).auditLog.create({ data: entry, select: { id: true } });
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
