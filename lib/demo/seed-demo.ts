/**
 * On an empty database (no users), `npm start` creates a demo admin, one user per role, and a demo
 * project with a handful of trajectories (three approved after review, lib/demo/demo-reviews.ts), then prints the sign-in. Nothing happens when any user
 * exists, so a real instance is never touched.
 */
import { db } from "@/lib/db/client";
import { createUser } from "@/lib/users/create-user";
import { createProject } from "@/lib/projects/projects";
import { addMember } from "@/lib/projects/members";
import { storeTrajectory } from "@/lib/trajectory/store/insert-trajectory";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { computeTokenStats } from "@/lib/tokens/stats";
import { getTokenizer } from "@/lib/tokens/registry";
import { demoTrajectories } from "@/lib/demo/demo-trajectories";
import type { Role } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/db/generated/client";
import { DEMO_HUMAN_QUERIES, DEMO_PRS, DEMO_SYNTHESISED } from "@/lib/demo/demo-queries";
import { createPrImport } from "@/lib/queries/pull-requests/pr-import-service";
import { DEFAULT_PR_FILTERS } from "@/lib/queries/pull-requests/pr-filters";
import { prKey, PullRequestSchema } from "@/lib/queries/pull-requests/pr-types";
import { seedDemoReviews } from "@/lib/demo/demo-reviews";

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
  const admin = await createUser({
    email: DEMO_ADMIN_EMAIL,
    password: DEMO_PASSWORD,
    name: "Demo Admin",
    isAdmin: true,
  });
  const project = await createProject(
    {
      slug: DEMO_PROJECT_SLUG,
      name: "Demo: agentic curation",
      description: "A handful of generated trajectories to try the app with.",
    },
    admin.id,
  );
  for (const [email, role] of DEMO_MEMBERS) {
    await addMember(project.id, { email, role, name: `Demo ${role}`, password: DEMO_PASSWORD }, admin.id);
  }
  const lead = await db().user.findUniqueOrThrow({ where: { email: "lead@limi.local" }, select: { id: true } });
  const queryIds = new Map<string, string>();
  for (const q of DEMO_HUMAN_QUERIES) {
    const decided = q.status === "candidate" ? {} : { decidedById: lead.id, decidedAt: new Date() };
    const row = await db().query.create({
      data: {
        projectId: project.id,
        text: q.text,
        domain: q.domain,
        difficulty: q.difficulty,
        tags: q.tags,
        source: "human",
        status: q.status,
        authorId: admin.id,
        ...decided,
      },
      select: { id: true },
    });
    if (q.trajectory) queryIds.set(q.trajectory, row.id);
  }
  const tokenizer = getTokenizer();
  await withPgTransaction(async (client) => {
    for (const { parsed, domain } of demoTrajectories()) {
      const queryId = queryIds.get(parsed.title ?? "") ?? null;
      await storeTrajectory(client, {
        projectId: project.id,
        parsed,
        stats: computeTokenStats(parsed.steps, parsed.tools, tokenizer),
        createdById: admin.id,
        domain,
        queryId,
      });
    }
  });
  await seedPrTrack(project.id, lead.id);
  const reviewer = await db().user.findUniqueOrThrow({ where: { email: "reviewer@limi.local" }, select: { id: true } });
  await seedDemoReviews(project.id, { reviewerId: reviewer.id, adminId: admin.id, leadId: lead.id });
  return { email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD, projectSlug: project.slug };
}

/** A PR import through the LIMI filters, and a candidate per kept PR as a synthesis run stores it. */
async function seedPrTrack(projectId: string, leadId: string): Promise<void> {
  const prs = DEMO_PRS.map((pr) => PullRequestSchema.parse(pr));
  const imp = await createPrImport(projectId, {
    prs,
    sourceKind: "file",
    sourceName: "demo-prs.jsonl",
    filters: { ...DEFAULT_PR_FILTERS },
    actorId: leadId,
  });
  const kept = await db().pullRequest.findMany({
    where: { projectId, importId: imp.id, kept: true },
    select: { id: true, repo: true, number: true, commit: true, url: true },
  });
  for (const pr of kept) {
    const key = prKey(pr);
    const out = DEMO_SYNTHESISED[key];
    if (!out) continue;
    const provenance = {
      repo: pr.repo,
      prNumber: pr.number,
      commit: pr.commit,
      url: pr.url,
      taskCategory: out.task_category,
      modifiedFiles: out.modified_files,
      relatedFiles: out.related_files,
      reasoning: out.reasoning,
      model: "gpt-5",
    };
    await db().query.create({
      data: {
        projectId,
        prKey: key,
        prId: pr.id,
        text: out.query,
        domain: "Vibe Coding",
        source: "pr_synthesized",
        status: "candidate",
        provenance: provenance as Prisma.InputJsonValue,
      },
    });
  }
}
