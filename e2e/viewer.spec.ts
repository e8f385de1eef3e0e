import { expect, test } from "./support/fixtures";
import { assistant, importChat, longSession, user } from "./support/viewer-data";

test("opens a long trajectory, renders each kind, searches and jumps, filters, keys, deep links and the raw tab", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "annotator"));
  const messages = longSession(140, 118);
  messages.splice(2, 0, assistant("", { reasoning_details: [{ type: "reasoning.encrypted", data: "gAAAAB-opaque" }] }));
  const id = await importChat(page.request, project.slug, "long.jsonl", messages, { model: "gpt-test-model" });
  await page.goto(`/projects/${project.slug}/trajectories/${id}`);
  const viewer = page.getByTestId("trajectory-viewer");
  await expect(viewer).toHaveAttribute("data-ready", "true");

  await expect(page.getByTestId("meta-source")).toContainText("openai-chat");
  await expect(page.getByTestId("tokens-total")).toContainText("tokens");
  const steps = page.getByTestId("step");
  // Virtualized: far fewer rows in the DOM than the trajectory has steps.
  const total = await page
    .getByTestId("trajectory-viewer")
    .evaluate(() => document.querySelectorAll("[data-testid=step]").length);
  expect(total).toBeGreaterThan(3);
  expect(total).toBeLessThan(60);
  await expect(steps.filter({ has: page.locator("[data-testid=hidden-reasoning]") })).toHaveCount(1);
  await expect(page.locator('[data-testid=step][data-kind="human"]').first()).toContainText("Build the parser");
  await expect(page.locator('[data-testid=step][data-kind="tool_call"]').first().getByTestId("tool-name")).toHaveText(
    "bash",
  );
  await expect(
    page.locator('[data-testid=step][data-kind="tool_result"]').first().getByTestId("step-tokens"),
  ).toContainText("tok");

  // Search: "/" focuses the box; the match far below is counted and jumped to.
  await page.keyboard.press("/");
  await expect(page.getByTestId("search-input")).toBeFocused();
  await page.keyboard.type("NEEDLE-OUTPUT");
  await expect(page.getByTestId("search-count")).toHaveText("– / 1");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("search-count")).toHaveText("1 / 1");
  const focused = page.locator("[data-testid=step][data-focused=true]");
  await expect(focused).toContainText("NEEDLE-OUTPUT-118");
  await expect(focused).toBeInViewport();
  const key = await focused.getAttribute("data-step-key");
  expect(page.url()).toContain(`#step-${key}`);
  // Typing in the search box never triggers shortcuts.
  await page.getByTestId("search-input").press("j");
  await expect(focused).toHaveAttribute("data-step-key", key!);

  // Regex search and a broken pattern.
  await page.getByTestId("search-input").fill("log line \\d+ of");
  await page.getByTestId("search-regex").check();
  await expect(page.getByTestId("search-count")).toContainText("/ 400");
  await page.getByTestId("search-input").fill("(unclosed");
  await expect(page.getByTestId("search-error")).toBeVisible();
  await page.getByTestId("search-input").fill("");

  // j / k move the focus.
  await page.getByTestId("step-scroller").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("j");
  const after = await page.locator("[data-testid=step][data-focused=true]").getAttribute("data-step-key");
  expect(after).not.toBe(key);
  await page.keyboard.press("k");
  await expect(page.locator("[data-testid=step][data-focused=true]")).toHaveAttribute("data-step-key", key!);

  // The shortcut sheet.
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcut-sheet")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcut-sheet")).toHaveCount(0);

  // Long output collapsed with "show all".
  await page.goto(`/projects/${project.slug}/trajectories/${id}#step-s11`);
  await expect(viewer).toHaveAttribute("data-ready", "true");
  const longOut = page.locator('[data-testid=step][data-step-key="s11"]');
  await expect(longOut).toHaveAttribute("data-focused", "true");
  await expect(longOut).toBeInViewport();
  await expect(longOut).toContainText("log line 39 of");
  await expect(longOut).not.toContainText("log line 399 of");
  await longOut.getByTestId("show-all").click();
  await expect(longOut).toContainText("log line 399 of");

  // Filters.
  await page.getByTestId("filter-onlyHuman").check();
  await expect(steps.first()).toHaveAttribute("data-kind", "human");
  expect(await page.locator("[data-testid=step]:not([data-kind=human])").count()).toBe(0);
  await page.getByTestId("filter-onlyHuman").uncheck();
  await page.getByTestId("filter-onlyErrors").check();
  await expect(page.locator("[data-testid=step]")).toHaveCount(2);
  await expect(page.locator('[data-testid=step][data-kind="tool_result"]')).toContainText("error");
  await page.getByTestId("filter-onlyErrors").uncheck();

  // The outline jumps: a click near its bottom focuses one of the last steps (short ones are thin bars), near its top one of the first.
  const rail = page.getByTestId("outline-rail");
  const box = (await rail.boundingBox())!;
  const stepCount = Number(await rail.getAttribute("aria-valuemax"));
  const focusedNumber = async () =>
    Number((await page.locator("[data-testid=step][data-focused=true]").getAttribute("data-step-key"))!.slice(1));
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 2);
  await expect(page.locator("[data-testid=step][data-focused=true]")).toBeInViewport();
  expect(await focusedNumber()).toBeGreaterThan(stepCount - 6);
  await page.mouse.click(box.x + box.width / 2, box.y + 1);
  await expect(page.locator("[data-testid=step][data-focused=true]")).toBeInViewport();
  expect(await focusedNumber()).toBeLessThan(6);

  // Code-like content opens in the one read-only Monaco editor, its language picked from the content;
  // once Monaco is loaded, code blocks in the list are coloured by it too (never one editor per step).
  const firstCall = page.locator('[data-testid=step][data-kind="tool_call"]').first();
  // Shell calls read as a terminal command; their JSON is one click away.
  await expect(firstCall.getByTestId("terminal-command")).toContainText("$ pytest tests/");
  await firstCall.getByTestId("tool-raw-toggle").click();
  await firstCall.getByTestId("step-inspect").click();
  await expect(page.getByTestId("inspect-panel")).toHaveAttribute("data-language", "json");
  await expect(page.getByTestId("inspect-panel").locator(".monaco-editor")).toHaveCount(1);
  await expect(page.locator('[data-testid=step] pre[data-language="json"] span[class^="mtk"]').first()).toBeVisible();
  expect(await page.locator(".monaco-editor").count()).toBe(1);

  // Raw JSON in Monaco, and the original file.
  await page.getByTestId("tab-raw").click();
  await expect(page.getByTestId("raw-json")).toContainText('"revision": 1');
  const href = await page.getByTestId("download-source").getAttribute("href");
  const src = await page.request.get(href!);
  expect(src.status()).toBe(200);
  expect(await src.text()).toContain("NEEDLE-OUTPUT-118");
});

test("an outsider gets a 404 for the viewer page", async ({ page, factory, loginAs }) => {
  const project = await factory.project();
  const other = await factory.project();
  const admin = await factory.member(project.slug, "admin");
  await loginAs(page, admin);
  const id = await importChat(page.request, project.slug, "x.jsonl", [user("hello"), assistant("hi")]);
  await page.context().clearCookies();
  await loginAs(page, await factory.member(other.slug, "annotator"));
  const res = await page.goto(`/projects/${project.slug}/trajectories/${id}`);
  expect(res?.status()).toBe(404);
});
