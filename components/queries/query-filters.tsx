"use client";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { Spinner } from "@/components/ui/states";
import { useDebouncedParam } from "@/components/ui/use-debounced-param";
import { useListParams } from "@/components/ui/use-list-params";
import { DIFFICULTIES, QUERY_SOURCES, QUERY_STATUSES, SOURCE_LABELS, STATUS_LABELS } from "@/lib/queries/query-fields";
import { QUERY_FILTERS, QUERY_SORTS } from "@/components/queries/query-list-filters";

const trimmed = (v: string) => v.trim();

/** Search, filters and sort of the Queries list, all kept in the URL. */
export function QueryFilters({ domains, updating }: { domains: string[]; updating?: boolean }) {
  const { sp, setParams, activeFilters, clearFilters } = useListParams(QUERY_FILTERS);
  const [search, setSearch] = useDebouncedParam("q", { clean: trimmed });
  const [tag, setTag] = useDebouncedParam("tag", { clean: trimmed });
  const domain = sp.get("domain") ?? "";
  const sort = `${sp.get("sort") ?? "createdAt"}:${sp.get("order") ?? "desc"}`;

  return (
    <div
      className="flex flex-wrap items-center gap-2"
      role="search"
      aria-label="Filter queries"
      data-testid="query-filters"
    >
      <Input
        type="search"
        placeholder="Search query text…"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        className="w-64"
        aria-label="Search"
      />
      <Select
        aria-label="Status"
        value={sp.get("status") ?? ""}
        onChange={(e) => setParams({ status: e.target.value })}
        className="w-36"
      >
        <option value="">Any status</option>
        {QUERY_STATUSES.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </Select>
      <Select
        aria-label="Domain"
        value={domain}
        onChange={(e) => setParams({ domain: e.target.value })}
        className="w-44"
      >
        <option value="">All domains</option>
        {domains.map((d) => (
          <option key={d}>{d}</option>
        ))}
        {domain && !domains.includes(domain) && <option>{domain}</option>}
      </Select>
      <Select
        aria-label="Source"
        value={sp.get("source") ?? ""}
        onChange={(e) => setParams({ source: e.target.value })}
        className="w-36"
      >
        <option value="">Any source</option>
        {QUERY_SOURCES.map((s) => (
          <option key={s} value={s}>
            {SOURCE_LABELS[s]}
          </option>
        ))}
      </Select>
      <Select
        aria-label="Difficulty"
        value={sp.get("difficulty") ?? ""}
        onChange={(e) => setParams({ difficulty: e.target.value })}
        className="w-36"
      >
        <option value="">Any difficulty</option>
        {DIFFICULTIES.map((d) => (
          <option key={d}>{d}</option>
        ))}
      </Select>
      <Input
        placeholder="Tag"
        value={tag}
        onChange={(e) => setTag(e.target.value)}
        className="w-32"
        aria-label="Tag"
        maxLength={40}
      />
      <Select
        aria-label="Sort"
        value={sort}
        onChange={(e) => {
          const [s, o] = e.target.value.split(":");
          setParams({ sort: s === "createdAt" ? null : s, order: o === "desc" ? null : o });
        }}
        className="w-40"
      >
        {QUERY_SORTS.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </Select>
      {activeFilters > 0 && (
        <Button type="button" variant="ghost" onClick={clearFilters} data-testid="clear-filters">
          Clear filters
          <span
            className="rounded-full bg-indigo-100 px-1.5 text-xs text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300"
            aria-label={`${activeFilters} active`}
          >
            {activeFilters}
          </span>
        </Button>
      )}
      {updating && <Spinner label="Updating" />}
    </div>
  );
}
