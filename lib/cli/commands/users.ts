import type { Command } from "commander";
import { createUser } from "@/lib/users/create-user";
import { runAction } from "@/lib/cli/run";
import {
  findUserIdByEmail,
  listUsers,
  PasswordResetSchema,
  resetPassword,
  setUserDisabled,
  UserListQuerySchema,
} from "@/lib/users/manage-users";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";

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

  user
    .command("list")
    .description("list user accounts")
    .option("--status <status>", "all, enabled or disabled", "all")
    .option("--search <text>", "only emails or names containing this")
    .option("--json", "one JSON object per line", false)
    .action(
      runAction(async ({ out }, opts: { status: string; search?: string; json: boolean }) => {
        let cursor: string | undefined;
        do {
          const page = await listUsers(
            UserListQuerySchema.parse({ status: opts.status, q: opts.search, take: 200, cursor }),
          );
          for (const u of page.users)
            out(
              opts.json
                ? JSON.stringify(u)
                : `${u.email}\t${u.name}\t${u.disabled ? "disabled" : "enabled"}${u.isAdmin ? "\tinstance admin" : ""}\t${u.projects} projects`,
            );
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
      }),
    );
  for (const [name, disabled] of [
    ["disable", true],
    ["enable", false],
  ] as const)
    user
      .command(name)
      .description(
        disabled ? "disable an account: it cannot sign in, and its sessions end at once" : "enable an account again",
      )
      .requiredOption("--email <email>", "the account's email")
      .action(
        runAction(async ({ out }, opts: { email: string }) => {
          const u = await setUserDisabled(null, await findUserIdByEmail(opts.email), disabled);
          out(`${u.email} is ${u.disabled ? "disabled" : "enabled"}`);
        }),
      );
  user
    .command("reset-password")
    .description("set a new password for an account; its sessions end")
    .requiredOption("--email <email>", "the account's email")
    .requiredOption("--password <password>", `the new password (${PASSWORD_MIN_LENGTH} characters or more)`)
    .action(
      runAction(async ({ out }, opts: { email: string; password: string }) => {
        const { password } = PasswordResetSchema.parse({ password: opts.password });
        await resetPassword(null, await findUserIdByEmail(opts.email), password);
        out(`password of ${opts.email.trim().toLowerCase()} reset; its sessions have ended`);
      }),
    );
}
