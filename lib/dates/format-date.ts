/**
 * The app's one way to write a date: `6 Dec 2026, 14:05` (day, short month name, year, 24-hour
 * time), which no reader takes for another day, and the full date and time with seconds and zone
 * for a tooltip. Local time of the reader's browser (or the server's, where rendered there).
 */
const SHORT = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });
const FULL = new Intl.DateTimeFormat("en-GB", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZoneName: "short",
});

type DateInput = Date | string | number;
const asDate = (d: DateInput) => (d instanceof Date ? d : new Date(d));

/** `6 Dec 2026, 14:05` */
export function formatDateTime(d: DateInput): string {
  return SHORT.format(asDate(d));
}

/** `6 Dec 2026` */
export function formatDay(d: DateInput): string {
  return DAY.format(asDate(d));
}

/** `Sunday 6 December 2026 at 14:05:09 UTC`, for the title on hover. */
export function formatFullDateTime(d: DateInput): string {
  return FULL.format(asDate(d));
}
