/**
 * On an empty database (no users), `npm start` creates a demo admin, one user per role, and a demo
 * project with a handful of trajectories, then prints the sign-in. Nothing happens when any user
 * exists, so a real instance is never touched.
 */
import { db } from "@/lib/db/client";
import { createUser } from "@/lib/users/create-user";
import { createProject } from "@/lib/projects/projects";
import { addMember } from "@/lib/projects/members";
import { storeTrajectory } from "@/lib/trajectory/store-trajectory";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { computeTokenStats } from "@/lib/tokens/stats";
import { getTokenizer } from "@/lib/tokens/registry";
import { demoTrajectories } from "@/lib/demo/demo-trajectories";
import type { Role } from "@/lib/auth/permissions";

export const DEMO_PASSWORD = "limi-demo";
export const DEMO_ADMIN_EMAIL = "admin@limi.local";
export const DEMO_PROJECT_SLUG = "demo";
const DEMO_MEMBERS: Array<[string, Role]> = [
  ["annotator@limi.local", "annotator"],
  ["reviewer@limi.local", "reviewer"],
  ["lead@limi.local", "lead"],
];

export async function seedDemoIfEmpty(): Promise<{ email: string; password: string; projectSlug: string } | null> {
  if ((await db().user.count()) > 0) return null;
  const admin = await createUser({ email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD, name: "Demo Admin", isAdmin: true });
  const project = await createProject({ slug: DEMO_PROJECT_SLUG, name: "Demo: agentic curation", description: "A handful of generated trajectories to try the app with." }, admin.id);
  for (const [email, role] of DEMO_MEMBERS) {
    await addMember(project.id, { email, role, name: `Demo ${role}`, password: DEMO_PASSWORD }, admin.id);
  }
  const tokenizer = getTokenizer();
  await withPgTransaction(async (client) => {
    for (const { parsed, domain } of demoTrajectories()) {
      await storeTrajectory(client, { projectId: project.id, parsed, stats: computeTokenStats(parsed.steps, parsed.tools, tokenizer), createdById: admin.id, domain });
    }
  });
  return { email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD, projectSlug: project.slug };
}
