/**
 * The lists without a mouse (issue 14): `j`/`k` move a visible focus through the rows, Enter opens
 * the focused row, `x` ticks it, and `?` opens the one shortcut sheet (lib/keymap) on the
 * trajectory list, the query pool and a query's page.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { assistant, importChat, user } from "./support/viewer-data";

/** The focused element shows a focus ring (an outline or a box shadow). */
async function focusRingOn(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    return {
      testId: el.getAttribute("data-testid"),
      visible: (s.outlineStyle !== "none" && s.outlineWidth !== "0px") || s.boxShadow !== "none",
    };
  });
}

test("the trajectory list: j/k move a visible focus, x ticks, Enter opens, ? shows the keys", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "lead"));
  for (const n of [1, 2, 3])
    await importChat(page.request, project.slug, `k${n}.jsonl`, [user(`Task ${n}`), assistant("Done.")]);
  await page.goto(`/projects/${project.slug}/trajectories?sort=title&order=asc`);
  const rows = page.getByTestId("trajectory-row");
  await expect(rows).toHaveCount(3, { timeout: 30_000 });

  await page.keyboard.press("j");
  await expect(rows.nth(0)).toHaveAttribute("data-focused", "true");
  await expect(rows.nth(0).getByTestId("trajectory-link")).toBeFocused();
  expect(await focusRingOn(page)).toEqual({ testId: "trajectory-link", visible: true });
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("j"); // stays on the last row
  await expect(rows.nth(2)).toHaveAttribute("data-focused", "true");
  await expect(page.locator("[data-testid=trajectory-row][data-focused=true]")).toHaveCount(1);
  await page.keyboard.press("k");
  await expect(rows.nth(1).getByTestId("trajectory-link")).toBeFocused();
  expect((await focusRingOn(page))?.visible).toBe(true);

  // x ticks the focused row for a bulk change.
  await page.keyboard.press("x");
  await expect(rows.nth(1).getByTestId("select-row")).toBeChecked();
  await expect(page.getByTestId("trajectory-bulk-bar")).toContainText("1 selected");

  // ? opens the sheet with the list's keys; the focus is inside it, Escape closes it and the focus comes back.
  await page.keyboard.press("?");
  const sheet = page.getByTestId("shortcut-sheet");
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText("focus the next row");
  await expect(sheet).toContainText("open the focused row");
  await expect(page.getByTestId("shortcut-sheet-close")).toBeFocused();
  // Under the sheet the list keys are quiet.
  await page.keyboard.press("j");
  await expect(rows.nth(1)).toHaveAttribute("data-focused", "true");
  await page.keyboard.press("Escape");
  await expect(sheet).toHaveCount(0);
  await expect(rows.nth(1).getByTestId("trajectory-link")).toBeFocused();

  const id = await rows.nth(1).getAttribute("data-id");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/projects/${project.slug}/trajectories/${id}$`));
  await expect(page.getByTestId("trajectory-viewer")).toHaveAttribute("data-ready", "true");

  // Enter also opens the focused row when the focus has left its link (e.g. after clicking the page).
  await page.goBack();
  await expect(rows).toHaveCount(3, { timeout: 30_000 });
  await page.keyboard.press("j");
  await expect(rows.nth(0)).toHaveAttribute("data-focused", "true");
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const first = await rows.nth(0).getAttribute("data-id");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/trajectories/${first}$`));

  // The sheet is reachable without knowing the key: Tab to the button and press Enter.
  await page.goBack();
  await expect(rows).toHaveCount(3, { timeout: 30_000 });
  const button = page.getByTestId("shortcuts-button");
  for (let i = 0; i < 60 && !(await button.evaluate((b) => b === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(button).toBeFocused();
  expect((await focusRingOn(page))?.visible).toBe(true);
  await page.keyboard.press("Enter");
  await expect(sheet).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(button).toBeFocused();
});

test("the query pool and a query's page: ? lists their keys from the same sheet; j/Enter open a query", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "lead"));
  for (const text of ["Port the parser to the new API.", "Speed up the tokenizer cache."]) {
    const res = await page.request.post(`/api/projects/${project.slug}/queries`, {
      data: { text, domain: "Vibe Coding" },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  await page.goto(`/projects/${project.slug}/queries`);
  const rows = page.getByTestId("query-row");
  await expect(rows).toHaveCount(2);

  await page.keyboard.press("?");
  const sheet = page.getByTestId("shortcut-sheet");
  await expect(sheet).toContainText("focus the next row");
  await expect(sheet).toContainText("on a query's page: accept the query");
  await page.keyboard.press("Escape");
  await expect(sheet).toHaveCount(0);

  await page.keyboard.press("j");
  await expect(rows.nth(0).getByTestId("query-link")).toBeFocused();
  expect((await focusRingOn(page))?.visible).toBe(true);
  const id = await rows.nth(0).getAttribute("data-id");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/projects/${project.slug}/queries/${id}`));

  await expect(page.getByTestId("next-query")).toBeVisible();
  await page.keyboard.press("?");
  await expect(sheet).toContainText("accept the query");
  await expect(sheet).toContainText("next query in the list");
  await expect(page.getByTestId("shortcut-sheet-close")).toBeFocused();
  // The sheet takes the keys: `a` does not accept behind it.
  await page.keyboard.press("a");
  await page.keyboard.press("Escape");
  await expect(sheet).toHaveCount(0);
  const q = (await (await page.request.get(`/api/projects/${project.slug}/queries/${id}`)).json()) as {
    query: { status: string };
  };
  expect(q.query.status).not.toBe("accepted");
  // And the page's own keys still work after it closes.
  await page.keyboard.press("j");
  await expect(page).not.toHaveURL(new RegExp(`/queries/${id}`));
});
