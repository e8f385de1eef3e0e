import { readFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./support/fixtures";

const FIX = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../lib/formats/fixtures");
const PLAIN = readFileSync(path.join(FIX, "variants/mini-swe-agent/pallets__text-214.traj.json"), "utf8");
const SHOTS = process.env.SCREENSHOT_DIR;

test("a lead re-parses the project's originals: progress, then re-parsed and to-decide lists", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "lead"));
  await page.goto(`/projects/${project.slug}/settings`);
  const panel = page.getByTestId("reparse-panel");
  await expect(panel).toContainText("No kept original files yet");
  await expect(page.getByTestId("reparse-start")).toBeDisabled();

  // Two originals read the way the importer read them before (the chat reader), one then edited.
  const upload = async (name: string, body: string) => {
    const res = await page.request.post(`/api/projects/${project.slug}/imports?filename=${name}&format=openai-chat`, {
      data: Buffer.from(body),
      headers: { "content-type": "application/octet-stream" },
    });
    expect(res.status()).toBe(200);
    return ((await res.json()) as { results: { trajectoryId: string }[] }).results[0].trajectoryId;
  };
  await upload("slugify.traj.json", PLAIN);
  const edited = await upload("slugify-2.traj.json", PLAIN.replace("keeps trailing dashes", "drops unicode"));
  const rev = await page.request.post(`/api/projects/${project.slug}/trajectories/${edited}/revisions`, {
    data: { baseNumber: 1, reason: "trim the prompt", ops: [{ op: "delete", key: "s0" }] },
  });
  expect(rev.status()).toBe(201);

  await page.reload();
  await expect(panel).toContainText("2 kept original files.");
  await page.getByTestId("reparse-start").click();
  await page.getByTestId("reparse-confirm").getByRole("button", { name: "Re-parse" }).click();
  const job = page.getByTestId("reparse-job");
  await expect(job).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  await expect(page.getByTestId("reparse-done")).toContainText("human messages 5 → 1, tool calls 0 → 4");
  await expect(page.getByTestId("reparse-decide")).toContainText("tool calls 0 → 4");
  await expect(page.getByTestId("reparse-decide").getByRole("link")).toHaveAttribute(
    "href",
    `/projects/${project.slug}/trajectories/${edited}`,
  );
  // A second one while none runs is allowed; the button is back.
  await expect(page.getByTestId("reparse-start")).toBeEnabled();

  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    for (const scheme of ["light", "dark"] as const) {
      // The theme is chosen from the colour scheme when the page loads.
      await page.emulateMedia({ colorScheme: scheme });
      await page.reload();
      await expect(job).toHaveAttribute("data-status", "done");
      for (const width of [1440, 1024, 768]) {
        await page.setViewportSize({ width, height: 1000 });
        await panel.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(SHOTS, `reparse-${width}-${scheme}.png`), fullPage: true });
      }
    }
  }
});
