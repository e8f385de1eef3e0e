/** `limi`: administration and data commands. Each command's help says what it needs. */
import { Command } from "commander";

type Register = (program: Command) => void;

// Each top-level command's module is loaded only when that command runs: a command's imports
// (Prisma, pg-boss, parquet, the tokenizers) cost seconds at start-up, and one invocation needs one
// of them. `limi`, `limi --help` and an unknown command load them all, to list them.
const COMMANDS: Record<string, () => Promise<Register>> = {
  db: async () => (await import("@/lib/cli/commands/db")).registerDbCommands,
  user: async () => (await import("@/lib/cli/commands/users")).registerUserCommands,
  project: async () => (await import("@/lib/cli/commands/projects")).registerProjectCommands,
  apikey: async () => (await import("@/lib/cli/commands/apikeys")).registerApiKeyCommands,
  import: async () => (await import("@/lib/cli/commands/import")).registerImportCommand,
  reparse: async () => (await import("@/lib/cli/commands/reparse")).registerReparseCommand,
  queries: async () => (await import("@/lib/cli/commands/queries")).registerQueriesCommands,
  review: async () => (await import("@/lib/cli/commands/review")).registerReviewCommands,
  release: async () => (await import("@/lib/cli/commands/releases")).registerReleaseCommands,
  export: async () => (await import("@/lib/cli/commands/export")).registerExportCommand,
  record: async () => (await import("@/lib/cli/record/record-command")).registerRecordCommand,
  run: async () => (await import("@/lib/cli/run/run-command")).registerRunCommand,
};

const program = new Command("limi")
  .description("LIMI Studio command line. Uses DATABASE_URL, or the embedded PostgreSQL in .data/ when it is unset.")
  .showHelpAfterError()
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

const wanted = process.argv[2];
const names = wanted !== undefined && Object.hasOwn(COMMANDS, wanted) ? [wanted] : Object.keys(COMMANDS);
for (const register of await Promise.all(names.map((n) => COMMANDS[n]()))) register(program);

await program.parseAsync(process.argv);
