import { describe, expect, it } from "vitest";
import type { Virtualizer } from "@tanstack/react-virtual";
import { ListHandle } from "@/components/viewer/steps/list-handle";

/** The parts of a virtualizer the handle uses: rows of given heights in a scroller 500 px tall. */
function fakeList(heights: number[]) {
  const el = { scrollTop: 0, clientHeight: 500 };
  const startOf = (i: number) => heights.slice(0, i).reduce((a, b) => a + b, 0);
  const v = {
    scrollElement: el,
    getTotalSize: () => startOf(heights.length),
    getOffsetForIndex: (i: number) => [startOf(i), "start"] as const,
    scrollToIndex: (i: number) => (el.scrollTop = startOf(i)),
    scrollToOffset: (o: number) => (el.scrollTop = o),
  };
  const handle = new ListHandle();
  handle.attach(v as unknown as Virtualizer<HTMLDivElement, Element>);
  return { el, heights, handle, startOf };
}

describe("ListHandle: a jumped-to row stays at the top", () => {
  it("puts the row back when rows above it are measured taller", () => {
    const l = fakeList(Array(100).fill(100));
    l.handle.scrollToIndex(40);
    l.handle.settle();
    expect(l.el.scrollTop).toBe(4000);
    l.heights[10] = 600; // a body above arrives and the row moves down
    l.handle.settle();
    expect(l.el.scrollTop).toBe(l.startOf(40));
  });

  it("hands the list back when it is scrolled while the row stays put (scrollbar, find in page, a script)", () => {
    const l = fakeList(Array(100).fill(100));
    l.handle.scrollToIndex(40);
    l.handle.settle();
    l.el.scrollTop = 6000;
    l.handle.settle();
    expect(l.el.scrollTop).toBe(6000);
    l.heights[10] = 600; // released: later measurements no longer pull the list back
    l.handle.settle();
    expect(l.el.scrollTop).toBe(6000);
  });

  it("near the end of the list keeps the offset the list can reach and does not release itself", () => {
    const l = fakeList(Array(10).fill(100));
    l.handle.scrollToIndex(9);
    l.el.scrollTop = 500; // the browser clamps: 1000 px of rows in a 500 px scroller
    l.handle.settle();
    l.handle.settle();
    expect(l.el.scrollTop).toBe(500);
    l.heights[2] = 300; // the list grows: the row can now reach the top
    l.handle.settle();
    expect(l.el.scrollTop).toBe(700); // 1,200 px of rows: as far as the list goes
  });

  it("wheel, touch, pointer or a key release the row", () => {
    const l = fakeList(Array(100).fill(100));
    l.handle.scrollToIndex(40);
    l.handle.settle();
    l.handle.release();
    l.heights[10] = 600;
    l.handle.settle();
    expect(l.el.scrollTop).toBe(4000);
  });
});
