"use client";
/** The canonical JSON of a revision in a read-only Monaco model, and the original file as uploaded. */
import { useQuery } from "@tanstack/react-query";
import { CodeEditor } from "@/components/monaco/code-editor";
import { ErrorBox, Spinner } from "@/components/ui/states";
import { apiFetch } from "@/lib/http/client-fetch";
import type { CanonicalResponse } from "@/lib/viewer/types";
import type { TrajectoryApi } from "@/components/viewer/data/api-paths";

export function RawTab({ api, revision }: { api: TrajectoryApi; revision: number }) {
  const q = useQuery({
    queryKey: ["canonical", api.detail, revision],
    queryFn: async () => JSON.stringify(await apiFetch<CanonicalResponse>(api.canonical(revision)), null, 2),
    staleTime: Infinity,
  });
  if (q.isPending) return <Spinner label="Loading the canonical JSON" />;
  if (q.error) return <ErrorBox error={q.error} retry={() => q.refetch()} />;
  return (
    <CodeEditor
      value={q.data}
      language="json"
      readOnly
      height="max(320px, calc(100vh - 20rem))"
      path={`canonical-${revision}.json`}
      ariaLabel="Canonical JSON"
      testId="raw-json"
    />
  );
}
