import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { expect, signIn, test } from "./support/fixtures";
import { makeE2eRelease } from "./support/database";

const SHOTS = process.env.SCREENSHOT_DIR;

// An export is a background job and the screenshots are many: more time than the default on a shared machine.
test.describe.configure({ timeout: 300_000 });

function sessionLine(task: string) {
  return JSON.stringify({
    messages: [
      { role: "system", content: "You are a coding agent." },
      { role: "user", content: task },
      {
        role: "assistant",
        content: "I'll look first.",
        tool_calls: [{ id: "c1", type: "function", function: { name: "sh", arguments: '{"command":"ls"}' } }],
      },
      { role: "tool", tool_call_id: "c1", content: "a.txt" },
      { role: "assistant", content: "There is one file, a.txt." },
    ],
  });
}

async function shots(page: import("@playwright/test").Page, name: string, ready: () => Promise<void>) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.reload();
    await ready();
    for (const width of [1440, 1024, 768]) {
      await page.setViewportSize({ width, height: 1000 });
      await page.screenshot({ path: path.join(SHOTS, `${name}-${width}-${scheme}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("a lead sees the training view with loss spans, exports a release as limi with progress and downloads the zip; an annotator is refused", async ({
  page,
  playwright,
  baseURL,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  const lead = await factory.member(project.slug, "lead");
  const admin = await factory.member(project.slug, "admin");
  const annotator = await factory.member(project.slug, "annotator");

  // An admin names the chat template (a model folder of the server's models folder).
  const adminApi = await playwright.request.newContext({ baseURL });
  await signIn(adminApi, admin.email, admin.password);
  const set = await adminApi.put(`/api/projects/${project.slug}/chat-template`, { data: { model: "tiny-chat" } });
  expect(set.status()).toBe(202);

  await loginAs(page, lead);
  const ids: string[] = [];
  for (const task of ["List the files.", "Show the files."]) {
    const res = await page.request.post(`/api/projects/${project.slug}/imports?filename=s.jsonl`, {
      data: Buffer.from(`${sessionLine(task)}\n`),
      headers: { "content-type": "application/octet-stream" },
    });
    expect(res.status()).toBe(200);
    const id = ((await res.json()) as { results: { trajectoryId: string }[] }).results[0].trajectoryId;
    const ok = await page.request.post(`/api/projects/${project.slug}/trajectories/${id}/decision`, {
      data: { decision: "override_approve", revisionNumber: 1, reason: "e2e release" },
    });
    expect(ok.status()).toBe(200);
    ids.push(id);
  }

  // The training view, from the viewer.
  await page.goto(`/projects/${project.slug}/trajectories/${ids[0]}`);
  await page.getByTestId("open-training-view").click();
  await expect(page).toHaveURL(new RegExp(`/trajectories/${ids[0]}/training`));
  const text = page.getByTestId("training-text");
  await expect(text).toContainText("<|im_start|>assistant");
  const spans = page.getByTestId("loss-span");
  await expect(spans).toHaveCount(2);
  await expect(spans.nth(1)).toHaveText("There is one file, a.txt.<|im_end|>\n");
  await expect(page.getByTestId("training-token-count")).not.toHaveText("");
  await shots(page, "training-view", () => expect(spans).toHaveCount(2));

  // Export release 1 as limi: progress, then the download.
  const release = await makeE2eRelease(project.slug, ids);
  await page.goto(`/projects/${project.slug}/exports`);
  await expect(page.getByTestId("export-release")).toHaveValue(String(release));
  await page.getByTestId("export-format").selectOption("limi");
  await page.getByTestId("export-repeat").fill("2");
  await page.getByTestId("export-start").click();
  const row = page.getByTestId("export-row").first();
  await expect(row).toHaveAttribute("data-status", /queued|running|done/, { timeout: 60_000 });
  await expect(row).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), row.getByTestId("export-download").click()]);
  expect(download.suggestedFilename()).toBe(`${project.slug}-release-${release}-limi.zip`);
  const zip = unzipSync(new Uint8Array(readFileSync(await download.path())));
  expect(Object.keys(zip)).toEqual(["data/train.json", "data/train.parquet", "manifest.json", "README.md"]);
  const train = JSON.parse(Buffer.from(zip["data/train.json"]).toString("utf8")) as unknown[];
  expect(train).toHaveLength(4);
  await shots(page, "exports", () =>
    expect(page.getByTestId("export-row").first()).toHaveAttribute("data-status", "done"),
  );

  // An annotator is refused by the server, and the page says so.
  const annotatorApi = await playwright.request.newContext({ baseURL });
  await signIn(annotatorApi, annotator.email, annotator.password);
  const refused = await annotatorApi.post(`/api/projects/${project.slug}/exports`, {
    data: { release, format: "limi" },
  });
  expect(refused.status()).toBe(403);
  expect((await annotatorApi.get(`/api/projects/${project.slug}/exports`)).status()).toBe(403);
  await adminApi.dispose();
  await annotatorApi.dispose();
});

test("the exports page of a project without releases says how to make one", async ({ page, factory, loginAs }) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "lead"));
  await page.goto(`/projects/${project.slug}/exports`);
  await expect(page.getByTestId("empty-state")).toContainText("No releases yet");
  await expect(page.getByText("No exports yet.")).toBeVisible();
});

test("an admin chooses the chat template in Settings by model folder; a lead sees it without the form", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "admin"));
  await page.goto(`/projects/${project.slug}/settings`);
  const panel = page.getByTestId("chat-template-panel");
  await expect(panel).toContainText("Now: none", { timeout: 60_000 });
  await expect(page.getByTestId("template-model")).toHaveValue("tiny-chat");
  await page.getByTestId("template-builtin").selectOption("chatml");
  await panel.getByRole("button", { name: "Save and count" }).click();
  await expect(panel).toContainText("Now: builtin:chatml+folder:tiny-chat", { timeout: 60_000 });
  await shots(page, "settings-training-view", async () => {
    await expect(panel).toContainText("Now: builtin:chatml+folder:tiny-chat", { timeout: 60_000 });
    await panel.scrollIntoViewIfNeeded();
  });
});
