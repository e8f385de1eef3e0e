/**
 * Memory figures from Linux: VmHWM (the kernel's peak resident set) and VmRSS from
 * /proc/self/status, a resettable peak (writing 5 to /proc/self/clear_refs resets VmHWM to the
 * current RSS), and a 100 ms sampler of `process.memoryUsage()` as a second opinion that also tells
 * the JS heap from buffers.
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

export interface MemoryPeaks {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  peakMb = 0;
  samples = 0;
  /** Peak of each `process.memoryUsage()` field in MiB (each at its own moment), to tell JS heap from buffers. */
  peaks: MemoryPeaks = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };

  start(intervalMs = 100): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    return this;
  }

  private sample(): void {
    this.samples++;
    const m = process.memoryUsage();
    for (const k of Object.keys(this.peaks) as (keyof MemoryPeaks)[])
      this.peaks[k] = Math.max(this.peaks[k], m[k] / MB);
    this.peakMb = this.peaks.rss;
  }

  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    return this.peakMb;
  }
}
