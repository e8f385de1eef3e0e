import { describe, expect, it } from "vitest";
import { formatDateTime, formatDay, formatFullDateTime } from "@/lib/dates/format-date";

describe("dates", () => {
  // Fixed in UTC so the test does not depend on the machine's zone.
  const d = new Date(Date.UTC(2026, 11, 6, 14, 5, 9));
  const local = (h: number) => String(h).padStart(2, "0");

  it("writes day, short month and year, then a 24-hour time", () => {
    const expected = `${d.getDate()} Dec 2026, ${local(d.getHours())}:${local(d.getMinutes())}`;
    expect(formatDateTime(d)).toBe(expected);
    expect(formatDateTime(d.toISOString())).toBe(expected);
    expect(formatDay(d)).toBe(`${d.getDate()} Dec 2026`);
  });

  it("gives the full date with seconds and zone for the tooltip", () => {
    const full = formatFullDateTime(d);
    expect(full).toContain("December 2026");
    expect(full).toContain(`:${local(d.getMinutes())}:09`);
  });
});
