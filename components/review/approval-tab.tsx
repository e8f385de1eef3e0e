"use client";
/**
 * Lead approval in bulk: the trajectories whose reviewers agreed (state "reviewed"), selectable,
 * approved or rejected together after a confirmation that names the count. The server takes all or
 * none, and checks the count against the trajectories named.
 */
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState, ErrorBox, Spinner } from "@/components/ui/states";
import { ApiError, apiFetch } from "@/lib/http/client-fetch";
import { reviewApi } from "@/components/review/review-api";

interface ListResponse {
  items: Array<{ id: string; title: string; headNumber: number; domain: string | null; tokensTotal: number }>;
  total: number;
}

export function ApprovalTab({ slug }: { slug: string }) {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ["review", slug, "approval"],
    queryFn: () =>
      apiFetch<ListResponse>(`/api/projects/${encodeURIComponent(slug)}/trajectories?status=reviewed&pageSize=200`),
  });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirm, setConfirm] = useState<"approve" | "reject" | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = [...selected].filter((id) => q.data?.items.some((i) => i.id === id));
  const run = async () => {
    if (!confirm) return;
    setBusy(true);
    setError(null);
    try {
      await apiFetch(reviewApi(slug).decisions, {
        method: "POST",
        json: { decision: confirm, trajectoryIds: ids, reason, confirmCount: ids.length },
      });
      setConfirm(null);
      setSelected(new Set());
      setReason("");
      void qc.invalidateQueries({ queryKey: ["review", slug] });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "the decision could not be saved");
    } finally {
      setBusy(false);
    }
  };
  if (q.error) return <ErrorBox error={q.error} retry={() => void q.refetch()} />;
  if (!q.data) return <Spinner label="Loading reviewed trajectories" />;
  if (!q.data.items.length)
    return (
      <EmptyState title="Nothing awaiting approval">
        Trajectories appear here when their reviewers agree (or a lead adjudicates them as accepted).
      </EmptyState>
    );
  const all = q.data.items.length > 0 && ids.length === q.data.items.length;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={all}
            onChange={(e) => setSelected(new Set(e.target.checked ? q.data!.items.map((i) => i.id) : []))}
          />
          Select all {q.data.items.length}
          {q.data.total > q.data.items.length && ` (of ${q.data.total}; the first 200 are listed)`}
        </label>
        <Button data-testid="bulk-approve" disabled={!ids.length} onClick={() => setConfirm("approve")}>
          Approve {ids.length || ""}…
        </Button>
        <Button variant="danger" disabled={!ids.length} onClick={() => setConfirm("reject")}>
          Reject {ids.length || ""}…
        </Button>
      </div>
      <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="approval-list">
        {q.data.items.map((t) => (
          <li key={t.id} className="flex items-center gap-2 py-1.5" data-testid="approval-row">
            <input
              type="checkbox"
              aria-label={`select ${t.title}`}
              checked={selected.has(t.id)}
              onChange={(e) =>
                setSelected((s) => {
                  const n = new Set(s);
                  if (e.target.checked) n.add(t.id);
                  else n.delete(t.id);
                  return n;
                })
              }
            />
            <Link className="truncate hover:underline" href={`/projects/${slug}/trajectories/${t.id}?review=1`}>
              {t.title}
            </Link>
            <span className="ml-auto text-xs text-zinc-500">
              revision {t.headNumber} · {t.domain ?? "no domain"} · {t.tokensTotal.toLocaleString("en")} tokens
            </span>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={confirm !== null}
        title={`${confirm === "approve" ? "Approve" : "Reject"} ${ids.length} trajectories?`}
        confirmLabel={`${confirm === "approve" ? "Approve" : "Reject"} ${ids.length}`}
        tone={confirm === "reject" ? "danger" : "primary"}
        busy={busy || reason.trim().length < 3}
        onConfirm={() => void run()}
        onCancel={() => setConfirm(null)}
        testId="bulk-confirm"
      >
        <p className="mb-2 text-sm">
          This {confirm === "approve" ? "approves" : "rejects"} the {ids.length} selected trajectories at their current
          revision. Curation and export read only approved revisions.
        </p>
        <textarea
          data-testid="bulk-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="Reason (required)"
          rows={2}
          className="w-full rounded border border-zinc-300 bg-white p-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
        />
        {error && (
          <p role="alert" className="mt-1 text-sm text-red-600">
            {error}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
