"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch, ApiError } from "@/lib/http/client-fetch";
import type { QueryStatus } from "@/lib/queries/query-fields";
import type { QueryBody } from "@/components/queries/query-form";
import { queryKeys } from "@/components/queries/query-keys";
import type { DuplicateHit, QueryDetailResponse, QueryRow } from "@/components/queries/query-types";

export type QueryPatch = Partial<QueryBody> & { status?: QueryStatus; force?: boolean };

/**
 * Saves edits and decisions of one query. Accepting a near-duplicate comes back as 409 with the
 * similar queries; they are kept (with the request) until the person confirms or cancels.
 */
export function useQuerySave(
  slug: string,
  id: string,
  opts: { onSaved?: (q: QueryRow, patch: QueryPatch) => void } = {},
) {
  const qc = useQueryClient();
  const [held, setHeld] = useState<{ hits: DuplicateHit[]; patch: QueryPatch } | null>(null);
  const save = useMutation({
    mutationFn: (patch: QueryPatch) =>
      apiFetch<{ query: QueryRow }>(`/api/projects/${slug}/queries/${id}`, { method: "PATCH", json: patch }),
    onSuccess: (r, patch) => {
      setHeld(null);
      qc.setQueryData<QueryDetailResponse>(queryKeys.one(slug, id), (old) => (old ? { ...old, query: r.query } : old));
      void qc.invalidateQueries({ queryKey: queryKeys.all(slug) });
      opts.onSaved?.(r.query, patch);
    },
    onError: (e, patch) => {
      const dup =
        e instanceof ApiError && e.status === 409
          ? (e.details as { duplicates?: DuplicateHit[] } | undefined)?.duplicates
          : undefined;
      if (dup) setHeld({ hits: dup, patch });
    },
  });
  const duplicateConflict = save.error instanceof ApiError && save.error.status === 409 && held !== null;
  return {
    save,
    /** Similar queries blocking an accept, awaiting confirmation. */
    held,
    error: duplicateConflict ? null : save.error,
    confirm: () => held && save.mutate({ ...held.patch, force: true }),
    cancel: () => {
      setHeld(null);
      save.reset();
    },
  };
}
