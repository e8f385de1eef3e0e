import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import {
  findTransition,
  nextState,
  REVIEW_ACTORS,
  REVIEW_EVENTS,
  REVIEW_STATES,
  TRANSITIONS,
  type ReviewActor,
} from "@/lib/review/state-machine";

function code(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return isAppError(e) ? e.code : "not an AppError";
  }
}

describe("review state machine", () => {
  it.each(TRANSITIONS.map((r) => [`${r.from} --${r.event} (${r.who})--> ${r.to}`, r] as const))("%s", (_n, row) => {
    expect(nextState(row.from, row.event, row.who)).toBe(row.to);
  });

  it("has one row at most for each (from, event)", () => {
    const keys = TRANSITIONS.map((r) => `${r.from}/${r.event}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("refuses every (state, event) that is not a row, with a 409 naming what is allowed", () => {
    let refused = 0;
    for (const from of REVIEW_STATES)
      for (const event of REVIEW_EVENTS) {
        if (TRANSITIONS.some((r) => r.from === from && r.event === event)) continue;
        expect({ from, event, code: code(() => nextState(from, event, "lead")) }).toEqual({
          from,
          event,
          code: "CONFLICT",
        });
        refused++;
      }
    expect(refused).toBe(REVIEW_STATES.length * REVIEW_EVENTS.length - TRANSITIONS.length);
  });

  it("refuses a row to an actor below its `who` with a 403", () => {
    const rank: Record<ReviewActor, number> = { system: -1, editor: 0, reviewer: 1, lead: 2 };
    for (const row of TRANSITIONS)
      for (const who of REVIEW_ACTORS) {
        const allowed = who === "system" ? row.who === "system" : row.who !== "system" && rank[who] >= rank[row.who];
        expect({ row, who, found: findTransition(row.from, row.event, who) !== null }).toEqual({
          row,
          who,
          found: allowed,
        });
        if (!allowed) expect(code(() => nextState(row.from, row.event, who))).toBe("FORBIDDEN");
      }
  });

  it("lets a lead override from every state but the target, and reopen only a rejected one", () => {
    for (const from of REVIEW_STATES) {
      expect(findTransition(from, "override_approve", "lead") !== null).toBe(from !== "approved");
      expect(findTransition(from, "override_reject", "lead") !== null).toBe(from !== "rejected");
      expect(findTransition(from, "reopen", "lead") !== null).toBe(from === "rejected");
    }
  });

  it("only approves from reviewed (an annotator or a reviewer never)", () => {
    expect(REVIEW_STATES.filter((s) => findTransition(s, "approve", "lead"))).toEqual(["reviewed"]);
    expect(code(() => nextState("reviewed", "approve", "reviewer"))).toBe("FORBIDDEN");
    expect(code(() => nextState("reviewed", "approve", "editor"))).toBe("FORBIDDEN");
  });
});
