import type { Command } from "commander";
import { createUser } from "@/lib/users/create-user";
import { runAction } from "@/lib/cli/run";

export function registerUserCommands(program: Command) {
  const user = program.command("user").description("user accounts");
  user
    .command("create")
    .description("create a user account")
    .requiredOption("--email <email>", "sign-in email")
    .requiredOption("--password <password>", "initial password (8 characters or more)")
    .option("--name <name>", "display name (default: the email's local part)")
    .option("--admin", "make the user an instance administrator", false)
    .action(
      runAction(async ({ out }, opts: { email: string; password: string; name?: string; admin: boolean }) => {
        const u = await createUser({
          email: opts.email,
          password: opts.password,
          name: opts.name,
          isAdmin: opts.admin,
        });
        out(`created user ${u.email}${u.isAdmin ? " (instance admin)" : ""} id=${u.id}`);
      }),
    );
}
