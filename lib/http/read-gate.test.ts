import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { ReadGate } from "@/lib/http/read-gate";

const limits = { running: 1, waiting: 1, minBytes: 100, retryAfterSeconds: 7 };

describe("the large-read gate", () => {
  it("lets one large read run, queues the next, and refuses the one after with 503 and a retry delay", async () => {
    const gate = new ReadGate(limits);
    const first = await gate.enter(1000, "trajectories");
    let secondIn = false;
    const second = gate.enter(1000, "trajectories").then((release) => {
      secondIn = true;
      return release;
    });
    await new Promise((r) => setImmediate(r));
    expect(secondIn).toBe(false);
    expect(gate.queued).toBe(1);

    const refused = await gate.enter(1000, "trajectories").catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe("UNAVAILABLE");
    expect(isAppError(refused) && refused.status).toBe(503);
    expect(isAppError(refused) && refused.retryAfterSeconds).toBe(7);
    expect(String((refused as Error).message)).toContain("try again in 7 s");

    // The slot passes to the waiting read; releasing twice gives back one slot only.
    first();
    first();
    const releaseSecond = await second;
    expect(secondIn).toBe(true);
    expect(gate.running).toBe(1);
    releaseSecond();
    expect(gate.running).toBe(0);
  });

  it("never holds small reads, whatever the large ones do", async () => {
    const gate = new ReadGate(limits);
    await gate.enter(1000, "trajectories");
    void gate.enter(1000, "trajectories");
    await expect(gate.enter(1000, "trajectories")).rejects.toMatchObject({ code: "UNAVAILABLE" });
    const small = await gate.enter(99, "trajectories");
    expect(gate.running).toBe(1);
    small();
    expect(gate.running).toBe(1);
  });
});
