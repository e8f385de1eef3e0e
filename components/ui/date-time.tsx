import { formatDateTime, formatDay, formatFullDateTime } from "@/lib/dates/format-date";

/** A date as the app writes it (`6 Dec 2026, 14:05`), the full date and time on hover. */
export function DateTime({ value, dayOnly = false }: { value: Date | string | number; dayOnly?: boolean }) {
  const d = new Date(value);
  return (
    <time dateTime={d.toISOString()} title={formatFullDateTime(d)}>
      {dayOnly ? formatDay(d) : formatDateTime(d)}
    </time>
  );
}
