"use client";
/**
 * A work queue (verdicts wanted, or changes requested): "Start" claims the next item I may take
 * and opens it; the list shows what is waiting, without items someone else holds (they leave the
 * list live when claimed). Leads select items to assign them or set their priority.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorBox, Spinner } from "@/components/ui/states";
import { ListPager } from "@/components/ui/list-pager";
import { ApiError, apiFetch } from "@/lib/http/client-fetch";
import { reviewApi, reviewUrl, type ClaimResponse, type QueueResponse } from "@/components/review/review-api";
import { AssignBar } from "@/components/review/assign-bar";

const ago = (iso: string) => {
  const m = Math.round((Date.now() - new Date(iso).getTime()) / 60_000);
  return m < 60 ? `${m} min` : m < 48 * 60 ? `${Math.round(m / 60)} h` : `${Math.round(m / 1440)} d`;
};

export function QueueTab(p: {
  slug: string;
  meId: string;
  queue: "review" | "edit";
  canStart: boolean;
  canAssign: boolean;
  requiredReviews: number;
}) {
  const router = useRouter();
  const qc = useQueryClient();
  const api = reviewApi(p.slug);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const q = useQuery({
    queryKey: ["review", p.slug, "queue", p.queue, page],
    queryFn: () => apiFetch<QueueResponse>(api.queue(p.queue, page)),
  });
  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      const r = await apiFetch<ClaimResponse>(p.queue === "review" ? api.next : api.editsNext, { method: "POST" });
      if (!r.claim) {
        setError("Nothing left that you may take: everything is claimed, yours, or already reviewed by you.");
        setStarting(false);
        return;
      }
      router.push(
        p.queue === "review"
          ? reviewUrl(p.slug, r.claim.trajectoryId)
          : `/projects/${p.slug}/trajectories/${r.claim.trajectoryId}`,
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "could not claim the next item");
      setStarting(false);
    }
  };
  const items = q.data?.items.filter((i) => !i.claimedById || i.claimedById === p.meId) ?? [];
  const heldByOthers = (q.data?.items.length ?? 0) - items.length;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        {p.canStart && (
          <Button
            data-testid={`start-${p.queue}`}
            disabled={starting || q.data?.total === 0}
            title={q.data?.total === 0 ? "Nothing is waiting in this queue" : undefined}
            onClick={() => void start()}
          >
            {p.queue === "review" ? "Start reviewing" : "Start fixing"}
          </Button>
        )}
        <span className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="queue-summary">
          {q.data ? `${q.data.total} waiting` : ""}
          {heldByOthers > 0 && ` · ${heldByOthers} being worked on by others`}
        </span>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-600" data-testid="queue-error">
          {error}
        </p>
      )}
      {p.canAssign && selected.size > 0 && (
        <AssignBar
          slug={p.slug}
          ids={[...selected]}
          onDone={() => {
            setSelected(new Set());
            void qc.invalidateQueries({ queryKey: ["review", p.slug] });
          }}
        />
      )}
      {q.error ? (
        <ErrorBox error={q.error} retry={() => void q.refetch()} />
      ) : !q.data ? (
        <Spinner label="Loading the queue" />
      ) : items.length === 0 ? (
        <EmptyState title={p.queue === "review" ? "Nothing waiting for review" : "No changes requested"}>
          {p.queue === "review"
            ? "Trajectories enter review on import (when the project queues new ones) or when someone sends them."
            : "Trajectories whose reviewers asked for changes appear here with their comments."}
        </EmptyState>
      ) : (
        <>
          <table className="w-full text-sm" data-testid={`queue-${p.queue}`}>
            <thead className="text-left text-xs text-zinc-500 uppercase">
              <tr>
                {p.canAssign && <th className="w-6" />}
                <th className="py-1">Trajectory</th>
                <th>Revision</th>
                {p.queue === "review" && <th>Verdicts</th>}
                <th>Priority</th>
                <th>Assigned to</th>
                <th>Waiting</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr
                  key={i.trajectoryId}
                  className="border-t border-zinc-200 dark:border-zinc-800"
                  data-testid="queue-row"
                  data-id={i.trajectoryId}
                >
                  {p.canAssign && (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`select ${i.title}`}
                        checked={selected.has(i.trajectoryId)}
                        onChange={(e) =>
                          setSelected((s) => {
                            const n = new Set(s);
                            if (e.target.checked) n.add(i.trajectoryId);
                            else n.delete(i.trajectoryId);
                            return n;
                          })
                        }
                      />
                    </td>
                  )}
                  <td className="max-w-md truncate py-1.5">
                    <Link className="hover:underline" href={`/projects/${p.slug}/trajectories/${i.trajectoryId}`}>
                      {i.title}
                    </Link>
                    {i.claimedById === p.meId && <span className="ml-2 text-xs text-indigo-600">claimed by you</span>}
                  </td>
                  <td>{i.revisionNumber}</td>
                  {p.queue === "review" && (
                    <td>
                      {i.reviews} / {p.requiredReviews}
                    </td>
                  )}
                  <td>{i.priority}</td>
                  <td>{i.assignee ?? "—"}</td>
                  <td>{ago(i.enqueuedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ListPager
            total={q.data.total}
            noun={["item", "items"]}
            page={page}
            pageCount={Math.max(1, Math.ceil(q.data.total / q.data.pageSize))}
            activeFilters={0}
            onPage={setPage}
          />
        </>
      )}
    </div>
  );
}
