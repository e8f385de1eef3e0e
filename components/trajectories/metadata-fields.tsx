"use client";
/**
 * Pickers for a trajectory's metadata: the project's domains and the queries of its pool. Shared
 * by the viewer's "Details" form and the list's bulk bar.
 */
import { useQuery } from "@tanstack/react-query";
import { Select } from "@/components/ui/field";
import { apiFetch } from "@/lib/http/client-fetch";
import { useDomains } from "@/components/queries/use-domains";

interface QueryOption {
  id: string;
  text: string;
  status: string;
}

const firstLine = (t: string) => (t.split("\n").find((l) => l.trim()) ?? t).slice(0, 90);

/** "" means no change (bulk) or none (single, with allowNone). */
export function DomainSelect({
  slug,
  value,
  onChange,
  placeholder,
  testId,
}: {
  slug: string;
  value: string;
  onChange: (v: string) => void;
  placeholder: string;
  testId?: string;
}) {
  const domains = useDomains(slug);
  return (
    <Select aria-label="Domain" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">{placeholder}</option>
      {(domains.data?.domains ?? []).map((d) => (
        <option key={d}>{d}</option>
      ))}
      {value && value !== "__none" && !domains.data?.domains.includes(value) && <option>{value}</option>}
      <option value="__none">No domain</option>
    </Select>
  );
}

export function QuerySelect({
  slug,
  value,
  onChange,
  placeholder,
  testId,
  className,
}: {
  slug: string;
  value: string;
  onChange: (v: string) => void;
  placeholder: string;
  testId?: string;
  className?: string;
}) {
  // The pool's newest 200; accepted queries are the ones trajectories are collected for.
  const q = useQuery({
    queryKey: ["query-options", slug],
    queryFn: () => apiFetch<{ items: QueryOption[] }>(`/api/projects/${slug}/queries?pageSize=200`),
    staleTime: 60_000,
  });
  const items = q.data?.items ?? [];
  return (
    <Select
      aria-label="Query"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      data-testid={testId}
      className={className}
    >
      <option value="">{placeholder}</option>
      {items.map((o) => (
        <option key={o.id} value={o.id}>
          {firstLine(o.text)}
          {o.status !== "accepted" ? ` (${o.status})` : ""}
        </option>
      ))}
      {value && value !== "__none" && !items.some((o) => o.id === value) && <option value={value}>{value}</option>}
      <option value="__none">No query</option>
    </Select>
  );
}

/** "__none" clears, "" leaves unchanged. */
export const pickedValue = (v: string): string | null | undefined => (v === "" ? undefined : v === "__none" ? null : v);
