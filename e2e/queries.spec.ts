/**
 * The query pool in the browser: PR import with the LIMI filters, synthesis against the stub LLM
 * the e2e server runs (lib/llm/testing/stub-openai-server answers every chat request with a
 * valid task built from the prompt's "Title:" line), review beside the PR diff, and what each role
 * may do.
 */
import { readFile } from "node:fs/promises";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test, uid } from "./support/fixtures";

const diff = (file: string, from: string, to: string) =>
  `diff --git a/${file} b/${file}\n--- a/${file}\n+++ b/${file}\n@@ -1 +1 @@\n-${from}\n+${to}\n`;

const PRS = [
  {
    repo: "acme/scheduler",
    number: 101,
    title: "Cap retry jitter at the next backoff step",
    body: "Jitter could exceed the next step.",
    patch: diff(
      "src/retry.py",
      "delay = base * 2 ** n + jitter()",
      "delay = min(base * 2 ** n + jitter(), base * 2 ** (n + 1))",
    ),
  },
  {
    repo: "acme/scheduler",
    number: 102,
    title: "Parse cron ranges with steps",
    body: "",
    patch: diff("src/cron.py", "parts = field.split('-')", "parts, step = parse_range_with_step(field)"),
  },
  {
    repo: "acme/scheduler",
    number: 103,
    title: "Fix typos in the getting started guide",
    body: "",
    patch: diff("docs/guide.md", "Schedual a job", "Schedule a job"),
  },
];
const jsonl = (rows: unknown[]) => Buffer.from(rows.map((r) => JSON.stringify(r)).join("\n") + "\n");

/** Waits until Monaco has drawn the given editor's text. */
async function monacoText(page: Page, testId: string) {
  const lines = page.getByTestId(testId).locator(".view-lines");
  await expect(lines).toBeVisible();
  return lines;
}

test("a lead imports PRs, synthesises candidates against the stub, accepts one after an edit and rejects another", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "lead"));
  await page.goto(`/projects/${project.slug}/queries`);
  await expect(page.getByTestId("empty-state")).toContainText("No queries yet");
  await page.getByTestId("queries-tabs").getByRole("link", { name: "Pull requests" }).click();

  // Import: the docs-only PR is removed by its filter; the other two are kept.
  await page
    .getByTestId("pr-file-input")
    .setInputFiles({ name: "prs.jsonl", mimeType: "application/x-ndjson", buffer: jsonl(PRS) });
  await expect(page.getByTestId("max-patch-tokens")).toHaveValue("1200");
  await page.getByTestId("pr-import-submit").click();
  const result = page.getByTestId("pr-import-result");
  await expect(result.getByTestId("count-total")).toHaveText("3");
  await expect(result.getByTestId("count-kept")).toHaveText("2");
  await expect(result.getByTestId("removed-docsOnly")).toHaveText("1");
  await expect(result.getByTestId("removed-patchTooLarge")).toHaveText("0");
  await expect(page.getByTestId("pr-import-row")).toHaveCount(1);

  // The prompt template, previewed on one PR; a broken placeholder is refused with its line.
  await page.getByTestId("queries-tabs").getByRole("link", { name: "Synthesis" }).click();
  await monacoText(page, "template-code");
  await page.getByTestId("preview-run").click();
  await expect(page.getByTestId("preview-output")).toContainText("Repository: acme/scheduler");
  await expect(page.getByTestId("preview-output")).toContainText("Title: Cap retry jitter at the next backoff step");
  const editor = page.getByTestId("template-code");
  await editor.locator(".view-lines").click();
  await expect(editor.locator(".monaco-editor.focused")).toBeVisible();
  await page.keyboard.press("Control+Home");
  // Inserted as one piece: typed key by key, Monaco would auto-close the braces.
  await page.keyboard.insertText("{{nope}} ");
  // Typing "g s" in the editor is text, not the shell's go-to-Settings chord.
  await page.keyboard.type("gs ");
  await expect(editor.locator(".view-lines")).toContainText("{{nope}} gs You are helping");
  await expect(page).toHaveURL(/\/queries\/synthesis$/);
  await expect(page.getByTestId("template-unsaved")).toBeVisible();
  await page.getByTestId("template-save").click();
  await expect(page.getByTestId("template-error")).toContainText(
    "prompt template line 1: unknown placeholder {{nope}}",
  );
  await page.getByRole("button", { name: "Discard" }).click();
  await expect(page.getByTestId("template-unsaved")).toHaveCount(0);

  // Synthesis on the import, with live progress to the end.
  await page.getByTestId("queries-tabs").getByRole("link", { name: "Pull requests" }).click();
  await page.getByTestId("pr-import-row").getByRole("link").click();
  await expect(page.getByTestId("pr-row")).toHaveCount(3);
  await expect(page.getByTestId("pr-row").filter({ hasText: "acme/scheduler#103" })).toContainText(
    "documentation only",
  );
  // One call at a time, so the candidates are written in PR order.
  await page.getByTestId("run-concurrency").fill("1");
  await page.getByTestId("start-run").click();
  await expect(page).toHaveURL(/\/queries\/synthesis\/runs\//);
  await expect(page.getByTestId("run-detail")).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  await expect(page.getByTestId("run-done")).toHaveText("2");
  await expect(page.getByTestId("run-flagged")).toHaveText("0");
  await expect(page.getByTestId("run-tally")).toContainText(/\d+ prompt \+ \d+ completion tokens/);
  await expect(page.getByRole("progressbar", { name: "Run progress" })).toHaveAttribute("aria-valuenow", "2");

  // Review: the candidates, each beside its PR diff.
  await page.getByTestId("review-candidates").click();
  await expect(page.getByTestId("query-row")).toHaveCount(2);
  await page.getByLabel("Sort").selectOption({ label: "Oldest first" });
  await expect(page).toHaveURL(/order=asc/);
  await expect(page.getByTestId("query-row").first()).toContainText("Cap retry jitter");
  await page.getByTestId("query-link").first().click();
  const detail = page.getByTestId("query-detail");
  await expect(detail).toHaveAttribute("data-status", "candidate");
  await expect(page.getByTestId("pr-panel")).toContainText("acme/scheduler#101");
  const diffLines = await monacoText(page, "pr-diff");
  await expect(diffLines).toContainText("min(base * 2 ** n + jitter()");
  await expect(page.getByTestId("pr-diff")).toHaveAttribute("data-language", "diff");
  const provenance = page.getByTestId("query-provenance");
  await expect(provenance).toContainText("feature");
  await expect(provenance).toContainText("src/retry.py");
  await expect(provenance).toContainText("stub-model");

  const edited = `Cap the retry delay so that jitter never pushes it past the next backoff step (${uid()}). Keep the public API and add a regression test.`;
  await page.getByTestId("edit").click();
  await page.getByTestId("query-text").fill(edited);
  await expect(page.getByTestId("query-preview-body")).toContainText("Cap the retry delay");
  await expect(page.getByTestId("accept")).toHaveText(/Save and accept/);
  await page.getByTestId("accept").click();
  await expect(detail).toHaveAttribute("data-status", "accepted");
  await expect(page.getByTestId("query-body")).toContainText(edited);

  // `j` goes on to the next candidate of the list it came from (the accepted one has left it); `r` rejects.
  await page.keyboard.press("j");
  await expect(page.getByTestId("pr-panel")).toContainText("acme/scheduler#102");
  await expect(detail).toHaveAttribute("data-status", "candidate");
  await page.keyboard.press("r");
  await expect(detail).toHaveAttribute("data-status", "rejected");

  await page.goto(`/projects/${project.slug}/queries`);
  const rows = page.getByTestId("query-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "Cap the retry delay" })).toHaveAttribute("data-status", "accepted");
  await expect(rows.filter({ hasText: "Parse cron ranges" })).toHaveAttribute("data-status", "rejected");
  await page.getByLabel("Status").selectOption("accepted");
  await expect(page).toHaveURL(/status=accepted/);
  await expect(rows).toHaveCount(1);
  await page.getByLabel("Status").selectOption("");
  await expect(rows).toHaveCount(2);
});

test("an annotator writes a human query, with a sanitised preview and a clear domain error, and cannot decide", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "annotator"));
  await page.goto(`/projects/${project.slug}/queries`);
  await expect(page.getByTestId("queries-tabs")).toHaveCount(0);
  await page.getByTestId("new-query").click();

  const text = `# Gomoku ${uid()}\n\nBuild a **15x15** Gomoku page with undo.\n<img src=x onerror="window.__xss = 1"> [click](javascript:window.__xss=2)`;
  await page.getByTestId("query-text").fill(text);
  const preview = page.getByTestId("query-preview-body");
  await expect(preview.locator("h1")).toContainText("Gomoku");
  await expect(preview.locator("strong")).toHaveText("15x15");
  await expect(preview.locator("img")).toHaveCount(0);
  await expect(preview.locator("a")).toHaveCount(0);
  await expect(preview).toContainText('<img src=x onerror="window.__xss = 1">');
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  await expect(page.getByTestId("query-domain")).toHaveValue("Vibe Coding");
  await page.getByTestId("query-domain").fill("Cooking");
  await page.getByTestId("query-tags").fill("web, game");
  await page.getByTestId("query-save").click();
  await expect(page.getByTestId("error-text")).toHaveCount(0);
  await expect(
    page.getByText('unknown domain "Cooking"; this project\'s domains are: Vibe Coding, Research Workflows'),
  ).toBeVisible();
  // Nothing typed is lost.
  await expect(page.getByTestId("query-text")).toHaveValue(text);
  await page.getByTestId("query-domain").fill("Research Workflows");
  await page.getByTestId("query-save").click();

  const detail = page.getByTestId("query-detail");
  await expect(detail).toHaveAttribute("data-status", "candidate");
  await expect(page.getByTestId("query-notice")).toContainText("Query created.");
  await expect(page.getByTestId("edit")).toBeVisible();
  await expect(page.getByTestId("accept")).toHaveCount(0);
  await expect(page.getByTestId("reject")).toHaveCount(0);
  await page.keyboard.press("a");
  await expect(detail).toHaveAttribute("data-status", "candidate");
  await expect(page.getByTestId("linked-trajectories")).toContainText("No trajectories for this query yet");

  // An attempt at the query, imported for it: linked from the query and counted in the list.
  const queryId = page.url().split("/queries/")[1].split("?")[0];
  const session = JSON.stringify({
    messages: [
      { role: "user", content: `Build the Gomoku page ${uid()}` },
      { role: "assistant", content: "Done." },
    ],
  });
  const imported = await page.request.post(
    `/api/projects/${project.slug}/imports?filename=attempt.jsonl&queryId=${queryId}`,
    { data: Buffer.from(`${session}\n`), headers: { "content-type": "application/x-ndjson" } },
  );
  expect(imported.status()).toBe(200);
  const trajectoryId = ((await imported.json()) as { results: Array<{ trajectoryId: string }> }).results[0]
    .trajectoryId;
  await page.reload();
  const attempt = page.getByTestId("linked-trajectory");
  await expect(attempt).toHaveCount(1);
  await expect(attempt.getByRole("link")).toHaveAttribute(
    "href",
    `/projects/${project.slug}/trajectories/${trajectoryId}`,
  );

  await page.getByTestId("back-to-list").click();
  const row = page.getByTestId("query-row");
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("trajectory-count")).toHaveText("1");
  await expect(row.getByTestId("approved-count")).toHaveText("0");
  await expect(row).toContainText("Research Workflows");
  await expect(row).toContainText("web");
  await expect(page.getByTestId("select-row")).toHaveCount(0);
  await page.goto(`/projects/${project.slug}/queries/prs`);
  await expect(page.getByTestId("forbidden")).toBeVisible();
});

test("a malformed PR file is refused with the line and field named, and nothing is imported", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "lead"));
  await page.goto(`/projects/${project.slug}/queries/prs`);
  const untitled = { ...PRS[1], title: undefined };
  await page
    .getByTestId("pr-file-input")
    .setInputFiles({ name: "broken.jsonl", mimeType: "application/x-ndjson", buffer: jsonl([PRS[0], untitled]) });
  await page.getByTestId("pr-import-submit").click();
  await expect(page.getByTestId("pr-import-error")).toContainText(
    "broken.jsonl line 2 field title: is required; nothing was imported",
  );
  await expect(page.getByTestId("pr-import-result")).toHaveCount(0);
  await expect(page.getByText("No pull requests imported yet")).toBeVisible();

  // A filter option that is not a number is caught before upload.
  await page.getByTestId("max-patch-tokens").fill("lots");
  await page.getByTestId("pr-import-submit").click();
  await expect(page.getByText("a whole number of tokens, at least 1")).toBeVisible();
});

async function createQuery(request: APIRequestContext, slug: string, text: string) {
  const res = await request.post(`/api/projects/${slug}/queries`, { data: { text, domain: "Vibe Coding" } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { query: { id: string } }).query.id;
}

test("a lead imports queries as JSONL, confirms near-duplicates before accepting, and bulk-rejects", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "lead"));
  await page.goto(`/projects/${project.slug}/queries`);

  const good = {
    text: `Summarise the retrieval survey ${uid()} into a two-page brief with citations.`,
    domain: "Research Workflows",
    tags: ["survey"],
  };
  await page.getByTestId("query-import-input").setInputFiles({
    name: "pool.jsonl",
    mimeType: "application/x-ndjson",
    buffer: jsonl([good, { text: "No domain here" }]),
  });
  await expect(page.getByTestId("query-import-error")).toContainText("pool.jsonl line 2 field domain");
  await expect(page.getByTestId("query-import-error")).toContainText("nothing was imported");
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await page
    .getByTestId("query-import-input")
    .setInputFiles({ name: "pool.jsonl", mimeType: "application/x-ndjson", buffer: jsonl([good]) });
  await expect(page.getByTestId("query-import-result")).toHaveText("Imported 1 query.");
  await expect(page.getByTestId("query-row")).toHaveCount(1);

  const gomoku =
    "Build a fifteen by fifteen Gomoku web page with undo and redo, win detection in four directions and an AI opponent that blocks open fours.";
  await createQuery(page.request, project.slug, gomoku);
  const twin = await createQuery(page.request, project.slug, `${gomoku} Thanks.`);

  // One at a time: `a` asks first, with the similar query listed.
  await page.goto(`/projects/${project.slug}/queries/${twin}`);
  await expect(page.getByTestId("duplicate-warning")).toContainText("A similar query is already in the pool");
  await page.keyboard.press("a");
  const dialog = page.getByTestId("duplicate-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("duplicate-hit")).toContainText("fifteen by fifteen Gomoku");
  // Keys go to the dialog, not the page, while it is open.
  await page.keyboard.press("r");
  await expect(page.getByTestId("query-detail")).toHaveAttribute("data-status", "candidate");
  await dialog.getByTestId("duplicate-dialog-confirm").click();
  await expect(page.getByTestId("query-detail")).toHaveAttribute("data-status", "accepted");

  // In bulk: select the survey and the other Gomoku query; accepting asks about the Gomoku one.
  await page.goto(`/projects/${project.slug}/queries?status=candidate`);
  await expect(page.getByTestId("query-row")).toHaveCount(2);
  await page.getByTestId("select-all").check();
  await expect(page.getByTestId("bulk-bar")).toContainText("2 queries selected");
  await page.getByTestId("bulk-accept").click();
  const bulkDialog = page.getByTestId("bulk-duplicates-dialog");
  await expect(bulkDialog).toContainText("1 of the 2 selected queries has near-duplicates");
  await bulkDialog.getByRole("button", { name: "Cancel" }).click();
  await page.getByTestId("bulk-reject").click();
  await expect(page.getByTestId("query-notice")).toHaveText("Rejected 2 queries.");
  await expect(page.getByTestId("empty-state")).toContainText("No queries match these filters");
  await page.getByTestId("clear-filters").click();
  await expect(page.getByTestId("query-row").filter({ has: page.locator('[data-status="rejected"]') })).toHaveCount(2);
  await expect(page.getByTestId("query-row")).toHaveCount(3);

  // Export: the whole pool as JSONL, as imported.
  await page.getByTestId("query-export").click();
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "All queries" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${project.slug}-queries.jsonl`);
  const lines = (await readFile(await download.path(), "utf8"))
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { text: string; status: string; tags: string[] });
  expect(lines).toHaveLength(3);
  expect(lines.find((l) => l.text === good.text)).toMatchObject({ status: "rejected", tags: ["survey"] });
});

test("a lead follows a run live: a flagged output with its reason, a cancel mid-call, and a resume that finishes without duplicates", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "lead"));
  // The stub reads directives from the PR title (lib/llm/testing/stub-openai-server).
  const prs = [
    {
      repo: "acme/ledger",
      number: 201,
      title: "Round totals half-even",
      patch: diff("src/total.ts", "round(x)", "roundHalfEven(x)"),
    },
    {
      repo: "acme/ledger",
      number: 202,
      title: "[stub:invalid] Sort accounts by code",
      patch: diff("src/accounts.ts", "sortBy(name)", "sortBy(code)"),
    },
    {
      repo: "acme/ledger",
      number: 203,
      title: "[stub:slow=4000] Reject negative amounts",
      patch: diff("src/amount.ts", "parse(a)", "parsePositive(a)"),
    },
  ];
  const res = await page.request.post(`/api/projects/${project.slug}/pr-imports`, {
    multipart: { file: { name: "ledger.jsonl", mimeType: "application/x-ndjson", buffer: jsonl(prs) } },
  });
  expect(res.status()).toBe(201);
  const importId = ((await res.json()) as { import: { id: string } }).import.id;

  await page.goto(`/projects/${project.slug}/queries/prs/${importId}`);
  await page.getByTestId("run-concurrency").fill("1");
  await page.getByTestId("start-run").click();
  const run = page.getByTestId("run-detail");
  // #201 written, #202 flagged after its retry, #203 held by the stub: cancel it in flight.
  const flag = page.getByTestId("run-flag");
  await expect(flag).toContainText("acme/ledger#202", { timeout: 20_000 });
  await expect(flag).toContainText("invalid output");
  await expect(flag).toContainText("the model's reply was unusable twice: the reply is not JSON");
  await expect(run).toHaveAttribute("data-status", "running");
  await page.getByTestId("cancel-run").click();
  await expect(run).toHaveAttribute("data-status", "cancelled");
  await expect(run).toHaveAttribute("data-executing", "false", { timeout: 15_000 });
  await expect(page.getByTestId("run-done")).toHaveText("1");
  await expect(page.getByTestId("run-flagged")).toHaveText("1");

  await page.getByTestId("resume-run").click();
  await expect(run).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  // #201 is not written twice; #202 is tried again (and flagged again); #203 is finished.
  await expect(page.getByTestId("run-skipped")).toHaveText("1");
  await expect(page.getByTestId("run-done")).toHaveText("1");
  await expect(page.getByTestId("run-flagged")).toHaveText("1");
  await expect(page.getByTestId("resume-run")).toHaveText("Retry flagged");

  await page.getByTestId("review-candidates").click();
  const rows = page.getByTestId("query-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "Round totals half-even" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Reject negative amounts" })).toHaveCount(1);
});

test("the demo project comes with both tracks of the pool: human tasks its trajectories attempt, and PR candidates", async ({
  page,
  loginAs,
}) => {
  await loginAs(page, { email: "lead@limi.local", password: "limi-demo" });
  await page.goto("/projects/demo/queries?source=human");
  const gomoku = page.getByTestId("query-row").filter({ hasText: "Gomoku" });
  await expect(gomoku).toHaveAttribute("data-status", "accepted");
  await expect(gomoku.getByTestId("trajectory-count")).toHaveText("1");

  await page.goto("/projects/demo/queries?source=pr_synthesized");
  const candidate = page.getByTestId("query-row").filter({ hasText: "NO_PROXY" });
  await expect(candidate).toHaveAttribute("data-status", "candidate");
  await expect(candidate).toContainText("psf/requests#6710");

  await page.goto("/projects/demo/queries/prs");
  const imp = page.getByTestId("pr-import-row").filter({ hasText: "demo-prs.jsonl" });
  // Four PRs read: a docs-only one and an over-size one removed by the LIMI filters.
  await expect(imp.locator("td").nth(1)).toHaveText("4");
  await expect(imp.locator("td").nth(2)).toHaveText("2");
});
