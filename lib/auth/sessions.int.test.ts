import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeMember, makeProject, makeUser, sessionCookie, TEST_PASSWORD } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { verifyCredentials } from "@/lib/users/verify-credentials";
import { createUser } from "@/lib/users/create-user";
import * as members from "@/app/api/projects/[slug]/members/route";
import * as me from "@/app/api/me/route";

describe("sign-in and sessions", () => {
  it("accepts the right password and refuses a wrong one or an unknown email", async () => {
    const u = await makeUser();
    expect(await verifyCredentials(u.email, TEST_PASSWORD)).toMatchObject({ id: u.id });
    expect(await verifyCredentials(u.email.toUpperCase(), TEST_PASSWORD)).toMatchObject({ id: u.id });
    expect(await verifyCredentials(u.email, "wrong-password")).toBeNull();
    expect(await verifyCredentials("nobody@test.local", TEST_PASSWORD)).toBeNull();
  });

  it("stores a slow hash, never the password", async () => {
    const u = await makeUser();
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id }, select: { passwordHash: true } });
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.passwordHash).not.toContain(TEST_PASSWORD);
  });

  it("does not select password hashes unless asked by name", async () => {
    const u = await makeUser();
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row).not.toHaveProperty("passwordHash");
  });

  it("refuses a duplicate email with a clear conflict", async () => {
    const u = await makeUser();
    await expect(createUser({ email: u.email.toUpperCase(), password: TEST_PASSWORD })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `a user with email ${u.email} already exists`,
    });
  });

  it("treats an expired session as anonymous", async () => {
    const u = await makeUser();
    expect((await callRoute(me.GET, { cookie: await sessionCookie(u.id, 3600) })).status).toBe(200);
    expect((await callRoute(me.GET, { cookie: await sessionCookie(u.id, -10) })).status).toBe(401);
  });

  it("re-reads roles from the database: a demotion takes effect on the next request", async () => {
    const project = await makeProject();
    const admin = await makeMember(project.id, "admin");
    await makeMember(project.id, "admin");
    const cookie = await sessionCookie(admin.id);
    const add = (email: string) =>
      callRoute(members.POST, {
        method: "POST",
        params: { slug: project.slug },
        cookie,
        body: { email, role: "annotator" },
      });
    const first = await makeUser();
    expect((await add(first.email)).status).toBe(201);
    await db().membership.update({
      where: { projectId_userId: { projectId: project.id, userId: admin.id } },
      data: { role: "annotator" },
    });
    const second = await makeUser();
    const res = await add(second.email);
    expect(res.status).toBe(403);
    expect(res.json.error?.code).toBe("FORBIDDEN");
  });

  it("locks out a disabled user at once", async () => {
    const u = await makeUser();
    const cookie = await sessionCookie(u.id);
    await db().user.update({ where: { id: u.id }, data: { disabled: true } });
    expect((await callRoute(me.GET, { cookie })).status).toBe(401);
  });
});
