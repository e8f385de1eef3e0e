/** `limi`: administration and data commands. Each command's help says what it needs. */
import { Command } from "commander";
import { registerDbCommands } from "@/lib/cli/commands/db";
import { registerUserCommands } from "@/lib/cli/commands/users";
import { registerProjectCommands } from "@/lib/cli/commands/projects";
import { registerApiKeyCommands } from "@/lib/cli/commands/apikeys";
import { registerImportCommand } from "@/lib/cli/commands/import";
import { registerReparseCommand } from "@/lib/cli/commands/reparse";
import { registerQueriesCommands } from "@/lib/cli/commands/queries";
import { registerReviewCommands } from "@/lib/cli/commands/review";
import { registerReleaseCommands } from "@/lib/cli/commands/releases";
import { registerExportCommand } from "@/lib/cli/commands/export";
import { registerRecordCommand } from "@/lib/cli/record/record-command";
import { registerRunCommand } from "@/lib/cli/run/run-command";

const program = new Command("limi")
  .description("LIMI Studio command line. Uses DATABASE_URL, or the embedded PostgreSQL in .data/ when it is unset.")
  .showHelpAfterError()
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

registerDbCommands(program);
registerUserCommands(program);
registerProjectCommands(program);
registerApiKeyCommands(program);
registerImportCommand(program);
registerReparseCommand(program);
registerQueriesCommands(program);
registerReviewCommands(program);
registerReleaseCommands(program);
registerExportCommand(program);
registerRecordCommand(program);
registerRunCommand(program);

await program.parseAsync(process.argv);
