/** The heavy-read cap: beyond the running and waiting slots, callers get 429 at once. */
import { describe, expect, it } from "vitest";
import { HEAVY_CONCURRENCY, HEAVY_QUEUE, inHeavyQueue } from "@/lib/curation/heavy-queue";

describe("heavy curation reads", () => {
  it("runs a few, queues a few more and refuses the rest with RATE_LIMITED", async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const admitted = Array.from({ length: HEAVY_CONCURRENCY + HEAVY_QUEUE }, () => inHeavyQueue(() => gate));
    await expect(inHeavyQueue(async () => 1)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    open();
    await Promise.all(admitted);
    await expect(inHeavyQueue(async () => 2)).resolves.toBe(2);
  });
});
