/**
 * `limi record <file|dir> --server <url> --api-key <key> [--format auto|<name>] [--query <id>]`:
 * streams a transcript as an agent writes it into a live session (lib/cli/record). Runs on the
 * collaborator's machine and needs no database: only the server's URL and a project API key.
 * Ctrl-C (or --idle-end) reads the file a last time and ends the session.
 */
import type { Command } from "commander";
import { stat } from "node:fs/promises";
import path from "node:path";
import { formatNames } from "@/lib/formats/registry";
import { FileRecorder } from "@/lib/cli/record/file-recorder";
import { DirectoryRecorder } from "@/lib/cli/record/directory-recorder";
import { defaultJournalRoot } from "@/lib/cli/record/record-journal";

interface RecordFlags {
  server: string;
  apiKey?: string;
  format: string;
  query?: string;
  journal?: string;
  idleEnd?: string;
}

export function registerRecordCommand(program: Command) {
  program
    .command("record <path>")
    .description("stream a transcript file (or each new session file of a folder) to the server as a live session")
    .requiredOption("--server <url>", "the LIMI Studio server, e.g. http://localhost:3000")
    .option("--api-key <key>", "a project API key (or LIMI_API_KEY)")
    .option("--format <name>", `auto or one of: ${formatNames().join(", ")}`, "auto")
    .option("--query <id>", "the query this session attempts")
    .option("--journal <dir>", "the recorder's journal folder (never inside the watched path)")
    .option("--idle-end <seconds>", "end the session after this long without a change to the file")
    .action(async (target: string, flags: RecordFlags) => {
      const apiKey = flags.apiKey ?? process.env.LIMI_API_KEY;
      if (!apiKey) {
        process.stderr.write("error: --api-key (or LIMI_API_KEY) is required\n");
        process.exit(2);
      }
      if (flags.format !== "auto" && !formatNames().includes(flags.format)) {
        process.stderr.write(`error: unknown format "${flags.format}"; valid: auto, ${formatNames().join(", ")}\n`);
        process.exit(2);
      }
      const info = await stat(target).catch(() => null);
      if (!info) {
        process.stderr.write(`error: ${target} does not exist\n`);
        process.exit(1);
      }
      const watched = path.resolve(target);
      const common = {
        server: flags.server,
        apiKey,
        format: flags.format,
        queryId: flags.query,
        journalRoot: path.resolve(flags.journal ?? defaultJournalRoot()),
        watched,
        log: (l: string) => process.stdout.write(`${l}\n`),
      };
      let stop: () => Promise<unknown>;
      try {
        if (info.isDirectory()) {
          const d = new DirectoryRecorder(common);
          await d.start();
          stop = () => d.stop();
        } else {
          const r = new FileRecorder({ ...common, file: watched });
          r.start();
          process.stdout.write(`journal: ${r.journal.dir}\n`);
          stop = () => r.stop();
          const idle = Number(flags.idleEnd ?? 0) * 1000;
          if (idle > 0) {
            let last = info.mtimeMs;
            let since = Date.now();
            const t = setInterval(async () => {
              const m = (await stat(watched).catch(() => null))?.mtimeMs ?? last;
              if (m !== last) [last, since] = [m, Date.now()];
              else if (Date.now() - since > idle) {
                clearInterval(t);
                await finish();
              }
            }, 1000);
          }
        }
      } catch (e) {
        process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
      }
      let finishing = false;
      const finish = async () => {
        if (finishing) return;
        finishing = true;
        try {
          await stop();
          process.exit(0);
        } catch (e) {
          process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
          process.exit(1);
        }
      };
      process.on("SIGINT", () => void finish());
      process.on("SIGTERM", () => void finish());
    });
}
