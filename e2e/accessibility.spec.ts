/**
 * Every page, light and dark, through axe-core's WCAG 2.x rules: no serious or critical finding.
 * (axe-core/playwright 4.13: 4.14 needs Node 22.) And the focus is visible when tabbing.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { DEMO_ADMIN, expect, signIn, test } from "./support/fixtures";

async function seriousFindings(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return r.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 5)
          .join(" | ")}`,
    );
}

async function demoIds(page: Page) {
  const t = (await (await page.request.get("/api/projects/demo/trajectories?sort=stepCount&order=desc")).json()) as {
    items: Array<{ id: string }>;
  };
  const q = (await (await page.request.get("/api/projects/demo/queries")).json()) as { items: Array<{ id: string }> };
  const p = (await (await page.request.get("/api/projects/demo/pr-imports")).json()) as {
    imports: Array<{ id: string }>;
  };
  return { trajectory: t.items[0].id, query: q.items[0].id, prImport: p.imports[0]?.id };
}

const PAGES: Array<(ids: Awaited<ReturnType<typeof demoIds>>) => string | null> = [
  () => "/projects",
  () => "/projects/demo/trajectories",
  () => "/projects/demo/trajectories/import",
  (ids) => `/projects/demo/trajectories/${ids.trajectory}`,
  () => "/projects/demo/queries",
  () => "/projects/demo/queries/new",
  (ids) => `/projects/demo/queries/${ids.query}`,
  () => "/projects/demo/queries/prs",
  (ids) => (ids.prImport ? `/projects/demo/queries/prs/${ids.prImport}` : null),
  () => "/projects/demo/queries/synthesis",
  () => "/projects/demo/review",
  () => "/projects/demo/curation",
  () => "/projects/demo/live",
  () => "/projects/demo/exports",
  () => "/projects/demo/settings",
];
const NAMES = [
  "projects",
  "trajectories",
  "import",
  "viewer",
  "queries",
  "new query",
  "query",
  "pull requests",
  "pull request import",
  "synthesis",
  "review",
  "curation",
  "live",
  "exports",
  "settings",
];

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} mode`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
    });

    test("the sign-in page has no serious or critical accessibility finding", async ({ page }) => {
      await page.goto("/login");
      await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /dark/ : /^(?!.*dark)/);
      expect(await seriousFindings(page)).toEqual([]);
    });

    PAGES.forEach((pathOf, i) => {
      test(`the ${NAMES[i]} page has no serious or critical accessibility finding`, async ({ page }) => {
        await signIn(page.request, DEMO_ADMIN.email, DEMO_ADMIN.password);
        const path = pathOf(await demoIds(page));
        expect(path, "the demo has this object").not.toBeNull();
        await page.goto(path!);
        await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /dark/ : /^(?!.*dark)/);
        await page.waitForLoadState("networkidle");
        if (NAMES[i] === "viewer")
          await expect(page.getByTestId("trajectory-viewer")).toHaveAttribute("data-ready", "true");
        expect(await seriousFindings(page)).toEqual([]);
      });
    });

    test("the viewer's step menu and text outline have no serious or critical accessibility finding", async ({
      page,
    }) => {
      await signIn(page.request, DEMO_ADMIN.email, DEMO_ADMIN.password);
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(`/projects/demo/trajectories/${(await demoIds(page)).trajectory}`);
      await expect(page.getByTestId("trajectory-viewer")).toHaveAttribute("data-ready", "true");
      await page.getByTestId("outline-toggle").click();
      await expect(page.getByTestId("text-outline")).toBeVisible();
      await page.locator("[data-testid=step]").first().hover();
      await page.locator("[data-testid=step]").first().getByTestId("step-menu").click();
      await expect(page.getByTestId("step-menu-list")).toBeVisible();
      expect(await seriousFindings(page)).toEqual([]);
    });
  });
}

test("tabbing shows where the focus is", async ({ page }) => {
  await signIn(page.request, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto("/projects/demo/trajectories");
  await expect(page.getByTestId("trajectory-row").first()).toBeVisible();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    const style = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      return { tag: el.tagName, outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow };
    });
    expect(style, `tab ${i + 1}`).not.toBeNull();
    const visible = (style!.outline !== "none" && style!.width !== "0px") || style!.shadow !== "none";
    expect(visible, `tab ${i + 1} on ${style!.tag}: ${JSON.stringify(style)}`).toBe(true);
  }
});
