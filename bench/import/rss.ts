/**
 * Memory figures from Linux: VmHWM (the kernel's peak resident set) and VmRSS from
 * /proc/self/status, a resettable peak (writing 5 to /proc/self/clear_refs resets VmHWM to the
 * current RSS), and a 100 ms sampler of `process.memoryUsage.rss()` as a second opinion.
 */
import { readFileSync, writeFileSync } from "node:fs";

const MB = 1024 * 1024;

function statusKb(field: "VmHWM" | "VmRSS"): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(readFileSync("/proc/self/status", "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    // Not Linux: the sampler is then the only figure.
    return null;
  }
}

/** Peak RSS in MiB since start (or since the last successful `resetPeakRss`), or null off Linux. */
export function vmHwmMb(): number | null {
  const kb = statusKb("VmHWM");
  return kb === null ? null : kb / 1024;
}

export function vmRssMb(): number | null {
  const kb = statusKb("VmRSS");
  return kb === null ? null : kb / 1024;
}

/** Resets VmHWM to the current RSS; false when the kernel does not allow it. */
export function resetPeakRss(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    // Older kernels or restricted containers: the peak then covers the whole process life.
    return false;
  }
}

export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  peakMb = 0;
  samples = 0;

  start(intervalMs = 100): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    return this;
  }

  private sample(): void {
    this.samples++;
    this.peakMb = Math.max(this.peakMb, process.memoryUsage.rss() / MB);
  }

  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    return this.peakMb;
  }
}
