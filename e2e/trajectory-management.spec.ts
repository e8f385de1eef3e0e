/**
 * Managing trajectories (issue 14): metadata set in bulk from the list and from the viewer,
 * a delete and its undo, a delete by an annotator refused by the server, and the list sorted by
 * every column.
 */
import type { Page } from "@playwright/test";
import { DEMO_ADMIN, expect, signIn, test } from "./support/fixtures";
import { assistant, importChat, user } from "./support/viewer-data";

const STATUS_ORDER = ["imported", "in_review", "changes_requested", "reviewed", "approved", "rejected"];

async function newQuery(page: Page, slug: string, text: string): Promise<string> {
  const res = await page.request.post(`/api/projects/${slug}/queries`, { data: { text, domain: "Vibe Coding" } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { query: { id: string } }).query.id;
}

test("a lead sets the domain and the query of two trajectories at once from the list", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "lead"));
  const ids = [];
  for (const n of [1, 2, 3])
    ids.push(await importChat(page.request, project.slug, `t${n}.jsonl`, [user(`Task ${n}`), assistant("Done.")]));
  const queryId = await newQuery(page, project.slug, "Port the parser to the new tokenizer API.");

  await page.goto(`/projects/${project.slug}/trajectories?sort=title&order=asc`);
  const rows = page.getByTestId("trajectory-row");
  await expect(rows).toHaveCount(3);
  await rows.nth(0).getByTestId("select-row").check();
  await rows.nth(1).getByTestId("select-row").check();
  const bar = page.getByTestId("trajectory-bulk-bar");
  await expect(bar).toContainText("2 selected");
  await bar.getByTestId("bulk-domain").selectOption("Research Workflows");
  await bar.getByTestId("bulk-query").selectOption(queryId);
  await bar.getByTestId("bulk-apply").click();
  await expect(bar).toHaveCount(0);
  await expect(rows.nth(0).getByTestId("cell-domain")).toHaveText("Research Workflows");
  await expect(rows.nth(1).getByTestId("cell-domain")).toHaveText("Research Workflows");
  await expect(rows.nth(2).getByTestId("cell-domain")).toHaveText("—");

  // Stored, linked to the query, and no new revision was made.
  for (const row of [0, 1]) {
    const id = await rows.nth(row).getAttribute("data-id");
    const d = (await (await page.request.get(`/api/projects/${project.slug}/trajectories/${id}`)).json()) as {
      trajectory: { domain: string; queryId: string; headNumber: number };
    };
    expect(d.trajectory).toMatchObject({ domain: "Research Workflows", queryId, headNumber: 1 });
  }
  const q = (await (await page.request.get(`/api/projects/${project.slug}/queries/${queryId}`)).json()) as {
    trajectories: unknown[];
  };
  expect(q.trajectories).toHaveLength(2);

  // A domain that is not the project's is refused whole, naming the field.
  const bad = await page.request.post(`/api/projects/${project.slug}/trajectories/bulk`, {
    data: { ids, set: { domain: "Cooking" } },
  });
  expect(bad.status()).toBe(422);
  expect(((await bad.json()) as { error: { location: { field: string } } }).error.location.field).toBe("domain");
});

test("a lead renames a trajectory from the viewer, deletes it, and undoes the delete", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "lead"));
  const id = await importChat(page.request, project.slug, "del.jsonl", [user("Clean the logs."), assistant("Done.")]);
  await page.goto(`/projects/${project.slug}/trajectories/${id}`);
  await expect(page.getByTestId("trajectory-viewer")).toHaveAttribute("data-ready", "true");

  await page.getByTestId("details-button").click();
  const details = page.getByTestId("trajectory-details");
  await details.getByTestId("details-title").fill("Log clean-up, first attempt");
  await details.getByTestId("details-save").click();
  await expect(details).toHaveCount(0);
  await expect(page.getByTestId("trajectory-header").getByRole("heading")).toHaveText("Log clean-up, first attempt");

  await page.getByTestId("details-button").click();
  await page.getByTestId("details-delete").click();
  await page.getByTestId("details-delete-confirm").click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.slug}/trajectories\\?deleted=${id}`));
  await expect(page.getByTestId("deleted-banner")).toContainText("Log clean-up, first attempt");
  await expect(page.getByTestId("trajectory-row")).toHaveCount(0);
  // Hidden from reads too.
  expect((await page.request.get(`/api/projects/${project.slug}/trajectories/${id}`)).status()).toBe(404);

  await page.getByTestId("undo-delete").click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.slug}/trajectories/${id}$`));
  await expect(page.getByTestId("trajectory-viewer")).toHaveAttribute("data-ready", "true");
  await page.goto(`/projects/${project.slug}/trajectories`);
  await expect(page.getByTestId("trajectory-row")).toHaveCount(1);

  const audit = (await (await page.request.get(`/api/projects/${project.slug}/audit`)).json()) as {
    entries?: Array<{ action: string; targetId: string }>;
    audit?: Array<{ action: string; targetId: string }>;
  };
  const actions = (audit.entries ?? audit.audit ?? []).filter((e) => e.targetId === id).map((e) => e.action);
  expect(actions).toEqual(expect.arrayContaining(["trajectory.metadata", "trajectory.delete", "trajectory.restore"]));
});

test("an annotator cannot delete: no button, and the server refuses with a sentence", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "annotator"));
  const id = await importChat(page.request, project.slug, "keep.jsonl", [user("Keep me."), assistant("Ok.")]);
  await page.goto(`/projects/${project.slug}/trajectories/${id}`);
  await page.getByTestId("details-button").click();
  await expect(page.getByTestId("trajectory-details")).toBeVisible();
  await expect(page.getByTestId("details-delete")).toHaveCount(0);

  const res = await page.request.delete(`/api/projects/${project.slug}/trajectories/${id}`);
  expect(res.status()).toBe(403);
  expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
    "Annotators cannot delete trajectories.",
  );
  expect((await page.request.get(`/api/projects/${project.slug}/trajectories/${id}`)).status()).toBe(200);
});

test("the list sorts by every column, both ways, and the page size can be chosen", async ({ page }) => {
  await signIn(page.request, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto("/projects/demo/trajectories");
  const table = page.getByTestId("trajectory-table");
  await expect(page.getByTestId("trajectory-row").first()).toBeVisible();
  const keys = await table
    .locator("thead [data-testid^=sort-]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")!.slice(5)));
  expect(keys).toEqual([
    "title",
    "status",
    "domain",
    "format",
    "agent",
    "stepCount",
    "tokensTotal",
    "toolCallCount",
    "failedToolCallCount",
    "humanTurnCount",
    "createdAt",
  ]);
  for (const key of keys) {
    // One load per column; the header then toggles: clicking the sorted column flips its order.
    await page.goto(`/projects/demo/trajectories?sort=${key}&order=desc`);
    await expect(page.getByTestId("trajectory-row").first()).toBeVisible();
    for (const order of ["asc", "desc"] as const) {
      await page.getByTestId(`sort-${key}`).click();
      await expect(page).toHaveURL(new RegExp(`sort=${key}&order=${order}|order=${order}&sort=${key}`));
      const th = page.locator("thead th", { has: page.getByTestId(`sort-${key}`) });
      await expect(th).toHaveAttribute("aria-sort", order === "asc" ? "ascending" : "descending");
      // The order shown is the order the API gives for that sort (the server sorts; the page does not reorder).
      const api = (await (
        await page.request.get(`/api/projects/demo/trajectories?sort=${key}&order=${order}&pageSize=50`)
      ).json()) as { items: Array<Record<string, unknown> & { id: string }> };
      await expect
        .poll(() => page.getByTestId("trajectory-row").evaluateAll((rs) => rs.map((r) => r.getAttribute("data-id"))))
        .toEqual(api.items.map((i) => i.id));
      const values = api.items.map((i) => i[key]);
      const present = values.filter((v) => v !== null);
      // Status sorts in the review workflow's order (the database enum's), not alphabetically.
      const rank = (v: unknown) => (key === "status" ? STATUS_ORDER.indexOf(String(v)) : v);
      const sorted = [...present].sort((x, y) => {
        const [a, b] = [rank(x), rank(y)];
        return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b), "en");
      });
      if (order === "desc") sorted.reverse();
      if (key !== "title") expect(present).toEqual(sorted);
      // Empty values (no domain, no agent) come last either way.
      expect(values.slice(present.length).every((v) => v === null)).toBe(true);
    }
  }

  await page.getByTestId("page-size").selectOption("25");
  await expect(page).toHaveURL(/pageSize=25/);
  await expect(page.getByTestId("list-pager")).toContainText("page 1 of 1");
});
