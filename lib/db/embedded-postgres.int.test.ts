/**
 * The embedded PostgreSQL: a generated superuser password kept 0600 in the data folder, and an
 * orphan (its starter killed with -9) adopted and stopped by the next run instead of leaking.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "limi-embedded-"));
  await chmod(dir, 0o755);
  dirs.push(dir);
  return dir;
}

const canConnect = async (url: string) => {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
};

const postmaster = (dir: string) =>
  Number(readFileSync(path.join(dir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("embedded PostgreSQL", () => {
  it("generates its superuser password into the data folder, readable by this user only", async () => {
    const dir = await dataDir();
    const handle = await startEmbeddedPostgres({ dataDir: dir, preferredPort: await freePort() });
    try {
      const file = path.join(dir, "postgres-password");
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const password = readFileSync(file, "utf8").trim();
      expect(password.length).toBeGreaterThanOrEqual(24);
      expect(password).not.toBe("limi-local");
      expect(handle.serverUrl).toContain(encodeURIComponent(password));
      expect(await canConnect(handle.serverUrl)).toBe(true);
      expect(await canConnect(handle.serverUrl.replace(encodeURIComponent(password), "limi-local"))).toBe(false);
    } finally {
      await handle.stop();
    }
  });

  it("adopts a server whose starter was killed, and stops it when done", async () => {
    const dir = await dataDir();
    const first = await startEmbeddedPostgres({ dataDir: dir, preferredPort: await freePort() });
    const pid = postmaster(dir);
    // The starter dies without stopping it (kill -9): its owner record names a process that is gone.
    const child = spawn(process.execPath, ["-e", ""]);
    await new Promise((r) => child.on("exit", r));
    await writeFile(path.join(dir, "postgres.owner"), String(child.pid));

    const next = await startEmbeddedPostgres({ dataDir: dir, preferredPort: await freePort() });
    expect(next.owned).toBe(true);
    expect(next.port).toBe(first.port);
    expect(await canConnect(next.serverUrl)).toBe(true);
    await next.stop();
    expect(running(pid)).toBe(false);
    expect(existsSync(path.join(dir, "postgres", "postmaster.pid"))).toBe(false);
  });

  it("connects without owning it while its starter is alive", async () => {
    const dir = await dataDir();
    const first = await startEmbeddedPostgres({ dataDir: dir, preferredPort: await freePort() });
    try {
      const second = await startEmbeddedPostgres({ dataDir: dir, preferredPort: await freePort() });
      expect(second.owned).toBe(false);
      expect(second.serverUrl).toBe(first.serverUrl);
    } finally {
      await first.stop();
    }
  });
});
