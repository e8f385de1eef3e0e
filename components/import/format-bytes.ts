const UNITS = ["B", "KB", "MB", "GB"] as const;

/** A file size for people: 980 B, 12.4 KB, 3.1 MB. */
export function formatBytes(n: number): string {
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}
