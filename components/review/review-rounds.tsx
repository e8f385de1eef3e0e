"use client";
/** Reviews per revision, side by side: a criterion × reviewer table, verdicts, first errors and comments. */
import type { ReviewsResponse } from "@/components/review/review-api";

const VERDICT_STYLE: Record<string, string> = {
  accept: "text-emerald-700 dark:text-emerald-400",
  reject: "text-red-700 dark:text-red-400",
  needs_changes: "text-amber-700 dark:text-amber-400",
};

export function ReviewRounds({
  data,
  ordinalOf,
  jumpToKey,
}: {
  data: ReviewsResponse;
  ordinalOf: (key: string) => number | null;
  jumpToKey: (key: string) => void;
}) {
  if (!data.rounds.length) return <p className="p-3 text-sm text-zinc-500">No reviews yet.</p>;
  return (
    <div className="space-y-4 p-3 text-sm" data-testid="review-rounds">
      {data.rounds.map((round) => (
        <section key={round.revisionNumber} data-testid={`round-${round.revisionNumber}`}>
          <h3 className="mb-1 font-semibold">
            Revision {round.revisionNumber}
            {round.stale && (
              <span
                className="ml-2 rounded bg-zinc-200 px-1.5 text-xs font-normal dark:bg-zinc-800"
                title="The trajectory changed since"
              >
                stale: as of revision {round.revisionNumber}
              </span>
            )}
            {round.agreement !== null && (
              <span className="ml-2 text-xs font-normal text-zinc-500">
                agreement {(round.agreement * 100).toFixed(0)}%
              </span>
            )}
          </h3>
          {round.hidden > 0 && (
            <p className="mb-2 text-zinc-500" data-testid="hidden-reviews">
              {round.hidden} other review{round.hidden === 1 ? "" : "s"} hidden until you submit yours.
            </p>
          )}
          {round.reviews.length > 0 && (
            <div className="overflow-x-auto">
              <table className="w-full text-xs">
                <thead>
                  <tr className="text-left text-zinc-500">
                    <th className="pr-2 font-normal">criterion</th>
                    {round.reviews.map((r) => (
                      <th key={r.id} className="px-1 font-medium">
                        {r.reviewer}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <td className="pr-2 text-zinc-500">verdict</td>
                    {round.reviews.map((r) => (
                      <td
                        key={r.id}
                        className={`px-1 font-medium ${VERDICT_STYLE[r.verdict]}`}
                        data-testid="round-verdict"
                      >
                        {r.verdict.replace("_", " ")}
                      </td>
                    ))}
                  </tr>
                  {data.rubric.map((c) => (
                    <tr key={c.key}>
                      <td className="pr-2 text-zinc-500">{c.label}</td>
                      {round.reviews.map((r) => (
                        <td key={r.id} className="px-1 tabular-nums">
                          {r.scores[c.key] ?? "—"}
                        </td>
                      ))}
                    </tr>
                  ))}
                  <tr>
                    <td className="pr-2 text-zinc-500">first error</td>
                    {round.reviews.map((r) => (
                      <td key={r.id} className="px-1">
                        {r.firstErrorStepKey ? (
                          <button
                            type="button"
                            className="text-indigo-600 hover:underline"
                            onClick={() => jumpToKey(r.firstErrorStepKey!)}
                          >
                            #{ordinalOf(r.firstErrorStepKey) ?? (r.firstErrorIndex ?? 0) + 1}
                          </button>
                        ) : (
                          "—"
                        )}
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </div>
          )}
          {round.reviews
            .filter((r) => r.comment)
            .map((r) => (
              <blockquote key={r.id} className="mt-2 border-l-2 border-zinc-300 pl-2 dark:border-zinc-700">
                <span className="font-medium">{r.reviewer}:</span>{" "}
                <span className="whitespace-pre-wrap">{r.comment}</span>
              </blockquote>
            ))}
        </section>
      ))}
    </div>
  );
}
