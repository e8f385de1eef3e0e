"use client";
/**
 * The viewer's Review tab: the state of the trajectory, my form when I hold a review claim on it,
 * the reviews I may see (others' stay hidden until I submit mine; stale ones say which revision
 * they judged), and for leads the decision box (adjudicate, approve, reject, override, reopen).
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorBox, Spinner } from "@/components/ui/states";
import { apiFetch } from "@/lib/http/client-fetch";
import { stateLabel, type ReviewState } from "@/lib/review/state-machine";
import type { Criterion } from "@/lib/review/rubric";
import { reviewApi, type ReviewsResponse } from "@/components/review/review-api";
import { ReviewForm } from "@/components/review/review-form";
import { LeadDecision } from "@/components/review/lead-decision";
import { ReviewRounds } from "@/components/review/review-rounds";

export const reviewKeys = { reviews: (id: string) => ["reviews", id] as const };

export interface ReviewPanelProps {
  slug: string;
  trajectoryId: string;
  head: number;
  canApprove: boolean;
  focusedKey: string | null;
  ordinalOf: (key: string) => number | null;
  jumpToKey: (key: string) => void;
}

export function ReviewPanel(p: ReviewPanelProps) {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: reviewKeys.reviews(p.trajectoryId),
    queryFn: () => apiFetch<ReviewsResponse>(reviewApi(p.slug).reviews(p.trajectoryId)),
  });
  if (q.error) return <ErrorBox error={q.error} retry={() => void q.refetch()} />;
  if (!q.data)
    return (
      <div className="p-3">
        <Spinner label="Loading reviews" />
      </div>
    );
  const d = q.data;
  const refresh = () => void qc.invalidateQueries({ queryKey: reviewKeys.reviews(p.trajectoryId) });
  const reviewing = d.myClaim && d.queue === "review" && d.headNumber === p.head;
  return (
    <div data-testid="review-panel" className="divide-y divide-zinc-200 dark:divide-zinc-800">
      <div className="flex items-center justify-between p-3 text-sm">
        <span>
          Review state: <strong data-testid="review-state">{stateLabel(d.state as ReviewState)}</strong>
          {d.queue === "adjudication" && <span className="ml-1 text-amber-600">(waiting for a lead)</span>}
        </span>
        {d.approvedNumber && <span className="text-xs text-zinc-500">approved revision: {d.approvedNumber}</span>}
      </div>
      {reviewing && (
        <ReviewForm
          slug={p.slug}
          trajectoryId={p.trajectoryId}
          head={p.head}
          claimId={d.myClaim!.claimId!}
          rubric={d.rubric as Criterion[]}
          focusedKey={p.focusedKey}
          ordinalOf={p.ordinalOf}
          jumpToKey={p.jumpToKey}
          onSubmitted={refresh}
        />
      )}
      {p.canApprove && (
        <LeadDecision
          slug={p.slug}
          trajectoryId={p.trajectoryId}
          head={d.headNumber}
          state={d.state as ReviewState}
          adjudicating={d.queue === "adjudication"}
          onDecided={refresh}
        />
      )}
      <ReviewRounds data={d} ordinalOf={p.ordinalOf} jumpToKey={p.jumpToKey} />
    </div>
  );
}
