/**
 * User management: instance admins list, disable, enable and reset passwords; users change their
 * own password. Every change is audited in the same transaction, and a disable or a password change
 * ends the user's sessions (lib/users/sessions.ts) and tells the live server (open sockets close).
 * An admin cannot disable themselves, and the last enabled instance admin cannot be disabled.
 */
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { hashPassword, PASSWORD_MIN_LENGTH, verifyPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { announceSessionsEnded, endSessions } from "@/lib/users/sessions";

const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200, "must be at most 200 characters");

export const UserListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(["all", "enabled", "disabled"]).default("all"),
  take: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});
export const UserStatusSchema = z.object({ disabled: z.boolean() });
export const PasswordResetSchema = z.object({ password: Password });
export const PasswordChangeSchema = z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password });

const USER_ROW = {
  id: true,
  email: true,
  name: true,
  isAdmin: true,
  disabled: true,
  createdAt: true,
  _count: { select: { memberships: true } },
} as const;

export async function listUsers(query: z.infer<typeof UserListQuerySchema>) {
  const rows = await db().user.findMany({
    where: {
      ...(query.q
        ? {
            OR: [
              { email: { contains: query.q, mode: "insensitive" } },
              { name: { contains: query.q, mode: "insensitive" } },
            ],
          }
        : {}),
      ...(query.status === "all" ? {} : { disabled: query.status === "disabled" }),
    },
    orderBy: [{ email: "asc" }, { id: "asc" }],
    take: query.take + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    select: USER_ROW,
  });
  const page = rows.slice(0, query.take);
  return {
    users: page.map(({ _count, ...u }) => ({ ...u, projects: _count.memberships })),
    nextCursor: rows.length > query.take ? page[page.length - 1].id : null,
  };
}

async function findUser(userId: string) {
  const u = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, isAdmin: true, disabled: true },
  });
  if (!u) throw new AppError("NOT_FOUND", `user ${userId} not found`, { location: { field: "userId" } });
  return u;
}

export async function setUserDisabled(actorId: string | null, userId: string, disabled: boolean) {
  const user = await findUser(userId);
  if (disabled && userId === actorId)
    throw new AppError("CONFLICT", "you cannot disable your own account: ask another administrator");
  const row = await db().$transaction(async (tx) => {
    if (disabled && user.isAdmin) {
      const others = await tx.user.count({ where: { isAdmin: true, disabled: false, id: { not: userId } } });
      if (others === 0) throw new AppError("CONFLICT", "the last enabled instance administrator cannot be disabled");
    }
    const updated = await tx.user.update({ where: { id: userId }, data: { disabled }, select: USER_ROW });
    if (disabled) await endSessions(userId, tx);
    await recordAudit(
      {
        actorId,
        action: disabled ? "user.disable" : "user.enable",
        targetType: "User",
        targetId: userId,
        data: { email: user.email },
      },
      tx,
    );
    return updated;
  });
  if (disabled) await announceSessionsEnded(userId, "disabled");
  const { _count, ...u } = row;
  return { ...u, projects: _count.memberships };
}

export async function resetPassword(actorId: string | null, userId: string, password: string) {
  const user = await findUser(userId);
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } });
    await endSessions(userId, tx);
    await recordAudit(
      { actorId, action: "user.password.reset", targetType: "User", targetId: userId, data: { email: user.email } },
      tx,
    );
  });
  await announceSessionsEnded(userId, "password-reset");
}

/** Changing one's own password ends every session, this one too: the page signs in again. */
export async function changeOwnPassword(userId: string, input: z.infer<typeof PasswordChangeSchema>) {
  const row = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(input.currentPassword, row.passwordHash)))
    throw new AppError("VALIDATION", "the current password is wrong", { location: { field: "currentPassword" } });
  const passwordHash = await hashPassword(input.newPassword);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } });
    await endSessions(userId, tx);
    await recordAudit({ actorId: userId, action: "user.password.change", targetType: "User", targetId: userId }, tx);
  });
  await announceSessionsEnded(userId, "password-changed");
}

export async function findUserIdByEmail(email: string): Promise<string> {
  const u = await db().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  if (!u)
    throw new AppError("NOT_FOUND", `no user with email ${email.trim().toLowerCase()}`, {
      location: { field: "email" },
    });
  return u.id;
}
