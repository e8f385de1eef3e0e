/**
 * Project API keys for scripts and agents. A key is 32 random bytes shown once; only its sha256
 * is stored (the key has full entropy, so a slow hash adds nothing). It acts with a role chosen at
 * creation, never above its creator's, and stops working when the creator loses access.
 */
import { createHash, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { evictActor } from "@/lib/live/evict-actor";
import { roleRank, type Role } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";

export const API_KEY_PREFIX = "limi_";

export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

export async function createApiKey(input: {
  projectId: string;
  name: string;
  role: Role;
  creatorId: string;
  creatorRole: Role;
}) {
  if (roleRank(input.role) > roleRank(input.creatorRole)) {
    throw new AppError("FORBIDDEN", `a ${input.creatorRole} cannot create a key with the ${input.role} role`, {
      location: { field: "role" },
    });
  }
  const secret = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return db().$transaction(async (tx) => {
    const key = await tx.apiKey.create({
      data: {
        projectId: input.projectId,
        name: input.name,
        role: input.role,
        prefix: secret.slice(0, 12),
        keyHash: hashApiKey(secret),
        createdById: input.creatorId,
      },
      select: { id: true, name: true, prefix: true, role: true, createdAt: true },
    });
    await recordAudit(
      {
        projectId: input.projectId,
        actorId: input.creatorId,
        action: "apikey.create",
        targetType: "ApiKey",
        targetId: key.id,
        data: { name: key.name, role: key.role },
      },
      tx,
    );
    return { ...key, secret };
  });
}

export async function listApiKeys(projectId: string) {
  return db().apiKey.findMany({
    where: { projectId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      role: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdBy: { select: { email: true, name: true } },
    },
  });
}

export async function revokeApiKey(projectId: string, keyId: string, actorId: string) {
  await db().$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({
      where: { id: keyId, projectId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (!count) throw new AppError("NOT_FOUND", `API key ${keyId} not found in this project (or already revoked)`);
    await recordAudit({ projectId, actorId, action: "apikey.revoke", targetType: "ApiKey", targetId: keyId }, tx);
  });
  // Its open sockets, on every instance, end now (not only at their next event).
  await evictActor({ apiKeyId: keyId, reason: "the API key was revoked" });
}

/** The key's row when the presented secret is a live key; null otherwise. */
export async function findLiveApiKey(secret: string) {
  if (!secret.startsWith(API_KEY_PREFIX)) return null;
  const key = await db().apiKey.findUnique({
    where: { keyHash: hashApiKey(secret) },
    select: { id: true, projectId: true, role: true, createdById: true, revokedAt: true, lastUsedAt: true },
  });
  if (!key || key.revokedAt) return null;
  // Touch at most once a minute: a busy script should not turn every read into a write.
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
    await db().apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() }, select: { id: true } });
  }
  return key;
}
