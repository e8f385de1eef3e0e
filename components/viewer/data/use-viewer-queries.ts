"use client";
/** The viewer's server state, with TanStack Query keys that live updates invalidate. */
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import type { StepIndexResponse, TrajectoryDetailResponse } from "@/lib/viewer/types";
import type { TrajectoryApi } from "@/components/viewer/data/api-paths";
import type { AnnotationsResponse, RevisionsResponse } from "@/components/viewer/data/viewer-types";

export const viewerKeys = {
  all: (id: string) => ["trajectory", id] as const,
  detail: (id: string) => ["trajectory", id, "detail"] as const,
  steps: (id: string) => ["trajectory", id, "steps"] as const,
  annotations: (id: string) => ["trajectory", id, "annotations"] as const,
  revisions: (id: string) => ["trajectory", id, "revisions"] as const,
};

// Server state here changes only through saves and live events, which invalidate these keys.
const FRESH = { staleTime: Infinity, refetchOnWindowFocus: false } as const;

export function useTrajectoryDetail(api: TrajectoryApi, id: string, initialData?: TrajectoryDetailResponse) {
  return useQuery({
    queryKey: viewerKeys.detail(id),
    queryFn: () => apiFetch<TrajectoryDetailResponse>(api.detail),
    initialData,
    ...FRESH,
  });
}

/** `onIndex` runs as soon as the index arrives, before React renders it (to start body requests). */
export function useStepIndex(
  api: TrajectoryApi,
  id: string,
  initialData?: StepIndexResponse,
  onIndex?: (index: StepIndexResponse) => void,
) {
  return useQuery({
    queryKey: viewerKeys.steps(id),
    initialData,
    queryFn: async () => {
      const index = await apiFetch<StepIndexResponse>(api.steps());
      onIndex?.(index);
      return index;
    },
    ...FRESH,
  });
}

export function useAnnotations(api: TrajectoryApi, id: string) {
  return useQuery({
    queryKey: viewerKeys.annotations(id),
    queryFn: () => apiFetch<AnnotationsResponse>(api.annotations),
    ...FRESH,
  });
}

export function useRevisions(api: TrajectoryApi, id: string, enabled: boolean) {
  return useQuery({
    queryKey: viewerKeys.revisions(id),
    queryFn: () => apiFetch<RevisionsResponse>(api.revisions),
    enabled,
    ...FRESH,
  });
}
