"use client";
import { forwardRef } from "react";
import type { SearchState } from "@/components/viewer/search/use-trajectory-search";

const fmt = new Intl.NumberFormat("en");

/** Text or regex search with a match count and next/previous (Enter / Shift+Enter). */
export const SearchBar = forwardRef<HTMLInputElement, { search: SearchState }>(function SearchBar({ search: s }, ref) {
  const total = s.result?.hits.length ?? 0;
  return (
    <div className="flex items-center gap-1" role="search">
      <input
        ref={ref}
        data-testid="search-input"
        aria-label="Search in this trajectory"
        placeholder="Search (/)"
        value={s.query}
        onChange={(e) => s.setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            if (e.shiftKey) s.prev();
            else s.next();
          } else if (e.key === "Escape") {
            (e.target as HTMLInputElement).blur();
          }
        }}
        className={`w-56 rounded-md border px-2 py-1 text-sm dark:bg-zinc-900 ${s.error ? "border-red-500" : "border-zinc-300 dark:border-zinc-700"}`}
      />
      <label className="flex items-center gap-1 text-xs" title="Regular expression">
        <input
          type="checkbox"
          data-testid="search-regex"
          checked={s.regex}
          onChange={(e) => s.setRegex(e.target.checked)}
        />
        .*
      </label>
      <label className="flex items-center gap-1 text-xs" title="Match case">
        <input
          type="checkbox"
          data-testid="search-case"
          checked={s.caseSensitive}
          onChange={(e) => s.setCaseSensitive(e.target.checked)}
        />
        Aa
      </label>
      <span className="min-w-20 text-xs tabular-nums text-zinc-500" data-testid="search-count" aria-live="polite">
        {s.error ? (
          <span className="text-red-600" data-testid="search-error">
            {s.error}
          </span>
        ) : s.result ? (
          `${total === 0 ? 0 : s.current + 1 > 0 ? s.current + 1 : "–"} / ${fmt.format(total)}${s.result.capped ? "+" : ""}${s.pendingBodies ? ` (${fmt.format(s.pendingBodies)} loading)` : ""}`
        ) : null}
      </span>
      <button
        type="button"
        data-testid="search-prev"
        aria-label="Previous match"
        disabled={!total}
        onClick={s.prev}
        className="rounded px-1.5 text-sm hover:bg-zinc-200 disabled:opacity-40 dark:hover:bg-zinc-800"
      >
        ↑
      </button>
      <button
        type="button"
        data-testid="search-next"
        aria-label="Next match"
        disabled={!total}
        onClick={s.next}
        className="rounded px-1.5 text-sm hover:bg-zinc-200 disabled:opacity-40 dark:hover:bg-zinc-800"
      >
        ↓
      </button>
    </div>
  );
});
