/** Appends to the audit log: who did what to which object. Callers pass their transaction when they have one. */
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

/** An entry made while handling an API-key request names the key (lib/audit/audit-context.ts). */
export async function recordAudit(entry: AuditEntry, tx?: Tx): Promise<void> {
  const data = { ...entry, apiKeyId: entry.apiKeyId ?? currentApiKeyId() };
  await (tx ?? db()).auditLog.create({ data, select: { id: true } });
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
