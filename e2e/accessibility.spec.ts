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

for (const scheme of ["light", "dark"] as const) {
  test(`every page has no serious or critical accessibility finding (${scheme})`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/login");
    await page.evaluate(() => localStorage.removeItem("limi-theme"));
    await page.reload();
    await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /dark/ : /^(?!.*dark)/);
    const found: Record<string, string[]> = { "/login": await seriousFindings(page) };

    await signIn(page.request, DEMO_ADMIN.email, DEMO_ADMIN.password);
    const ids = await demoIds(page);
    const pages = [
      "/projects",
      "/projects/demo/trajectories",
      "/projects/demo/trajectories/import",
      `/projects/demo/trajectories/${ids.trajectory}`,
      "/projects/demo/queries",
      "/projects/demo/queries/new",
      `/projects/demo/queries/${ids.query}`,
      "/projects/demo/queries/prs",
      ...(ids.prImport ? [`/projects/demo/queries/prs/${ids.prImport}`] : []),
      "/projects/demo/queries/synthesis",
      "/projects/demo/review",
      "/projects/demo/curation",
      "/projects/demo/live",
      "/projects/demo/exports",
      "/projects/demo/settings",
    ];
    for (const path of pages) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      if (path.includes("/trajectories/") && !path.endsWith("import"))
        await expect(page.getByTestId("trajectory-viewer")).toHaveAttribute("data-ready", "true");
      found[path] = await seriousFindings(page);
    }
    const failing = Object.entries(found).filter(([, v]) => v.length);
    expect(failing, JSON.stringify(Object.fromEntries(failing), null, 2)).toEqual([]);
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
