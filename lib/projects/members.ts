/**
 * Project membership. Admins add members by email; when no account exists for that email the
 * caller supplies a name and an initial password and the account is created in the same
 * transaction (the app sends no email, so this is how people join).
 */
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { ROLES } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { evictActor } from "@/lib/live/evict-actor";
import { createUser } from "@/lib/users/create-user";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";

export const RoleSchema = z.enum(ROLES, { error: () => `must be one of ${ROLES.join(", ")}` });

export const AddMemberSchema = z.object({
  email: z.string().trim().toLowerCase().email("must be an email address"),
  role: RoleSchema,
  name: z.string().trim().min(1).max(120).optional(),
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(200)
    .optional(),
});

const MEMBER_SELECT = {
  id: true,
  role: true,
  createdAt: true,
  user: { select: { id: true, email: true, name: true } },
} as const;

export async function listMembers(projectId: string) {
  return db().membership.findMany({ where: { projectId }, orderBy: { createdAt: "asc" }, select: MEMBER_SELECT });
}

/**
 * Adds a member, creating the account when none exists. `mayCreateAccount` is false for API keys:
 * an account made by a key would outlive the key's revocation, so only people create accounts.
 */
export async function addMember(
  projectId: string,
  input: z.input<typeof AddMemberSchema>,
  actorId: string | null,
  opts: { mayCreateAccount?: boolean } = {},
) {
  const data = AddMemberSchema.parse(input);
  return db().$transaction(async (tx) => {
    let user = await tx.user.findUnique({ where: { email: data.email }, select: { id: true } });
    if (!user) {
      if (opts.mayCreateAccount === false)
        throw new AppError(
          "FORBIDDEN",
          `no account exists for ${data.email}, and an API key cannot create accounts: a signed-in admin must add this person`,
          { location: { field: "email" } },
        );
      if (!data.password) {
        throw new AppError(
          "VALIDATION",
          `no account exists for ${data.email}: give a name and an initial password to create one`,
          { location: { field: "password" } },
        );
      }
      user = await createUser({ email: data.email, password: data.password, name: data.name }, tx);
    }
    try {
      const m = await tx.membership.create({
        data: { projectId, userId: user.id, role: data.role },
        select: MEMBER_SELECT,
      });
      await recordAudit(
        { projectId, actorId, action: "member.add", targetType: "User", targetId: user.id, data: { role: data.role } },
        tx,
      );
      return m;
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
        throw new AppError("CONFLICT", `${data.email} is already a member of this project`, {
          location: { field: "email" },
        });
      }
      throw e;
    }
  });
}

async function assertNotLastAdmin(projectId: string, userId: string) {
  const admins = await db().membership.findMany({ where: { projectId, role: "admin" }, select: { userId: true } });
  if (admins.length === 1 && admins[0].userId === userId) {
    throw new AppError("CONFLICT", "a project must keep at least one admin");
  }
}

export async function changeMemberRole(
  projectId: string,
  userId: string,
  role: z.infer<typeof RoleSchema>,
  actorId: string,
) {
  const current = await db().membership.findUnique({
    where: { projectId_userId: { projectId, userId } },
    select: { role: true },
  });
  if (!current) throw new AppError("NOT_FOUND", `user ${userId} is not a member of this project`);
  if (current.role === "admin" && role !== "admin") await assertNotLastAdmin(projectId, userId);
  const updated = await db().$transaction(async (tx) => {
    const m = await tx.membership.update({
      where: { projectId_userId: { projectId, userId } },
      data: { role },
      select: MEMBER_SELECT,
    });
    await recordAudit(
      {
        projectId,
        actorId,
        action: "member.role",
        targetType: "User",
        targetId: userId,
        data: { from: current.role, to: role },
      },
      tx,
    );
    return m;
  });
  // Their sockets (and their keys') reconnect and join again under the new role.
  await evictActor({ userId, projectId, reason: "your role in the project changed" });
  return updated;
}

export async function removeMember(projectId: string, userId: string, actorId: string) {
  const current = await db().membership.findUnique({
    where: { projectId_userId: { projectId, userId } },
    select: { role: true },
  });
  if (!current) throw new AppError("NOT_FOUND", `user ${userId} is not a member of this project`);
  if (current.role === "admin") await assertNotLastAdmin(projectId, userId);
  await db().$transaction(async (tx) => {
    await tx.membership.delete({ where: { projectId_userId: { projectId, userId } } });
    await recordAudit({ projectId, actorId, action: "member.remove", targetType: "User", targetId: userId }, tx);
  });
  await evictActor({ userId, projectId, reason: "you were removed from the project" });
}
