/**
 * The runner's tools, under the SII CLI's names. File tools act only inside the workdir: a path is
 * resolved against it, and the real path of the file (or of its nearest existing parent, for a
 * file being created) must lie inside the workdir's real path, so neither `..` nor a symlink leads
 * out. `run_shell_command` runs `bash -c` in the workdir with a timeout and an output cap; it is
 * NOT sandboxed (README "Runner" says how to contain it).
 */
import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, realpath, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { glob } from "tinyglobby";

export const TOOL_LIMITS = { shellTimeoutMs: 60_000, outputChars: 30_000, readChars: 200_000, searchMatches: 200 };

export class ToolError extends Error {}

export interface ToolOutcome {
  output: string;
  isError: boolean;
}

async function nearestExisting(p: string): Promise<string> {
  for (let cur = p; ; cur = path.dirname(cur)) {
    try {
      return path.join(await realpath(cur), path.relative(cur, p));
    } catch {
      if (path.dirname(cur) === cur) throw new ToolError(`cannot resolve ${p}`);
    }
  }
}

/** The absolute path of `p` inside `workdir`, or a ToolError naming the escape. */
export async function insideWorkdir(workdir: string, p: unknown): Promise<string> {
  if (typeof p !== "string" || !p) throw new ToolError("a path is required");
  const root = await realpath(workdir);
  const wanted = path.resolve(root, p);
  const real = await nearestExisting(wanted);
  const rel = path.relative(root, real);
  if (rel.startsWith("..") || path.isAbsolute(rel))
    throw new ToolError(`${p} is outside the working directory ${root}; the file tools only act inside it`);
  return real;
}

const cap = (s: string, n = TOOL_LIMITS.outputChars) =>
  s.length > n ? `${s.slice(0, n)}\n[... ${s.length - n} more characters cut]` : s;

function runShell(workdir: string, command: string, timeoutMs: number): Promise<ToolOutcome> {
  return new Promise((resolve) => {
    const child = spawn("bash", ["-c", command], { cwd: workdir, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let out = "";
    const add = (c: Buffer) => {
      if (out.length < TOOL_LIMITS.outputChars * 2) out += c.toString("utf8");
    };
    child.stdout.on("data", add);
    child.stderr.on("data", add);
    let timedOut = false;
    const t = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(t);
      const tail = timedOut ? `\n[timed out after ${timeoutMs} ms]` : `\n[exit code ${code}]`;
      resolve({ output: cap(out) + tail, isError: timedOut || code !== 0 });
    });
  });
}

type Args = Record<string, unknown>;
const str = (a: Args, ...names: string[]) => {
  for (const n of names) if (typeof a[n] === "string") return a[n] as string;
  throw new ToolError(`missing argument ${names[0]}`);
};

export const TOOL_DEFINITIONS = [
  {
    name: "run_shell_command",
    description: "Run a bash command in the working directory (not sandboxed; output capped, timed out).",
    parameters: { type: "object", properties: { command: { type: "string" } }, required: ["command"] },
  },
  {
    name: "read_file",
    description: "Read a text file inside the working directory.",
    parameters: { type: "object", properties: { absolute_path: { type: "string" } }, required: ["absolute_path"] },
  },
  {
    name: "write_file",
    description: "Write a text file inside the working directory (parents are created).",
    parameters: {
      type: "object",
      properties: { file_path: { type: "string" }, content: { type: "string" } },
      required: ["file_path", "content"],
    },
  },
  {
    name: "replace",
    description: "Replace one exact occurrence of old_string with new_string in a file.",
    parameters: {
      type: "object",
      properties: { file_path: { type: "string" }, old_string: { type: "string" }, new_string: { type: "string" } },
      required: ["file_path", "old_string", "new_string"],
    },
  },
  {
    name: "list_directory",
    description: "List a directory inside the working directory.",
    parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
  },
  {
    name: "glob",
    description: "Find files matching a glob pattern inside the working directory.",
    parameters: { type: "object", properties: { pattern: { type: "string" } }, required: ["pattern"] },
  },
  {
    name: "search_file_content",
    description: "Search files for a regular expression; answers file:line: text.",
    parameters: {
      type: "object",
      properties: { pattern: { type: "string" }, path: { type: "string" } },
      required: ["pattern"],
    },
  },
];

export async function runTool(workdir: string, name: string, args: Args): Promise<ToolOutcome> {
  try {
    switch (name) {
      case "run_shell_command":
        return await runShell(workdir, str(args, "command"), TOOL_LIMITS.shellTimeoutMs);
      case "read_file": {
        const p = await insideWorkdir(workdir, str(args, "absolute_path", "path", "file_path"));
        return { output: cap(await readFile(p, "utf8"), TOOL_LIMITS.readChars), isError: false };
      }
      case "write_file": {
        const p = await insideWorkdir(workdir, str(args, "file_path", "path"));
        await mkdir(path.dirname(p), { recursive: true });
        await writeFile(p, str(args, "content"));
        return { output: `wrote ${path.relative(await realpath(workdir), p)}`, isError: false };
      }
      case "replace": {
        const p = await insideWorkdir(workdir, str(args, "file_path", "path"));
        const text = await readFile(p, "utf8");
        const old = str(args, "old_string");
        const at = text.indexOf(old);
        if (at < 0) throw new ToolError("old_string was not found in the file");
        if (text.indexOf(old, at + 1) >= 0) throw new ToolError("old_string occurs more than once; make it unique");
        await writeFile(p, text.slice(0, at) + str(args, "new_string") + text.slice(at + old.length));
        return { output: "replaced 1 occurrence", isError: false };
      }
      case "list_directory": {
        const p = await insideWorkdir(workdir, typeof args.path === "string" ? args.path : ".");
        const entries = await readdir(p, { withFileTypes: true });
        return { output: entries.map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).join("\n"), isError: false };
      }
      case "glob": {
        const root = await realpath(workdir);
        const pattern = str(args, "pattern");
        if (path.isAbsolute(pattern) || pattern.split("/").includes(".."))
          throw new ToolError("the pattern must be relative to the working directory, without ..");
        const files = await glob(pattern, { cwd: root, followSymbolicLinks: false, dot: false });
        return { output: files.sort().join("\n") || "(no match)", isError: false };
      }
      case "search_file_content": {
        const root = await insideWorkdir(workdir, typeof args.path === "string" ? args.path : ".");
        const re = new RegExp(str(args, "pattern"));
        const files = (await stat(root)).isDirectory()
          ? (await glob("**/*", { cwd: root, followSymbolicLinks: false })).map((f) => path.join(root, f))
          : [root];
        const hits: string[] = [];
        for (const f of files) {
          const text = await readFile(f, "utf8").catch(() => "");
          text.split("\n").forEach((line, i) => {
            if (hits.length < TOOL_LIMITS.searchMatches && re.test(line))
              hits.push(`${path.relative(root, f) || path.basename(f)}:${i + 1}: ${line}`);
          });
        }
        return { output: hits.join("\n") || "(no match)", isError: false };
      }
      default:
        throw new ToolError(`unknown tool ${name}`);
    }
  } catch (e) {
    if (e instanceof ToolError) return { output: `error: ${e.message}`, isError: true };
    return { output: `error: ${e instanceof Error ? e.message : String(e)}`, isError: true };
  }
}
