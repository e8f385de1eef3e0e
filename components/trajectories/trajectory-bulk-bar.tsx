"use client";
/** Sets the domain and the query of the ticked trajectories at once (metadata: no revision). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorBox } from "@/components/ui/states";
import { apiFetch } from "@/lib/http/client-fetch";
import { DomainSelect, QuerySelect, pickedValue } from "@/components/trajectories/metadata-fields";

export function TrajectoryBulkBar({ slug, ids, onDone }: { slug: string; ids: string[]; onDone: () => void }) {
  const qc = useQueryClient();
  const [domain, setDomain] = useState("");
  const [queryId, setQueryId] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const set = { domain: pickedValue(domain), queryId: pickedValue(queryId) };
  const patch = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined));
  const save = useMutation({
    mutationFn: () =>
      apiFetch<{ trajectories: unknown[] }>(`/api/projects/${slug}/trajectories/bulk`, {
        method: "POST",
        json: { ids, set: patch },
      }),
    onSuccess: (r) => {
      setDone(`Updated ${r.trajectories.length} ${r.trajectories.length === 1 ? "trajectory" : "trajectories"}.`);
      setDomain("");
      setQueryId("");
      onDone();
      void qc.invalidateQueries({ queryKey: ["trajectories", slug] });
    },
  });
  return (
    <div
      className="flex flex-wrap items-center gap-2 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm dark:border-indigo-900 dark:bg-indigo-950/40"
      data-testid="trajectory-bulk-bar"
      role="region"
      aria-label="Change the selected trajectories"
    >
      <span className="font-medium">{ids.length} selected</span>
      <DomainSelect slug={slug} value={domain} onChange={setDomain} placeholder="Domain: keep" testId="bulk-domain" />
      <QuerySelect
        slug={slug}
        value={queryId}
        onChange={setQueryId}
        placeholder="Query: keep"
        testId="bulk-query"
        className="max-w-sm"
      />
      <Button
        onClick={() => save.mutate()}
        disabled={!Object.keys(patch).length || save.isPending}
        data-testid="bulk-apply"
      >
        Apply to {ids.length}
      </Button>
      <Button variant="ghost" onClick={onDone}>
        Clear selection
      </Button>
      {done && !save.error && (
        <span role="status" className="text-emerald-800 dark:text-emerald-300">
          {done}
        </span>
      )}
      {save.error && <ErrorBox error={save.error} />}
    </div>
  );
}
