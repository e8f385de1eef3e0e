"use client";
import { FILTER_LABELS, type StepFilters } from "@/lib/viewer/filters";

export function FilterToggles({ filters, onChange }: { filters: StepFilters; onChange: (f: StepFilters) => void }) {
  return (
    <fieldset className="flex flex-wrap items-center gap-2 text-xs" aria-label="Filters">
      {(Object.keys(FILTER_LABELS) as Array<keyof StepFilters>).map((k) => (
        <label key={k} className="flex items-center gap-1">
          <input
            type="checkbox"
            data-testid={`filter-${k}`}
            checked={filters[k]}
            onChange={(e) => onChange({ ...filters, [k]: e.target.checked })}
          />
          {FILTER_LABELS[k]}
        </label>
      ))}
    </fieldset>
  );
}
