/** Projects: creation (the creator becomes its admin) and the caller's project list with roles. */
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Role } from "@/lib/auth/permissions";

export const ProjectSlugSchema = z
  .string()
  .trim()
  .min(2, "must be at least 2 characters")
  .max(48)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "use lower-case letters, digits and dashes");

export const NewProjectSchema = z.object({
  slug: ProjectSlugSchema,
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).default(""),
});

/** The creator, when given, becomes the project's first admin (the CLI may create ownerless projects). */
export async function createProject(input: z.input<typeof NewProjectSchema>, creatorId: string | null) {
  const data = NewProjectSchema.parse(input);
  try {
    return await db().$transaction(async (tx) => {
      const project = await tx.project.create({
        data,
        select: { id: true, slug: true, name: true, description: true, createdAt: true },
      });
      if (creatorId)
        await tx.membership.create({
          data: { projectId: project.id, userId: creatorId, role: "admin" },
          select: { id: true },
        });
      await recordAudit(
        {
          projectId: project.id,
          actorId: creatorId,
          action: "project.create",
          targetType: "Project",
          targetId: project.id,
        },
        tx,
      );
      return project;
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new AppError("CONFLICT", `a project with slug "${data.slug}" already exists`, {
        location: { field: "slug" },
      });
    }
    throw e;
  }
}

export interface ProjectWithRole {
  id: string;
  slug: string;
  name: string;
  description: string;
  role: Role;
  trajectoryCount: number;
}

export async function listProjectsFor(user: { id: string; isAdmin: boolean }): Promise<ProjectWithRole[]> {
  const rows = await db().project.findMany({
    where: user.isAdmin ? {} : { memberships: { some: { userId: user.id } } },
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      memberships: { where: { userId: user.id }, select: { role: true } },
      _count: { select: { trajectories: true } },
    },
  });
  return rows.map((p) => ({
    id: p.id,
    slug: p.slug,
    name: p.name,
    description: p.description,
    role: user.isAdmin ? "admin" : (p.memberships[0]?.role ?? "annotator"),
    trajectoryCount: p._count.trajectories,
  }));
}

export async function getProjectBySlug(slug: string) {
  const p = await db().project.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, description: true, tokenizer: true, createdAt: true },
  });
  if (!p) throw new AppError("NOT_FOUND", `project "${slug}" not found`, { location: { field: "project" } });
  return p;
}

export const ProjectUpdateSchema = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  description: z.string().trim().max(2000).optional(),
});

export async function updateProject(projectId: string, input: z.infer<typeof ProjectUpdateSchema>, actorId: string) {
  return db().$transaction(async (tx) => {
    const p = await tx.project.update({
      where: { id: projectId },
      data: input,
      select: { id: true, slug: true, name: true, description: true },
    });
    await recordAudit(
      { projectId, actorId, action: "project.update", targetType: "Project", targetId: projectId, data: input },
      tx,
    );
    return p;
  });
}
