/**
 * The small things of the "first week" walk (issue 14): the favicon, the header naming the
 * project, the import results in the page's own words with a "failures only" filter, a copy
 * button on a new API key, and dates written one way with the full time on hover.
 */
import { expect, test } from "./support/fixtures";
import { assistant, importChat, user } from "./support/viewer-data";

test("/favicon.ico exists", async ({ page }) => {
  const res = await page.request.get("/favicon.ico");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/image/);
});

test("the header names the project and the role in a sentence; dates are unambiguous with the full time on hover", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "reviewer"));
  await importChat(page.request, project.slug, "d.jsonl", [user("Date me."), assistant("Ok.")]);
  await page.goto(`/projects/${project.slug}/trajectories`);
  const header = page.getByTestId("current-project");
  await expect(header).toContainText(`${project.name} · you are reviewer`);
  expect((await header.innerText()).trim()).not.toBe("reviewer");
  const when = page.getByTestId("trajectory-row").first().locator("time");
  await expect(when).toHaveText(/^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}$/);
  await expect(when).toHaveAttribute("title", /\d{4}.*\d{2}:\d{2}:\d{2}/);
});

test("import results: web wording, the file named once, — for a rejected file, which formats? and failures only", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "annotator"));
  await page.goto(`/projects/${project.slug}/trajectories/import`);
  await page.getByTestId("import-file-input").setInputFiles([
    {
      name: "good.jsonl",
      mimeType: "application/json",
      buffer: Buffer.from('{"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}]}\n'),
    },
    { name: "mystery.txt", mimeType: "text/plain", buffer: Buffer.from("this is not a transcript\n") },
  ]);
  await page.getByTestId("import-start").click();
  const rows = page.getByTestId("import-result-row");
  const bad = rows.filter({ hasText: "mystery.txt" });
  await expect(bad).toHaveAttribute("data-status", "rejected");
  await expect(rows.filter({ hasText: "good.jsonl" })).toHaveAttribute("data-status", "imported");
  const error = bad.getByTestId("import-result-error");
  await expect(error).not.toContainText("--format");
  await expect(error).not.toContainText("mystery.txt");
  // The file is named once (its own column); the counts of a rejected file are "—", not zeros.
  expect((await bad.innerText()).split("mystery.txt").length - 1).toBe(1);
  const counts = await bad.locator("td.tabular-nums").allInnerTexts();
  expect(counts.length).toBeGreaterThan(0);
  expect(counts.every((c) => c.trim() === "—")).toBe(true);
  // The known formats behind a link.
  await bad.getByText("which formats?").click();
  await expect(bad).toContainText("claude-code");

  await page.getByTestId("failures-only").check();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("mystery.txt");
  await page.getByTestId("failures-only").uncheck();
  await expect(rows).toHaveCount(2);
});

test("a new API key has a copy button that copies it", async ({ page, factory, loginAs, context }) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "lead"));
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(`/projects/${project.slug}/settings`);
  await page.locator("input[name=name]").fill("recorder");
  await page.locator("input[name=name]").press("Enter");
  const secret = await page.getByTestId("new-api-key-secret").innerText();
  expect(secret.length).toBeGreaterThan(20);
  await page.getByTestId("copy-api-key").click();
  await expect(page.getByTestId("new-api-key")).toContainText("Copied to the clipboard.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret.trim());
});

test("the demo's trajectories carry their real formats; format and agent are separate columns and filters, one name for codex", async ({
  page,
}) => {
  const { signIn, DEMO_ADMIN } = await import("./support/fixtures");
  await signIn(page.request, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto("/projects/demo/trajectories?sort=title&order=asc");
  const rows = page.getByTestId("trajectory-row");
  await expect(rows).toHaveCount(5);
  const formats = await page.getByTestId("cell-format").allInnerTexts();
  const agents = await page.getByTestId("cell-agent").allInnerTexts();
  expect([...formats].sort()).toEqual(["claude-code", "codex-cli", "gemini-cli", "sii-cli", "sii-cli"]);
  expect([...agents].sort()).toEqual(["claude-code", "codex-cli", "gemini-cli", "sii-cli", "sii-cli"]);
  expect(formats.concat(agents)).not.toContain("codex");

  await page.getByTestId("filter-format").selectOption("sii-cli");
  await expect(rows).toHaveCount(2);
  await expect(page).toHaveURL(/format=sii-cli/);
  await page.getByTestId("clear-filters").click();
  await expect(rows).toHaveCount(5);
  await page.getByTestId("filter-agent").selectOption("codex-cli");
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId("cell-format")).toHaveText("codex-cli");
  // The filter lists one codex name.
  const agentOptions = await page.getByTestId("filter-agent").locator("option").allInnerTexts();
  expect(agentOptions.filter((o) => o.startsWith("codex"))).toEqual(["codex-cli"]);
});
