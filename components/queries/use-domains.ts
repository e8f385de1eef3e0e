"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import { queryKeys } from "@/components/queries/query-keys";

/** The project's domains (queries are tagged with one of them). */
export function useDomains(slug: string) {
  return useQuery({
    queryKey: queryKeys.domains(slug),
    queryFn: () => apiFetch<{ domains: string[] }>(`/api/projects/${slug}/domains`),
    staleTime: 60_000,
  });
}
