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
  return { trajectory: t.items[0].id, query: q.items[0].id, prImport: p.imports[0]?.id, live: await liveSession(page) };
}

/** A live session of the demo with a few steps (opened through the HTTP fallback with a key), once. */
async function liveSession(page: Page): Promise<string> {
  const list = (await (await page.request.get("/api/projects/demo/live/sessions")).json()) as {
    sessions: Array<{ id: string }>;
  };
  if (list.sessions[0]) return list.sessions[0].id;
  const created = await page.request.post("/api/projects/demo/api-keys", {
    data: { name: "a11y agent", role: "annotator" },
  });
  const { secret } = ((await created.json()) as { apiKey: { secret: string } }).apiKey;
  const headers = { authorization: `Bearer ${secret}` };
  const session = crypto.randomUUID();
  await page.request.post("/api/projects/demo/live/sessions", {
    headers,
    data: { session, format: "limi-runner", agent: "limi run", model: "gpt-4.1", title: "Fix the failing pager test" },
  });
  const steps = [
    { kind: "human", text: "The pager test fails on the last page; fix it." },
    { kind: "tool_call", callId: "c1", name: "read_file", arguments: { absolute_path: "src/pager.ts" } },
    {
      kind: "tool_result",
      callId: "c1",
      name: "read_file",
      output: "const last = n;",
      isError: false,
      truncated: false,
    },
    { kind: "assistant", text: "The last index is off by one; changing it to n - 1." },
  ];
  await page.request.post(`/api/projects/demo/live/sessions/${session}/steps`, {
    headers,
    data: { steps: steps.map((step, i) => ({ seq: i + 1, step })) },
  });
  return session;
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
  (ids) => `/projects/demo/live/${ids.live}`,
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
  "live session",
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
