import type { Command } from "commander";
import { AppError } from "@/lib/errors/app-error";
import { createProject, getProjectBySlug } from "@/lib/projects/projects";
import { addMember, RoleSchema } from "@/lib/projects/members";
import { findUserByEmail } from "@/lib/users/create-user";
import { ROLES } from "@/lib/auth/permissions";
import { runAction } from "@/lib/cli/run";

async function requireUser(email: string) {
  const u = await findUserByEmail(email);
  if (!u)
    throw new AppError(
      "NOT_FOUND",
      `no user with email ${email}; create one with \`limi user create --email ${email} --password ...\``,
      { location: { field: "email" } },
    );
  return u;
}

export function parseRole(value: string) {
  const r = RoleSchema.safeParse(value);
  if (!r.success)
    throw new AppError("VALIDATION", `invalid role "${value}": must be one of ${ROLES.join(", ")}`, {
      location: { field: "role" },
    });
  return r.data;
}

export function registerProjectCommands(program: Command) {
  program
    .command("project")
    .description("projects")
    .command("create")
    .description("create a project")
    .requiredOption("--slug <slug>", "short name used in URLs and commands (lower-case, digits, dashes)")
    .requiredOption("--name <name>", "display name")
    .option("--description <text>", "what the project collects", "")
    .option("--owner <email>", "user who becomes the project's admin")
    .action(
      runAction(async ({ out }, opts: { slug: string; name: string; description: string; owner?: string }) => {
        const owner = opts.owner ? await requireUser(opts.owner) : null;
        const p = await createProject(
          { slug: opts.slug, name: opts.name, description: opts.description },
          owner?.id ?? null,
        );
        out(`created project ${p.slug}${owner ? ` (admin: ${owner.email})` : ""}`);
      }),
    );

  program
    .command("member")
    .description("project membership")
    .command("add")
    .description("add an existing user to a project with a role")
    .requiredOption("--project <slug>", "project slug")
    .requiredOption("--email <email>", "the user's email")
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
    .action(
      runAction(async ({ out }, opts: { project: string; email: string; role: string }) => {
        const role = parseRole(opts.role);
        const project = await getProjectBySlug(opts.project);
        const user = await requireUser(opts.email);
        await addMember(project.id, { email: user.email, role }, null);
        out(`added ${user.email} to ${project.slug} as ${role}`);
      }),
    );
}
