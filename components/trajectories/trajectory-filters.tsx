"use client";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { Spinner } from "@/components/ui/states";
import { AGENT_NAMES, FORMAT_NAMES, DOMAIN_PRESETS } from "@/components/import/format-options";
import { TRAJECTORY_STATUSES, statusLabel } from "@/components/trajectories/trajectory-status-badge";
import { useDebouncedParam } from "@/components/ui/use-debounced-param";
import { useListParams } from "@/components/ui/use-list-params";
import { TRAJECTORY_FILTERS } from "@/components/trajectories/trajectory-list-filters";

/** Counts are whole numbers; anything else typed is dropped rather than sent and refused. */
const digitsOnly = (v: string) => v.replace(/\D/g, "");
const trimmed = (v: string) => v.trim();

function NumberFilter({
  param,
  label,
  placeholder,
  width = "w-32",
}: {
  param: string;
  label: string;
  placeholder: string;
  width?: string;
}) {
  const [value, setValue] = useDebouncedParam(param, { clean: digitsOnly });
  return (
    <Input
      type="number"
      inputMode="numeric"
      min={0}
      step={1}
      aria-label={label}
      placeholder={placeholder}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      className={width}
    />
  );
}

/** The list's toolbar: search and filters, all kept in the URL. */
export function TrajectoryFilters({ updating }: { updating?: boolean }) {
  const { sp, setParams, activeFilters, clearFilters } = useListParams(TRAJECTORY_FILTERS);
  const [search, setSearch] = useDebouncedParam("q", { clean: trimmed });
  const domain = sp.get("domain") ?? "";

  return (
    <div
      className="flex flex-wrap items-center gap-2"
      role="search"
      aria-label="Filter trajectories"
      data-testid="trajectory-filters"
    >
      <Input
        type="search"
        placeholder="Search titles and first message…"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        className="w-64"
        aria-label="Search"
      />
      <Select
        aria-label="Domain"
        value={domain}
        onChange={(e) => setParams({ domain: e.target.value })}
        className="w-44"
      >
        <option value="">All domains</option>
        {DOMAIN_PRESETS.map((d) => (
          <option key={d}>{d}</option>
        ))}
        {domain && !(DOMAIN_PRESETS as readonly string[]).includes(domain) && <option>{domain}</option>}
      </Select>
      <Select
        aria-label="Format"
        value={sp.get("format") ?? ""}
        onChange={(e) => setParams({ format: e.target.value })}
        className="w-44"
        data-testid="filter-format"
      >
        <option value="">All formats</option>
        {FORMAT_NAMES.map((f) => (
          <option key={f}>{f}</option>
        ))}
      </Select>
      <Select
        aria-label="Agent"
        value={sp.get("agent") ?? ""}
        onChange={(e) => setParams({ agent: e.target.value })}
        className="w-40"
        data-testid="filter-agent"
      >
        <option value="">All agents</option>
        {AGENT_NAMES.map((a) => (
          <option key={a}>{a}</option>
        ))}
        {sp.get("agent") && !(AGENT_NAMES as readonly string[]).includes(sp.get("agent")!) && (
          <option>{sp.get("agent")}</option>
        )}
      </Select>
      <Select
        aria-label="Status"
        value={sp.get("status") ?? ""}
        onChange={(e) => setParams({ status: e.target.value })}
        className="w-36"
      >
        <option value="">Any status</option>
        {TRAJECTORY_STATUSES.map((s) => (
          <option key={s} value={s}>
            {statusLabel(s)}
          </option>
        ))}
      </Select>
      <Select
        aria-label="Human feedback"
        value={sp.get("hasHumanFeedback") ?? ""}
        onChange={(e) => setParams({ hasHumanFeedback: e.target.value })}
        className="w-48"
      >
        <option value="">Any feedback</option>
        <option value="true">With human feedback</option>
        <option value="false">Without feedback</option>
      </Select>
      <fieldset className="flex items-center gap-1">
        <legend className="sr-only">Token range</legend>
        <NumberFilter param="minTokens" label="Minimum tokens" placeholder="Min tokens" />
        <span className="text-zinc-400" aria-hidden>
          –
        </span>
        <NumberFilter param="maxTokens" label="Maximum tokens" placeholder="Max tokens" />
      </fieldset>
      <NumberFilter param="minToolCalls" label="Minimum tool calls" placeholder="Min tool calls" width="w-36" />
      {activeFilters > 0 && (
        <Button type="button" variant="ghost" onClick={clearFilters} data-testid="clear-filters">
          Clear filters
          <span
            className="rounded-full bg-indigo-100 px-1.5 text-xs text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300"
            data-testid="active-filter-count"
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
