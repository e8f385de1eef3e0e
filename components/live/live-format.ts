/** Small formatting helpers of the Live pages. */
export const fmt = new Intl.NumberFormat("en");

export function duration(from: string | Date, to: string | Date | null | undefined, now = Date.now()): string {
  const ms = (to ? new Date(to).getTime() : now) - new Date(from).getTime();
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const STATE_TONE = { live: "green", stale: "amber", ended: "zinc" } as const;
