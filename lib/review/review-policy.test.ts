/** The policy module's own matrix: own revision, own claim, blind until submitted. */
import { describe, expect, it } from "vitest";
import { claimRefusal, maySeeOthersReviews, requireClaim, reviewRefusal } from "@/lib/review/review-policy";

describe("policy: own revision", () => {
  const cases = [
    { who: "an editor of the revision", authors: ["me"], reviewed: false, allowed: false },
    { who: "an editor who also reviewed", authors: ["me", "x"], reviewed: true, allowed: false },
    { who: "someone else, not yet reviewed", authors: ["x"], reviewed: false, allowed: true },
    { who: "someone else, already reviewed", authors: ["x"], reviewed: true, allowed: false },
    { who: "anyone on the import (revision 1 is nobody's)", authors: [], reviewed: false, allowed: true },
  ];
  it.each(cases)("$who → allowed: $allowed", (c) => {
    expect(reviewRefusal({ userId: "me", revisionAuthors: c.authors, reviewedThisRevision: c.reviewed }) === null).toBe(
      c.allowed,
    );
  });
});

describe("policy: own claim", () => {
  const now = new Date("2026-12-06T08:00:00Z");
  const later = new Date(now.getTime() + 60_000);
  const earlier = new Date(now.getTime() - 1);
  const cases = [
    { why: "mine, live", by: "me", id: "c1", presented: "c1", expires: later, refusal: null },
    { why: "someone else's", by: "x", id: "c1", presented: "c1", expires: later, refusal: /someone else/ },
    { why: "expired", by: "me", id: "c1", presented: "c1", expires: earlier, refusal: /expired/ },
    { why: "expired exactly now", by: "me", id: "c1", presented: "c1", expires: now, refusal: /expired/ },
    {
      why: "replaced by a newer claim",
      by: "me",
      id: "c2",
      presented: "c1",
      expires: later,
      refusal: /no longer held/,
    },
    { why: "released", by: null, id: null, presented: "c1", expires: null, refusal: /no longer held/ },
  ];
  it.each(cases)("$why", (c) => {
    const facts = {
      userId: "me",
      claimedById: c.by,
      claimId: c.id,
      claimExpiresAt: c.expires,
      presentedClaimId: c.presented,
      now,
    };
    const r = claimRefusal(facts);
    if (c.refusal === null) {
      expect(r).toBeNull();
      expect(() => requireClaim(facts)).not.toThrow();
    } else {
      expect(r).toMatch(c.refusal);
      expect(() => requireClaim(facts)).toThrow(c.refusal);
    }
  });
});

describe("policy: blind until submitted", () => {
  const rows: Array<[boolean, boolean, boolean, boolean]> = [
    // isLead, submittedOwn, collecting → sees others
    [false, false, true, false],
    [false, true, true, true],
    [false, false, false, true],
    [false, true, false, true],
    [true, false, true, true],
    [true, true, true, true],
    [true, false, false, true],
    [true, true, false, true],
  ];
  it.each(rows)("lead %s, submitted %s, collecting %s → sees others %s", (isLead, submittedOwn, collecting, sees) => {
    expect(maySeeOthersReviews({ viewerId: "me", isLead, submittedOwn, collecting })).toBe(sees);
  });
});
