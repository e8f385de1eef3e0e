import { describe, expect, it } from "vitest";
import { actionFor, bindingsFor, KEY_CONTEXTS, KEYMAP, type KeyContext } from "@/lib/keymap/keymap";

describe("keymap", () => {
  it.each(Object.keys(KEY_CONTEXTS) as KeyContext[])("no two actions share a key in the %s context", (context) => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const b of bindingsFor(context))
      for (const k of b.keys) {
        const other = owner.get(k);
        if (other && other !== b.action) clashes.push(`${k}: ${other} and ${b.action}`);
        owner.set(k, b.action);
      }
    expect(clashes).toEqual([]);
  });

  it("names every action once", () => {
    const ids = KEYMAP.map((b) => `${b.context}/${b.action}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("resolves keys by context, with Ctrl or ⌘ as Mod and Alt ignored", () => {
    expect(actionFor("viewer", { key: "a" })).toBeNull();
    expect(actionFor("review", { key: "a" })?.action).toBe("verdict.accept");
    expect(actionFor("review", { key: "j" })?.action).toBe("step.next");
    expect(actionFor("review", { key: "Enter", ctrlKey: true })?.action).toBe("submit");
    expect(actionFor("review", { key: "Enter", metaKey: true })?.action).toBe("submit");
    expect(actionFor("review", { key: "a", altKey: true })).toBeNull();
    expect(actionFor("review", { key: "3" })?.action).toBe("score.set");
    expect(actionFor("viewer", { key: "s", ctrlKey: true })?.action).toBe("draft.save");
    expect(actionFor("viewer", { key: "H" })?.action).toBe("human.prev");
  });
});
