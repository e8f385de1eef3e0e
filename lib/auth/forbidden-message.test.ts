import { describe, expect, it } from "vitest";
import { forbiddenMessage } from "@/lib/auth/forbidden-message";
import { ACTIONS, ROLES } from "@/lib/auth/permissions";

describe("forbiddenMessage", () => {
  it("reads as a sentence naming the role and what it cannot do", () => {
    expect(forbiddenMessage("annotator", "query.decide")).toBe("Annotators cannot accept or reject queries.");
    expect(forbiddenMessage("reviewer", "trajectory.delete")).toBe("Reviewers cannot delete trajectories.");
  });

  it("has words for every action and role: a capital first letter, a full stop, no action ids", () => {
    for (const role of ROLES)
      for (const action of ACTIONS) {
        const m = forbiddenMessage(role, action);
        expect(m).toMatch(/^[A-Z][a-z]+ cannot [A-Za-z' ,]+\.$/);
        expect(m).not.toContain(action);
      }
  });
});
