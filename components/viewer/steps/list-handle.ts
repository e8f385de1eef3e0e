/**
 * The step list's virtualizer, as seen from outside the list. Scrolling re-renders only the list
 * (which owns the virtualizer); the rest of the viewer jumps through this handle and reads the
 * range in view from it (the outline's band subscribes), so a scroll frame never re-renders the
 * header, toolbars and side panel.
 */
import type { Virtualizer } from "@tanstack/react-virtual";

export interface Range {
  first: number;
  last: number;
}

export class ListHandle {
  private virtualizer: Virtualizer<HTMLDivElement, Element> | null = null;
  private range: Range = { first: 0, last: -1 };
  private listeners = new Set<() => void>();
  /**
   * The row last jumped to stays at the top until the person scrolls: rows above and around it
   * are measured (and their bodies arrive) after the jump, which would otherwise move it away.
   */
  private pinned: number | null = null;

  attach(v: Virtualizer<HTMLDivElement, Element>): void {
    this.virtualizer = v;
  }

  scrollToIndex(index: number): void {
    this.pinned = index;
    this.virtualizer?.scrollToIndex(index, { align: "start" });
  }

  /** Called after every render of the list: puts a pinned row back at the top if it moved. */
  settle(): void {
    const v = this.virtualizer;
    if (this.pinned === null || !v) return;
    const at = v.getOffsetForIndex(this.pinned, "start");
    if (!at) return;
    const [offset] = at;
    if (Math.abs((v.scrollOffset ?? 0) - offset) > 1) v.scrollToOffset(offset);
  }

  /** The person scrolls (wheel, touch, a drag, a key): the list is theirs again. */
  release = (): void => {
    this.pinned = null;
  };

  setRange(first: number, last: number): void {
    if (first === this.range.first && last === this.range.last) return;
    this.range = { first, last };
    for (const fn of this.listeners) fn();
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getRange = (): Range => this.range;
}
