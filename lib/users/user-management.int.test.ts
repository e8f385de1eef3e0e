// User management (issue 17, Medium 7) and sessions that end on the server (Low: sign-out).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeUser, sessionCookie, TEST_PASSWORD, uid } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { encode } from "next-auth/jwt";
import { authSecret } from "@/lib/auth/auth-secret";
import { verifyCredentials } from "@/lib/users/verify-credentials";
import pg from "pg";
import { endSessions } from "@/lib/users/sessions";
import { EVICTIONS_CHANNEL } from "@/lib/live/evict-actor";
import * as me from "@/app/api/me/route";
import * as myPassword from "@/app/api/me/password/route";
import * as users from "@/app/api/users/route";
import * as oneUser from "@/app/api/users/[userId]/route";
import * as userPassword from "@/app/api/users/[userId]/password/route";

/** A cookie as next-auth issues it at sign-in: with the user's current session version. */
async function signedIn(userId: string): Promise<string> {
  const { sessionVersion } = await db().user.findUniqueOrThrow({
    where: { id: userId },
    select: { sessionVersion: true },
  });
  const token = await encode({ token: { sub: userId, sv: sessionVersion }, secret: authSecret(), maxAge: 3600 });
  return `next-auth.session-token=${token}`;
}

/** Collects the socket evictions published (on every instance's channel) while `fn` runs. */
async function evictionsDuring(fn: () => Promise<void>): Promise<string[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const seen: string[] = [];
  client.on("notification", (n) => {
    const e = JSON.parse(n.payload ?? "{}") as { userId?: string; reason?: string };
    seen.push(`${e.userId}:${e.reason}`);
  });
  await client.query(`LISTEN ${EVICTIONS_CHANNEL}`);
  try {
    await fn();
    await new Promise((r) => setTimeout(r, 200));
  } finally {
    await client.end();
  }
  return seen;
}

const meStatus = async (cookie: string) => (await callRoute(me.GET, { cookie })).status;

describe("sessions end on the server", () => {
  it("sign-out (ending sessions) voids a token that has not expired yet; a new sign-in works", async () => {
    const u = await makeUser();
    const cookie = await signedIn(u.id);
    expect(await meStatus(cookie)).toBe(200);
    await endSessions(u.id);
    expect(await meStatus(cookie)).toBe(401);
    expect(await meStatus(await signedIn(u.id))).toBe(200);
  });
});

describe("instance admins manage users", () => {
  it("lists users with search, status filter and pages", async () => {
    const admin = await makeUser({ isAdmin: true });
    const tag = uid();
    for (let i = 0; i < 3; i++) await makeUser({ email: `list-${tag}-${i}@test.local` });
    const cookie = await signedIn(admin.id);
    const first = await callRoute(users.GET, { cookie, path: `/?q=list-${tag}&take=2` });
    expect(first.status).toBe(200);
    expect((first.json.users as Array<{ email: string }>).map((x) => x.email)).toEqual([
      `list-${tag}-0@test.local`,
      `list-${tag}-1@test.local`,
    ]);
    const second = await callRoute(users.GET, {
      cookie,
      path: `/?q=list-${tag}&take=2&cursor=${first.json.nextCursor}`,
    });
    expect((second.json.users as Array<{ email: string }>).map((x) => x.email)).toEqual([`list-${tag}-2@test.local`]);
    expect(second.json.nextCursor).toBeNull();
  });

  it("disabling ends the user's sessions at once, evicts their sockets on every instance, refuses sign-in; enabling does not revive old sessions", async () => {
    const admin = await makeUser({ isAdmin: true });
    const u = await makeUser();
    const cookie = await signedIn(u.id);
    const adminCookie = await signedIn(admin.id);
    let res: Awaited<ReturnType<typeof callRoute>> | undefined;
    const ended = await evictionsDuring(async () => {
      res = await callRoute(oneUser.PATCH, {
        method: "PATCH",
        params: { userId: u.id },
        cookie: adminCookie,
        body: { disabled: true },
      });
    });
    expect(res!.status).toBe(200);
    expect(res!.json.user).toMatchObject({ id: u.id, disabled: true });
    expect(ended).toEqual([`${u.id}:your account was disabled`]);
    expect(await meStatus(cookie)).toBe(401);
    expect(await verifyCredentials(u.email, TEST_PASSWORD)).toBeNull();

    const enable = await callRoute(oneUser.PATCH, {
      method: "PATCH",
      params: { userId: u.id },
      cookie: adminCookie,
      body: { disabled: false },
    });
    expect(enable.json.user).toMatchObject({ disabled: false });
    expect(await meStatus(cookie)).toBe(401);
    expect(await verifyCredentials(u.email, TEST_PASSWORD)).toMatchObject({ id: u.id });

    const audit = await db().auditLog.findMany({
      where: { targetId: u.id },
      orderBy: { createdAt: "asc" },
      select: { action: true, actorId: true },
    });
    expect(audit).toEqual([
      { action: "user.disable", actorId: admin.id },
      { action: "user.enable", actorId: admin.id },
    ]);
  });

  it("refuses disabling oneself, and names an unknown user", async () => {
    const admin = await makeUser({ isAdmin: true });
    const cookie = await signedIn(admin.id);
    const self = await callRoute(oneUser.PATCH, {
      method: "PATCH",
      params: { userId: admin.id },
      cookie,
      body: { disabled: true },
    });
    expect(self.status).toBe(409);
    const unknown = await callRoute(oneUser.PATCH, {
      method: "PATCH",
      params: { userId: "nope" },
      cookie,
      body: { disabled: true },
    });
    expect(unknown.status).toBe(404);
  });

  it("resets a password: the old one stops working, the user's sessions end, it is audited", async () => {
    const admin = await makeUser({ isAdmin: true });
    const u = await makeUser();
    const cookie = await signedIn(u.id);
    const res = await callRoute(userPassword.POST, {
      method: "POST",
      params: { userId: u.id },
      cookie: await signedIn(admin.id),
      body: { password: "brand-new-password" },
    });
    expect(res.status).toBe(204);
    expect(await meStatus(cookie)).toBe(401);
    expect(await verifyCredentials(u.email, TEST_PASSWORD)).toBeNull();
    expect(await verifyCredentials(u.email, "brand-new-password")).toMatchObject({ id: u.id });
    expect(
      await db().auditLog.count({ where: { targetId: u.id, action: "user.password.reset", actorId: admin.id } }),
    ).toBe(1);
    const short = await callRoute(userPassword.POST, {
      method: "POST",
      params: { userId: u.id },
      cookie: await signedIn(admin.id),
      body: { password: "short" },
    });
    expect(short.status).toBe(422);
    expect(short.json.error).toMatchObject({ location: { field: "password" } });
  });

  it("is for instance admins only", async () => {
    const u = await makeUser();
    const other = await makeUser();
    const cookie = await sessionCookie(u.id);
    expect((await callRoute(users.GET, { cookie })).status).toBe(403);
    expect(
      (
        await callRoute(oneUser.PATCH, {
          method: "PATCH",
          params: { userId: other.id },
          cookie,
          body: { disabled: true },
        })
      ).status,
    ).toBe(403);
  });
});

describe("users change their own password", () => {
  it("needs the current password; then every session ends and the new password signs in", async () => {
    const u = await makeUser();
    const cookie = await signedIn(u.id);
    const wrong = await callRoute(myPassword.PUT, {
      method: "PUT",
      cookie,
      body: { currentPassword: "wrong-one", newPassword: "my-new-password" },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error).toMatchObject({ location: { field: "currentPassword" } });
    expect(await meStatus(cookie)).toBe(200);
    const ok = await callRoute(myPassword.PUT, {
      method: "PUT",
      cookie,
      body: { currentPassword: TEST_PASSWORD, newPassword: "my-new-password" },
    });
    expect(ok.status).toBe(204);
    expect(await meStatus(cookie)).toBe(401);
    expect(await verifyCredentials(u.email, "my-new-password")).toMatchObject({ id: u.id });
    expect(await db().auditLog.count({ where: { targetId: u.id, action: "user.password.change" } })).toBe(1);
  });
});

describe("limi user list|disable|enable|reset-password", () => {
  const run = promisify(execFile);
  const BIN = path.resolve(__dirname, "../cli/limi.mjs");
  async function limi(...args: string[]) {
    try {
      const r = await run(process.execPath, [BIN, ...args], {
        env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
      });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  }

  it("manages an account from the command line", async () => {
    const u = await makeUser({ email: `cli-mgmt-${uid()}@test.local` });
    const cookie = await signedIn(u.id);
    const dis = await limi("user", "disable", "--email", u.email);
    expect(dis).toMatchObject({ code: 0, stdout: `${u.email} is disabled\n` });
    expect(await meStatus(cookie)).toBe(401);
    const list = await limi("user", "list", "--status", "disabled", "--search", u.email);
    expect(list.stdout).toContain(`${u.email}\t`);
    expect(list.stdout).toContain("\tdisabled");
    expect((await limi("user", "enable", "--email", u.email)).stdout).toBe(`${u.email} is enabled\n`);
    const reset = await limi("user", "reset-password", "--email", u.email, "--password", "cli-new-password");
    expect(reset.code).toBe(0);
    expect(await verifyCredentials(u.email, "cli-new-password")).toMatchObject({ id: u.id });
    const unknown = await limi("user", "disable", "--email", "nobody-here@test.local");
    expect(unknown).toMatchObject({ code: 1, stderr: "error: no user with email nobody-here@test.local\n" });
  }, 180_000); // five CLI processes, each starting tsx
});
