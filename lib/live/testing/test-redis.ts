/**
 * A Redis for one test run: `REDIS_URL` when set (keys under a prefix of the run's own), else
 * Debian's `redis-server` started on a free loopback port with nothing saved, stopped afterwards,
 * as the tests start an embedded PostgreSQL. `.ci/run` installs redis-server when it is missing.
 */
import { spawn } from "node:child_process";
import net from "node:net";
import { randomBytes } from "node:crypto";
import { freePort } from "@/lib/db/embedded-postgres";

export interface TestRedis {
  url: string;
  /** REDIS_PREFIX for this run, so a shared Redis keeps runs apart. */
  prefix: string;
  stop(): Promise<void>;
}

export async function startTestRedis(): Promise<TestRedis> {
  const prefix = `limi-test-${randomBytes(4).toString("hex")}`;
  const external = process.env.REDIS_URL;
  if (external) return { url: external, prefix, stop: async () => undefined };
  const port = await freePort();
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    child.once("error", (e) =>
      reject(new Error(`could not start redis-server (apt-get install redis-server, or set REDIS_URL): ${e.message}`)),
    );
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${output.join("")}`)));
    child.stderr.on("data", (d: Buffer) => output.push(d.toString()));
    child.stdout.on("data", (d: Buffer) => output.push(d.toString()));
    // Ready when it answers on its port.
    const started = Date.now();
    const probe = () => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => {
        s.end();
        resolve();
      });
      s.once("error", () => {
        if (Date.now() - started > 10_000) reject(new Error("redis-server did not answer within 10 s"));
        else setTimeout(probe, 50);
      });
    };
    probe();
  });
  child.removeAllListeners("exit");
  return {
    url: `redis://127.0.0.1:${port}`,
    prefix,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
