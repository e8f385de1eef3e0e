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
   * The row last jumped to stays at the top while rows above and around it are measured (and their
   * bodies arrive) after the jump, which would otherwise move it away. Only those moves are undone:
   * a scroll that happens while the row itself stays put (the scrollbar, find in page, a script,
   * scrolling an element into view) hands the list back, as wheel, touch, pointer and keys do.
   */
  private pinned: number | null = null;
  /** Where the pinned row's top was when it was last put at the top of the list. */
  private pinnedAt: number | null = null;

  attach(v: Virtualizer<HTMLDivElement, Element>): void {
    this.virtualizer = v;
  }

  scrollToIndex(index: number): void {
    this.pinned = index;
    this.pinnedAt = null;
    this.virtualizer?.scrollToIndex(index, { align: "start" });
  }

  /** Called after every render of the list: puts a pinned row back at the top if rows around it moved it. */
  settle(): void {
    const v = this.virtualizer;
    const el = v?.scrollElement;
    if (this.pinned === null || !v || !el) return;
    const at = v.getOffsetForIndex(this.pinned, "start");
    if (!at) return;
    // The offset the list can reach (near the end, less than the row's top).
    const target = Math.min(at[0], Math.max(0, v.getTotalSize() - el.clientHeight));
    const current = el.scrollTop;
    if (this.pinnedAt !== null && Math.abs(target - this.pinnedAt) <= 1 && Math.abs(current - this.pinnedAt) > 1) {
      this.release();
      return;
    }
    this.pinnedAt = target;
    if (Math.abs(current - target) > 1) v.scrollToOffset(target);
  }

  /** The person scrolls (wheel, touch, a drag, a key): the list is theirs again. */
  release = (): void => {
    this.pinned = null;
    this.pinnedAt = null;
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
