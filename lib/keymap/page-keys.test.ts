import { describe, expect, it } from "vitest";
import { sheetRows } from "@/lib/keymap/keymap";
import { pageKey, type KeyInfo } from "@/lib/keymap/page-keys";

const press = (key: string, over: Partial<KeyInfo> = {}): KeyInfo => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  targetTag: "BODY",
  targetEditable: false,
  ...over,
});

describe("pageKey", () => {
  it("maps the list's keys: j, k, Enter, x and ?", () => {
    expect(["j", "k", "Enter", "x", "?", "a"].map((k) => pageKey("list", press(k), null, 0)?.action ?? null)).toEqual([
      "row.next",
      "row.prev",
      "row.open",
      "row.select",
      "help",
      null,
    ]);
  });

  it("maps the query page's keys, ? among them", () => {
    expect(["a", "r", "j", "k", "e", "?"].map((k) => pageKey("queries", press(k), null, 0)?.action)).toEqual([
      "query.accept",
      "query.reject",
      "query.next",
      "query.prev",
      "query.edit",
      "help",
    ]);
  });

  it("leaves Enter to a link or button that has the focus (it opens or presses it itself)", () => {
    for (const targetTag of ["A", "BUTTON", "SUMMARY"])
      expect(pageKey("list", press("Enter", { targetTag }), null, 0)).toBeNull();
    expect(pageKey("list", press("Enter", { targetTag: "TR" }), null, 0)?.action).toBe("row.open");
  });

  it("stays quiet while typing, with a modifier, on auto-repeat, under a dialog and after g", () => {
    expect(pageKey("list", press("j", { targetTag: "INPUT" }), null, 0)).toBeNull();
    expect(pageKey("list", press("j", { targetTag: "DIV", targetEditable: true }), null, 0)).toBeNull();
    expect(pageKey("list", press("j", { ctrlKey: true }), null, 0)).toBeNull();
    expect(pageKey("list", press("j", { altKey: true }), null, 0)).toBeNull();
    expect(pageKey("list", press("j", { repeat: true }), null, 0)).toBeNull();
    expect(pageKey("list", press("?", { dialogOpen: true }), null, 0)).toBeNull();
    expect(pageKey("queries", press("r"), { key: "g", at: 1000 }, 1500)).toBeNull();
    expect(pageKey("queries", press("r"), { key: "g", at: 1000 }, 2100)?.action).toBe("query.reject");
  });
});

describe("sheetRows", () => {
  it("gives the sheet every key of a context, from the keymap", () => {
    expect(sheetRows("list").map((r) => r.keys)).toEqual(["j", "k", "Enter", "x", "?", "Esc"]);
    expect(sheetRows("queries").map((r) => r.keys)).toEqual(["a", "r", "j", "k", "e", "?", "Esc"]);
  });
});
