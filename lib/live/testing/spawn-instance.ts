/** Tests and bench: starts lib/live/testing/app-instance.ts as a child process and waits for READY. */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@/lib/db/embedded-postgres";

export interface AppInstance {
  name: string;
  url: string;
  child: ChildProcess;
  /** SIGKILL: a crash, nothing cleaned up. */
  kill(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCRIPT = path.resolve(HERE, "app-instance.ts");

export async function spawnInstance(name: string, env: Record<string, string | undefined>): Promise<AppInstance> {
  // bench/live.ts: LIMI_CPU_PROF_DIR profiles each instance (written when it stops with SIGTERM).
  const profile = process.env.LIMI_CPU_PROF_DIR
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.LIMI_CPU_PROF_DIR}`]
    : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", SCRIPT], {
    cwd: path.resolve(HERE, "../../.."),
    env: { ...process.env, LIMI_DEMO: "false", PORT: String(await freePort()), NODE_ENV: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const errors: string[] = [];
  child.stderr!.on("data", (d: Buffer) => {
    errors.push(d.toString());
    if (process.env.LIMI_TEST_VERBOSE) process.stderr.write(`[${name}] ${d}`);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`instance ${name} did not start in 60 s: ${errors.join("")}`)), 60_000);
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(Number(m[1]));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(t);
      reject(new Error(`instance ${name} exited with ${code}: ${errors.join("")}`));
    });
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { name, url: `http://127.0.0.1:${port}`, child, kill: () => end("SIGKILL"), stop: () => end("SIGTERM") };
}
