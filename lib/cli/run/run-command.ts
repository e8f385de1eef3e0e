/**
 * `limi run --server <url> --api-key <key> --workdir <dir> [--query <id> | --task "<text>"]`: the
 * collaborative runner (lib/cli/run/agent-runner.ts). The model endpoint comes from the
 * environment: LLM_BASE_URL, LLM_API_KEY, LLM_MODEL (any OpenAI-compatible chat endpoint). The shell
 * tool is not sandboxed: run it in a container or VM (README "Runner").
 */
import type { Command } from "commander";
import { stat } from "node:fs/promises";
import path from "node:path";
import { AgentRunner } from "@/lib/cli/run/agent-runner";

interface RunFlags {
  server: string;
  apiKey?: string;
  workdir: string;
  query?: string;
  task?: string;
  maxTurns: string;
}

export function registerRunCommand(program: Command) {
  program
    .command("run")
    .description("run an agent on a task in a working directory, streamed live so the team can watch and steer it")
    .requiredOption("--server <url>", "the LIMI Studio server, e.g. http://localhost:3000")
    .option("--api-key <key>", "a project API key (or LIMI_API_KEY)")
    .requiredOption("--workdir <dir>", "the directory the agent works in (its file tools cannot leave it)")
    .option("--query <id>", "work this query of the project")
    .option("--task <text>", "or work this task")
    .option("--max-turns <n>", "model turns at most", "50")
    .action(async (flags: RunFlags) => {
      const apiKey = flags.apiKey ?? process.env.LIMI_API_KEY;
      const usage = (m: string) => {
        process.stderr.write(`error: ${m}\n`);
        process.exit(2);
      };
      if (!apiKey) return usage("--api-key (or LIMI_API_KEY) is required");
      if (!flags.query === !flags.task) return usage("give exactly one of --query and --task");
      const { LLM_BASE_URL, LLM_API_KEY, LLM_MODEL } = process.env;
      if (!LLM_BASE_URL || !LLM_MODEL) return usage("set LLM_BASE_URL and LLM_MODEL (and LLM_API_KEY if needed)");
      const workdir = path.resolve(flags.workdir);
      if (!(await stat(workdir).catch(() => null))?.isDirectory()) return usage(`${workdir} is not a directory`);
      const runner = new AgentRunner({
        server: flags.server,
        apiKey,
        workdir,
        queryId: flags.query,
        task: flags.task,
        llm: { baseUrl: LLM_BASE_URL, apiKey: LLM_API_KEY, model: LLM_MODEL },
        maxTurns: Number(flags.maxTurns),
      });
      try {
        const r = await runner.run();
        process.stdout.write(`trajectory ${r.trajectoryId}${r.stopped ? " (stopped from the browser)" : ""}\n`);
        process.exit(0);
      } catch (e) {
        process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
      }
    });
}
