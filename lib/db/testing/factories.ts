/**
 * Test factories: each test makes its own users and projects with unique names, so tests never
 * depend on each other or on order.
 */
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { db } from "@/lib/db/client";
import { createUser } from "@/lib/users/create-user";
import { createProject } from "@/lib/projects/projects";
import type { Role } from "@/lib/auth/permissions";
import { authSecret } from "@/lib/auth/auth-secret";

export const uid = () => randomBytes(4).toString("hex");
export const TEST_PASSWORD = "test-password-1";

export async function makeUser(opts: { isAdmin?: boolean; email?: string } = {}) {
  return createUser({
    email: opts.email ?? `u-${uid()}@test.local`,
    password: TEST_PASSWORD,
    isAdmin: opts.isAdmin ?? false,
  });
}

export async function makeProject(slug = `p-${uid()}`) {
  return createProject({ slug, name: `Project ${slug}` }, null);
}

export async function makeMember(projectId: string, role: Role) {
  const user = await makeUser();
  await db().membership.create({ data: { projectId, userId: user.id, role }, select: { id: true } });
  return user;
}

/** A session cookie exactly as next-auth would set it after sign-in. */
export async function sessionCookie(userId: string, maxAge = 3600): Promise<string> {
  const token = await encode({ token: { sub: userId }, secret: authSecret(), maxAge });
  return `next-auth.session-token=${token}`;
}
