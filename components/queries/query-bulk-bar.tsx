"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch, ApiError } from "@/lib/http/client-fetch";
import type { QueryStatus } from "@/lib/queries/query-fields";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorBox } from "@/components/ui/states";
import { DuplicateList } from "@/components/queries/duplicate-list";
import { queryKeys } from "@/components/queries/query-keys";
import type { DuplicateGroup } from "@/components/queries/query-types";

const plural = (n: number) => `${n} ${n === 1 ? "query" : "queries"}`;

/** Accept or reject the selected rows; accepting near-duplicates asks first, like accepting one. */
export function QueryBulkBar({
  slug,
  ids,
  onDone,
  onClear,
}: {
  slug: string;
  ids: string[];
  onDone: (message: string) => void;
  onClear: () => void;
}) {
  const qc = useQueryClient();
  const [groups, setGroups] = useState<DuplicateGroup[] | null>(null);
  const decide = useMutation({
    mutationFn: (v: { status: QueryStatus; force?: boolean }) =>
      apiFetch<{ updated: number }>(`/api/projects/${slug}/queries/bulk`, { method: "POST", json: { ids, ...v } }),
    onSuccess: (r, v) => {
      setGroups(null);
      void qc.invalidateQueries({ queryKey: queryKeys.all(slug) });
      onDone(
        `${v.status === "accepted" ? "Accepted" : v.status === "rejected" ? "Rejected" : "Reopened"} ${plural(r.updated)}.`,
      );
    },
    onError: (e) => {
      const details =
        e instanceof ApiError && e.status === 409
          ? (e.details as { groups?: DuplicateGroup[] } | undefined)
          : undefined;
      if (details?.groups) setGroups(details.groups);
    },
  });
  const conflict = decide.error instanceof ApiError && decide.error.status === 409;

  return (
    <div
      className="flex flex-wrap items-center gap-2 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm dark:border-indigo-900 dark:bg-indigo-950/50"
      data-testid="bulk-bar"
    >
      <span className="font-medium">{plural(ids.length)} selected</span>
      <Button
        onClick={() => decide.mutate({ status: "accepted" })}
        disabled={decide.isPending}
        data-testid="bulk-accept"
      >
        Accept
      </Button>
      <Button
        variant="danger"
        onClick={() => decide.mutate({ status: "rejected" })}
        disabled={decide.isPending}
        data-testid="bulk-reject"
      >
        Reject
      </Button>
      <Button variant="secondary" onClick={() => decide.mutate({ status: "candidate" })} disabled={decide.isPending}>
        Back to candidate
      </Button>
      <Button variant="ghost" onClick={onClear} disabled={decide.isPending}>
        Clear selection
      </Button>
      {decide.error && !conflict && (
        <div className="w-full">
          <ErrorBox error={decide.error} />
        </div>
      )}
      <ConfirmDialog
        open={groups !== null}
        title="Accept near-duplicates?"
        confirmLabel={`Accept all ${plural(ids.length)}`}
        busy={decide.isPending}
        onCancel={() => {
          setGroups(null);
          decide.reset();
        }}
        onConfirm={() => decide.mutate({ status: "accepted", force: true })}
        testId="bulk-duplicates-dialog"
      >
        <p className="mb-3 text-zinc-600 dark:text-zinc-400">{decide.error?.message}</p>
        <div className="max-h-80 space-y-3 overflow-y-auto">
          {groups?.map((g) => (
            <div key={g.id}>
              <p className="mb-1 line-clamp-2 font-medium">{g.text}</p>
              <DuplicateList slug={slug} hits={g.duplicates} />
            </div>
          ))}
        </div>
      </ConfirmDialog>
    </div>
  );
}
