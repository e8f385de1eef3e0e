import { describe, expect, it } from "vitest";
import { projectEventPayload } from "@/lib/live/project-events";

describe("projectEventPayload", () => {
  it("is the event as JSON when it fits a NOTIFY", () => {
    const e = { projectId: "p1", event: "review:changed", data: { trajectoryId: "t1" } };
    expect(JSON.parse(projectEventPayload(e))).toEqual(e);
  });

  it("drops the data of an event over the limit (counted in bytes) and stays valid JSON", () => {
    const e = { projectId: "p1", event: "live:steps", data: { text: "é".repeat(4000) } };
    const payload = projectEventPayload(e);
    expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(7900);
    expect(JSON.parse(payload)).toEqual({ projectId: "p1", event: "live:steps", data: { truncated: true } });
  });
});
