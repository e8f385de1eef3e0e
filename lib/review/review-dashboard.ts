/**
 * The review dashboard's figures: counts by state, throughput per reviewer per day, agreement over
 * time (weekly Krippendorff's alpha on verdicts), score distributions per criterion, the
 * trajectories waiting longest, and the project's and reviewer pairs' agreement.
 */
import { pgPool } from "@/lib/db/pg-pool";
import { krippendorffAlpha } from "@/lib/review/agreement";
import { pairAgreement, projectAgreement, type ReviewRow } from "@/lib/review/project-agreement";
import { getReviewSettings } from "@/lib/review/review-settings";
import { REVIEW_STATES } from "@/lib/review/state-machine";

const DAYS = 30;

export async function reviewDashboard(projectId: string) {
  const pool = pgPool();
  const [states, throughput, reviews, waiting, people, settings] = await Promise.all([
    pool.query<{ status: string; n: number }>(
      `SELECT "status", count(*)::int AS n FROM "Trajectory" WHERE "projectId"=$1 GROUP BY "status"`,
      [projectId],
    ),
    pool.query<{ day: string; reviewerId: string; n: number }>(
      `SELECT to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD') AS day, "reviewerId", count(*)::int AS n
         FROM "Review" WHERE "projectId"=$1 AND "createdAt" >= now() - make_interval(days => $2) GROUP BY 1, 2 ORDER BY 1`,
      [projectId, DAYS],
    ),
    // The latest 20,000 reviews are plenty for agreement; older ones do not change the picture.
    pool.query<ReviewRow & { week: string }>(
      `SELECT "trajectoryId","revisionNumber","reviewerId","verdict","scores","firstErrorIndex",
              to_char(date_trunc('week', "createdAt"), 'YYYY-MM-DD') AS week
         FROM "Review" WHERE "projectId"=$1 ORDER BY "createdAt" DESC LIMIT 20000`,
      [projectId],
    ),
    pool.query<{ trajectoryId: string; title: string; queue: string; enqueuedAt: Date }>(
      `SELECT i."trajectoryId", t."title", i."queue", i."enqueuedAt" FROM "ReviewItem" i JOIN "Trajectory" t ON t."id"=i."trajectoryId"
        WHERE i."projectId"=$1 AND t."deletedAt" IS NULL ORDER BY i."enqueuedAt" LIMIT 10`,
      [projectId],
    ),
    pool.query<{ id: string; name: string }>(
      `SELECT u."id", u."name" FROM "Membership" m JOIN "User" u ON u."id"=m."userId" WHERE m."projectId"=$1`,
      [projectId],
    ),
    getReviewSettings(projectId),
  ]);
  const name = new Map(people.rows.map((p) => [p.id, p.name]));
  const byState = new Map(states.rows.map((r) => [r.status, r.n]));
  const weeks = new Map<string, ReviewRow[]>();
  for (const r of reviews.rows) weeks.set(r.week, [...(weeks.get(r.week) ?? []), r]);
  const distributions = settings.rubric.map((c) => ({
    key: c.key,
    label: c.label,
    counts: Array.from({ length: c.max - c.min + 1 }, (_, i) => ({
      score: c.min + i,
      n: reviews.rows.filter((r) => r.scores[c.key] === c.min + i).length,
    })),
  }));
  return {
    states: REVIEW_STATES.map((s) => ({ state: s, n: byState.get(s) ?? 0 })),
    throughput: throughput.rows.map((r) => ({
      day: r.day,
      reviewer: name.get(r.reviewerId) ?? "former member",
      n: r.n,
    })),
    agreementOverTime: [...weeks.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([week, rows]) => {
        const grouped = new Map<string, string[]>();
        for (const r of rows)
          grouped.set(`${r.trajectoryId}#${r.revisionNumber}`, [
            ...(grouped.get(`${r.trajectoryId}#${r.revisionNumber}`) ?? []),
            r.verdict,
          ]);
        return { week, alpha: krippendorffAlpha([...grouped.values()], "nominal"), reviews: rows.length };
      }),
    distributions,
    waiting: waiting.rows,
    agreement: projectAgreement(reviews.rows, settings.rubric),
    pairs: pairAgreement(reviews.rows)
      .slice(0, 20)
      .map((p) => ({ ...p, a: name.get(p.a) ?? "former member", b: name.get(p.b) ?? "former member" })),
    threshold: settings.agreementThreshold,
  };
}
