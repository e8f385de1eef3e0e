/**
 * Live sessions end to end: an agent streams steps over the ingest protocol's HTTP fallback while
 * a member watches in Chromium. The watcher sees steps arrive, scrolls up (follow pauses), jumps
 * back to live, sends feedback and sees it in the session as a human step with their name.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, signIn, test, DEMO_ADMIN } from "./support/fixtures";

const SHOTS = process.env.SCREENSHOT_DIR;

const step = (i: number) =>
  i % 2 === 0
    ? { kind: "assistant", text: `Working on part ${i} of the task; reading the next file now.` }
    : { kind: "tool_call", callId: `c${i}`, name: "read_file", arguments: { absolute_path: `src/part-${i}.ts` } };

test("a watcher follows a live session, scrolls up, jumps to live and sends feedback", async ({
  browser,
  factory,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const project = await factory.project();
  const ana = await factory.member(project.slug, "annotator");
  const admin = await playwright.request.newContext({ baseURL });
  await signIn(admin, DEMO_ADMIN.email, DEMO_ADMIN.password);
  const created = await admin.post(`/api/projects/${project.slug}/api-keys`, {
    data: { name: "agent", role: "annotator" },
  });
  expect(created.ok()).toBe(true);
  const { secret } = ((await created.json()) as { apiKey: { secret: string } }).apiKey;
  const agent = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${secret}` },
  });
  const session = randomUUID();
  const base = `/api/projects/${project.slug}/live/sessions`;
  expect(
    (await agent.post(base, { data: { session, format: "limi-runner", agent: "e2e agent", model: "stub" } })).ok(),
  ).toBe(true);
  let seq = 0;
  const send = async (n: number) => {
    const steps = Array.from({ length: n }, () => ({ seq: ++seq, step: step(seq) }));
    const res = await agent.post(`${base}/${session}/steps`, { data: { steps } });
    expect(res.ok()).toBe(true);
  };
  await send(1);
  await send(1);
  await send(28);

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page.request, ana.email, ana.password);
  await page.goto(`/projects/${project.slug}/live`);
  await expect(page.getByTestId("live-session-row")).toHaveCount(1);
  await page.getByRole("link", { name: "e2e agent" }).click();
  await expect(page.getByTestId("live-step")).toHaveCount(30);
  await expect(page.getByTestId("live-watchers")).toContainText("connected");

  // New steps arrive live and the newest is in view (following).
  await send(3);
  await expect(page.getByTestId("live-step")).toHaveCount(33);
  await expect(page.getByTestId("live-step").last()).toBeInViewport();
  await expect(page.getByTestId("follow-state")).toContainText("Following");

  // Scrolling up pauses follow: new steps do not pull the view down.
  await page.getByTestId("live-steps").evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(page.getByTestId("jump-to-live")).toBeVisible();
  await expect(page.getByTestId("follow-state")).toContainText("paused");
  await send(2);
  await expect(page.getByTestId("live-step")).toHaveCount(35);
  await expect(page.getByTestId("live-step").first()).toBeInViewport();
  await expect(page.getByTestId("live-step").last()).not.toBeInViewport();

  // Jump to live: the newest step is in view and follow resumes.
  await page.getByTestId("jump-to-live").click();
  await expect(page.getByTestId("live-step").last()).toBeInViewport();
  await expect(page.getByTestId("follow-state")).toContainText("Following");

  // Feedback: stored as a human step with the watcher's name, in the session.
  await page.getByLabel("Feedback to the agent").fill("Please also check src/part-7.ts for the null case.");
  await page.getByTestId("send-feedback").click();
  await expect(page.getByTestId("live-step")).toHaveCount(36);
  const last = page.getByTestId("live-step").last();
  await expect(last).toContainText("feedback · E2E annotator");
  await expect(last).toContainText("Please also check src/part-7.ts");
  await expect(last).toBeInViewport();

  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    for (const scheme of ["light", "dark"] as const) {
      // The theme is chosen from the colour scheme when the page loads.
      await page.emulateMedia({ colorScheme: scheme });
      for (const [name, url] of [
        ["live-list", `/projects/${project.slug}/live`],
        ["live-session", `/projects/${project.slug}/live/${session}`],
      ] as const) {
        await page.goto(url);
        await expect(page.getByTestId(name === "live-list" ? "live-session-row" : "live-step").first()).toBeVisible();
        for (const width of [1440, 1024, 768]) {
          await page.setViewportSize({ width, height: 1000 });
          await page.screenshot({ path: path.join(SHOTS, `${name}-${width}-${scheme}.png`), fullPage: true });
        }
      }
    }
  }

  // The agent ends the session: it is a trajectory in review.
  const end = await agent.post(`${base}/${session}/end`);
  expect(end.ok()).toBe(true);
  await expect(page.getByRole("link", { name: "Open the trajectory" })).toBeVisible();
  await ctx.close();
  await agent.dispose();
  await admin.dispose();
});
