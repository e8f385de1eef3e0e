import type { Command } from "commander";
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { createApiKey } from "@/lib/auth/api-keys";
import { getProjectBySlug } from "@/lib/projects/projects";
import { findUserByEmail } from "@/lib/users/create-user";
import { runAction } from "@/lib/cli/run";
import { parseRole } from "@/lib/cli/commands/projects";
import type { Role } from "@/lib/auth/permissions";

/** The key's creator caps its role; from the CLI that is --user, or else the oldest instance admin. */
async function creatorFor(projectId: string, email?: string): Promise<{ id: string; role: Role }> {
  const user = email
    ? await findUserByEmail(email)
    : await db().user.findFirst({
        where: { isAdmin: true, disabled: false },
        orderBy: { createdAt: "asc" },
        select: { id: true, isAdmin: true },
      });
  if (!user)
    throw new AppError(
      "NOT_FOUND",
      email ? `no user with email ${email}` : "no instance administrator exists; pass --user <email>",
    );
  if (user.isAdmin) return { id: user.id, role: "admin" };
  const m = await db().membership.findUnique({
    where: { projectId_userId: { projectId, userId: user.id } },
    select: { role: true },
  });
  if (!m) throw new AppError("FORBIDDEN", `${email} is not a member of this project`);
  return { id: user.id, role: m.role };
}

export function registerApiKeyCommands(program: Command) {
  program
    .command("apikey")
    .description("project API keys")
    .command("create")
    .description("create a project API key; the secret is printed once")
    .requiredOption("--project <slug>", "project slug")
    .option("--name <name>", "what the key is for", "cli")
    .option("--role <role>", "role the key acts with", "annotator")
    .option("--user <email>", "the key's creator (default: the first instance admin)")
    .option("--json", "print the key as JSON", false)
    .action(
      runAction(
        async ({ out }, opts: { project: string; name: string; role: string; user?: string; json: boolean }) => {
          const role = parseRole(opts.role);
          const project = await getProjectBySlug(opts.project);
          const creator = await creatorFor(project.id, opts.user);
          const key = await createApiKey({
            projectId: project.id,
            name: opts.name,
            role,
            creatorId: creator.id,
            creatorRole: creator.role,
          });
          if (opts.json)
            out(
              JSON.stringify({
                id: key.id,
                name: key.name,
                role: key.role,
                prefix: key.prefix,
                secret: key.secret,
                project: project.slug,
              }),
            );
          else out(`${key.secret}\n(role ${key.role} in ${project.slug}; store it now, it is not shown again)`);
        },
      ),
    );
}
