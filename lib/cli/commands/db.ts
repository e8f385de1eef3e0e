import type { Command } from "commander";
import { applyMigrations } from "@/lib/db/migrations/apply-migrations";
import { createMigration, pendingSchemaSql } from "@/lib/db/migrations/create-migration";
import { AppError } from "@/lib/errors/app-error";
import { runAction } from "@/lib/cli/run";

export function registerDbCommands(program: Command) {
  const db = program.command("db").description("database schema and migrations");
  db.command("migrate")
    .description("apply pending migrations (offline, recorded like `prisma migrate deploy`)")
    .action(
      runAction(
        async ({ database, out }) => {
          const applied = await applyMigrations(database.url);
          out(
            applied.length
              ? `applied ${applied.length} migration(s): ${applied.join(", ")}`
              : "database schema is up to date",
          );
        },
        { schema: "any" },
      ),
    );
  db.command("migration <name>")
    .description("create a migration from the difference between prisma/migrations and schema.prisma")
    .action(
      runAction(
        async ({ database, out }, name: string) => {
          const r = await createMigration(database.url, name);
          out(
            r.directory
              ? `created ${r.directory}/migration.sql`
              : "schema.prisma matches the migrations: nothing to create",
          );
        },
        { schema: "any" },
      ),
    );
  db.command("drift")
    .description("exit 1 when schema.prisma and prisma/migrations disagree, printing the missing SQL")
    .action(
      runAction(
        async ({ database, out }) => {
          const sql = await pendingSchemaSql(database.url);
          if (sql)
            throw new AppError(
              "CONFLICT",
              `schema.prisma and prisma/migrations differ; run \`npm run db:migration -- <name>\`:\n${sql}`,
            );
          out("no drift");
        },
        { schema: "any" },
      ),
    );
}
