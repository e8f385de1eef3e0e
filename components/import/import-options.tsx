"use client";
import { Field, Input, Select } from "@/components/ui/field";
import { DOMAIN_PRESETS, FORMAT_NAMES } from "@/components/import/format-options";

export const OTHER_DOMAIN = "__other";

export interface ImportOptionsValue {
  format: string;
  /** "", a preset domain, or OTHER_DOMAIN (then `domainText` is used). */
  domainChoice: string;
  domainText: string;
}

export const DEFAULT_OPTIONS: ImportOptionsValue = { format: "auto", domainChoice: "", domainText: "" };

/** The domain sent with the batch, or null for none. */
export function chosenDomain(v: ImportOptionsValue): string | null {
  const d = v.domainChoice === OTHER_DOMAIN ? v.domainText.trim() : v.domainChoice;
  return d || null;
}

/** Format and domain for the whole batch. */
export function ImportOptions({
  value,
  onChange,
  disabled = false,
}: {
  value: ImportOptionsValue;
  onChange: (v: ImportOptionsValue) => void;
  disabled?: boolean;
}) {
  return (
    <div className="flex flex-wrap items-start gap-4" data-testid="import-options">
      <div className="w-56">
        <Field label="Format">
          <Select
            name="format"
            value={value.format}
            disabled={disabled}
            onChange={(e) => onChange({ ...value, format: e.target.value })}
          >
            <option value="auto">auto (detect per file)</option>
            {FORMAT_NAMES.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className="w-56">
        <Field label="Domain">
          <Select
            name="domain"
            value={value.domainChoice}
            disabled={disabled}
            onChange={(e) => onChange({ ...value, domainChoice: e.target.value })}
          >
            <option value="">None</option>
            {DOMAIN_PRESETS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
            <option value={OTHER_DOMAIN}>Other…</option>
          </Select>
        </Field>
      </div>
      {value.domainChoice === OTHER_DOMAIN && (
        <div className="w-56">
          <Field label="Domain name">
            <Input
              name="domainText"
              value={value.domainText}
              maxLength={64}
              required
              placeholder="e.g. Data Analysis"
              disabled={disabled}
              onChange={(e) => onChange({ ...value, domainText: e.target.value })}
              autoFocus
            />
          </Field>
        </div>
      )}
    </div>
  );
}
