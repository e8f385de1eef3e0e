/**
 * The check next to the data: which role the actor has in a project, read from the database now,
 * and whether the permission table lets that role do the action. Non-members get 404 rather than
 * 403, so project slugs do not leak to outsiders.
 */
import { forbiddenMessage } from "@/lib/auth/forbidden-message";
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { can, roleRank, type Action, type Role } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";

export interface ProjectRef {
  id: string;
  slug: string;
  name: string;
}

export interface ProjectAccess {
  project: ProjectRef;
  role: Role;
}

async function userRole(userId: string, isAdmin: boolean, projectId: string): Promise<Role | null> {
  // Instance admins run the instance: they are admins of every project.
  if (isAdmin) return "admin";
  const m = await db().membership.findUnique({
    where: { projectId_userId: { projectId, userId } },
    select: { role: true },
  });
  return m?.role ?? null;
}

export async function projectRole(actor: Actor, projectId: string): Promise<Role | null> {
  const role = await userRole(actor.user.id, actor.user.isAdmin, projectId);
  if (actor.kind === "user" || !role) return role;
  if (actor.projectId !== projectId) return null;
  // A key acts with its own role, capped by what its creator may do today.
  return roleRank(actor.keyRole) <= roleRank(role) ? actor.keyRole : role;
}

export async function requireProjectAccess(actor: Actor, slug: string, action: Action): Promise<ProjectAccess> {
  const project = await db().project.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  const role = project ? await projectRole(actor, project.id) : null;
  if (!project || !role) throw new AppError("NOT_FOUND", `project "${slug}" not found`);
  if (!can(role, action)) throw new AppError("FORBIDDEN", forbiddenMessage(role, action));
  return { project, role };
}
