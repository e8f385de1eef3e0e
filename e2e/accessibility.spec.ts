/**
 * Every page, light and dark, through axe-core's WCAG 2.x rules: no serious or critical finding.
 * (axe-core/playwright 4.13: 4.14 needs Node 22.) And the focus is visible when tabbing.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { DEMO_ADMIN, expect, signIn, test, uid } from "./support/fixtures";
import { makeCurationSet } from "./support/database";

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
  // The demo has no curation set: the first run makes one, so the board can be audited.
  const sets = (await (await page.request.get("/api/projects/demo/curation/sets")).json()) as {
    sets: Array<{ id: string }>;
  };
  const set =
    sets.sets[0]?.id ??
    (
      (await (await page.request.post("/api/projects/demo/curation/sets", { data: { name: "Audit" } })).json()) as {
        set: { id: string };
      }
    ).set.id;
  return {
    trajectory: t.items[0].id,
    query: q.items[0].id,
    prImport: p.imports[0]?.id,
    set,
    checkedSet: await checkedSet(page, t.items),
    live: await liveSession(page),
  };
}

/** A demo set of a few trajectories, its checks run once (unapproved items and secrets give findings to show). */
let checkedSetId: Promise<string> | null = null;
function checkedSet(page: Page, items: Array<{ id: string }>): Promise<string> {
  checkedSetId ??= (async () => {
    const id = await makeCurationSet(
      "demo",
      `Accessibility checks ${uid()}`,
      items.slice(0, 4).map((x) => x.id),
    );
    const run = await page.request.post(`/api/projects/demo/curation/sets/${id}/checks`);
    expect(run.status()).toBe(200);
    return id;
  })();
  return checkedSetId;
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
  (ids) => `/projects/demo/trajectories/${ids.trajectory}/training`,
  () => "/projects/demo/queries",
  () => "/projects/demo/queries/new",
  (ids) => `/projects/demo/queries/${ids.query}`,
  () => "/projects/demo/queries/prs",
  (ids) => (ids.prImport ? `/projects/demo/queries/prs/${ids.prImport}` : null),
  () => "/projects/demo/queries/synthesis",
  () => "/projects/demo/review",
  () => "/projects/demo/curation",
  (ids) => `/projects/demo/curation/sets/${ids.set}`,
  () => "/projects/demo/curation/releases",
  () => "/projects/demo/curation/statistics",
  (ids) => `/projects/demo/curation/sets/${ids.checkedSet}/checks`,
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
  "training view",
  "queries",
  "new query",
  "query",
  "pull requests",
  "pull request import",
  "synthesis",
  "review",
  "curation",
  "curation board",
  "releases",
  "curation statistics",
  "curation checks",
  "live",
  "live session",
  "exports",
  "settings",
];

const SCHEMES = ["light", "dark"] as const;
type Scheme = (typeof SCHEMES)[number];

/** Puts the page in one colour scheme and checks that the page follows it. */
async function useScheme(page: Page, scheme: Scheme) {
  await page.emulateMedia({ colorScheme: scheme });
}
async function expectScheme(page: Page, scheme: Scheme) {
  await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /dark/ : /^(?!.*dark)/);
}

// Each page is audited in light and then dark mode in one test: the sign-in and the demo's ids are
// shared, and a failure names the scheme it was found in.
test("the sign-in page, light and dark, has no serious or critical accessibility finding", async ({ page }) => {
  for (const scheme of SCHEMES) {
    await useScheme(page, scheme);
    await page.goto("/login");
    await expectScheme(page, scheme);
    expect(await seriousFindings(page), `${scheme} mode`).toEqual([]);
  }
});

PAGES.forEach((pathOf, i) => {
  test(`the ${NAMES[i]} page, light and dark, has no serious or critical accessibility finding`, async ({ page }) => {
    await signIn(page.request, DEMO_ADMIN.email, DEMO_ADMIN.password);
    const path = pathOf(await demoIds(page));
    expect(path, "the demo has this object").not.toBeNull();
    for (const scheme of SCHEMES) {
      await useScheme(page, scheme);
      await page.goto(path!);
      await expectScheme(page, scheme);
      await page.waitForLoadState("networkidle");
      if (NAMES[i] === "viewer")
        await expect(page.getByTestId("trajectory-viewer")).toHaveAttribute("data-ready", "true");
      expect(await seriousFindings(page), `${scheme} mode`).toEqual([]);
    }
  });
});

test("the trajectory list with a focused row and its shortcut sheet open, light and dark, has no serious or critical finding", async ({
  page,
}) => {
  await signIn(page.request, DEMO_ADMIN.email, DEMO_ADMIN.password);
  for (const scheme of SCHEMES) {
    await useScheme(page, scheme);
    await page.goto("/projects/demo/trajectories");
    await expectScheme(page, scheme);
    await expect(page.getByTestId("trajectory-row").first()).toBeVisible();
    await page.keyboard.press("j");
    await expect(page.getByTestId("trajectory-row").first()).toHaveAttribute("data-focused", "true");
    expect(await seriousFindings(page), `${scheme} mode, focused row`).toEqual([]);
    await page.keyboard.press("?");
    await expect(page.getByTestId("shortcut-sheet")).toBeVisible();
    expect(await seriousFindings(page), `${scheme} mode, shortcut sheet`).toEqual([]);
  }
});

test("the viewer's step menu and text outline, light and dark, have no serious or critical accessibility finding", async ({
  page,
}) => {
  await signIn(page.request, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.setViewportSize({ width: 1440, height: 900 });
  const trajectory = (await demoIds(page)).trajectory;
  for (const scheme of SCHEMES) {
    await useScheme(page, scheme);
    await page.goto(`/projects/demo/trajectories/${trajectory}`);
    await expectScheme(page, scheme);
    await expect(page.getByTestId("trajectory-viewer")).toHaveAttribute("data-ready", "true");
    await page.getByTestId("outline-toggle").click();
    await expect(page.getByTestId("text-outline")).toBeVisible();
    await page.locator("[data-testid=step]").first().hover();
    await page.locator("[data-testid=step]").first().getByTestId("step-menu").click();
    await expect(page.getByTestId("step-menu-list")).toBeVisible();
    expect(await seriousFindings(page), `${scheme} mode`).toEqual([]);
  }
});

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
