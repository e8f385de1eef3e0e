import { describe, expect, it } from "vitest";
import { reviewShortcut, type KeyInfo } from "@/components/queries/review-shortcuts";

const press = (key: string, over: Partial<KeyInfo> = {}): KeyInfo => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  targetTag: "BODY",
  targetEditable: false,
  ...over,
});

describe("reviewShortcut", () => {
  it("maps a, r, j, k and e", () => {
    expect(["a", "r", "j", "k", "e", "x"].map((k) => reviewShortcut(press(k), null, 0))).toEqual([
      "accept",
      "reject",
      "next",
      "previous",
      "edit",
      null,
    ]);
  });

  it("never fires while typing, with a modifier, on auto-repeat or under a dialog", () => {
    for (const targetTag of ["INPUT", "TEXTAREA", "SELECT"])
      expect(reviewShortcut(press("a", { targetTag }), null, 0)).toBeNull();
    expect(reviewShortcut(press("a", { targetTag: "DIV", targetEditable: true }), null, 0)).toBeNull();
    expect(reviewShortcut(press("a", { ctrlKey: true }), null, 0)).toBeNull();
    expect(reviewShortcut(press("r", { metaKey: true }), null, 0)).toBeNull();
    expect(reviewShortcut(press("j", { altKey: true }), null, 0)).toBeNull();
    expect(reviewShortcut(press("j", { repeat: true }), null, 0)).toBeNull();
    expect(reviewShortcut(press("a", { dialogOpen: true }), null, 0)).toBeNull();
    expect(reviewShortcut(press("A"), null, 0)).toBeNull();
  });

  it("leaves the key after g to the shell's chords, but only within the chord window", () => {
    expect(reviewShortcut(press("r"), { key: "g", at: 1000 }, 1500)).toBeNull();
    expect(reviewShortcut(press("r"), { key: "g", at: 1000 }, 2100)).toBe("reject");
    expect(reviewShortcut(press("r"), { key: "j", at: 1000 }, 1100)).toBe("reject");
  });
});
