import { describe, expect, it } from "vitest";
import { listApiQuery, neighbours, withPage, type ListPage } from "@/components/queries/list-neighbours";

const page = (ids: string[], p = 1, pageCount = 1): ListPage => ({
  ids,
  page: p,
  pageCount,
  pageSize: 3,
  total: pageCount * 3,
});

describe("neighbours", () => {
  it("steps within a page and says where the query is in the whole list", () => {
    expect(neighbours(page(["a", "b", "c"], 2, 3), "b")).toEqual({
      previous: { id: "a" },
      next: { id: "c" },
      position: 5,
      index: 1,
    });
  });

  it("crosses to the neighbouring pages at the edges, and stops at the ends", () => {
    expect(neighbours(page(["a", "b", "c"], 2, 3), "c").next).toEqual({ page: 3, pick: "first" });
    expect(neighbours(page(["a", "b", "c"], 2, 3), "a").previous).toEqual({ page: 1, pick: "last" });
    expect(neighbours(page(["a", "b"], 1, 1), "a").previous).toBeNull();
    expect(neighbours(page(["a", "b"], 1, 1), "b").next).toBeNull();
  });

  it("places a query that left the list by the index it had", () => {
    // "b" was accepted from a candidates view: "c" moved up into its place.
    expect(neighbours(page(["a", "c", "d"], 1, 2), "b", 1)).toEqual({
      previous: { id: "a" },
      next: { id: "c" },
      position: null,
      index: null,
    });
    expect(neighbours(page(["c", "d"], 1, 1), "b", 0)).toMatchObject({ previous: null, next: { id: "c" } });
    expect(neighbours(page(["a", "b"], 1, 1), "c", 2)).toMatchObject({ previous: { id: "b" }, next: null });
    expect(neighbours(page([], 2, 2), "x", 0)).toMatchObject({ previous: { page: 1, pick: "last" }, next: null });
  });

  it("has no neighbours for a query it cannot place", () => {
    expect(neighbours(page(["a"]), "z")).toEqual({ previous: null, next: null, position: null, index: null });
  });
});

describe("list query strings", () => {
  it("changes the page and makes the page size explicit", () => {
    expect(withPage("status=candidate&page=2", 3)).toBe("status=candidate&page=3");
    expect(withPage("status=candidate&page=2", 1)).toBe("status=candidate");
    expect(listApiQuery("status=candidate")).toBe("status=candidate&pageSize=50");
    expect(listApiQuery("pageSize=10")).toBe("pageSize=10");
  });
});
