/**
 * The review-derived columns of a trajectory row, for its approved revision (`approvedNumber`):
 * `reviewScore`, the mean of every criterion score of that revision's reviews, and
 * `reviewAgreement`, the share of those reviews giving the most common verdict (both null without
 * reviews). Stored so the curation board filters and sorts on an index; written only by
 * review-state.ts `transition`, in the statement that writes the state (every review is inserted in
 * a transaction that then calls `transition`, so the columns always follow the reviews).
 */

/** Mean criterion score of the reviews of revision `number` of the "Trajectory" row `t` (SQL). */
export const reviewScoreSql = (t: string, number: string) =>
  `(SELECT avg((v.value)::numeric)::float8 FROM "Review" rv CROSS JOIN LATERAL jsonb_each_text(rv."scores") v
    WHERE rv."trajectoryId" = ${t}."id" AND rv."revisionNumber" = ${number} AND jsonb_typeof(rv."scores") = 'object')`;

/** Share of the reviews of revision `number` of `t` giving the most common verdict (SQL). */
export const reviewAgreementSql = (t: string, number: string) =>
  `(SELECT (max(g.c)::float8 / sum(g.c))::float8 FROM (SELECT count(*) AS c FROM "Review" rv
    WHERE rv."trajectoryId" = ${t}."id" AND rv."revisionNumber" = ${number} GROUP BY rv."verdict") g)`;
