/**
 * Reading and editing long agent transcripts (issue 15): tool-aware steps, the call ↔ result jump,
 * the text outline at 6,000 steps, step actions by keyboard, error flags set by hand, the editing
 * warning between two people, the wide diff, and annotations highlighted, edited and deleted.
 */
import type { Page } from "@playwright/test";
import { expect, signIn, test, twoPeople } from "./support/fixtures";
import { assistant, call, importChat, longSession, result, user } from "./support/viewer-data";

// Two browsers, Monaco and a 6,000-step import per test: more room than the default minute.
test.describe.configure({ timeout: 120_000 });

const step = (page: Page, key: string) => page.locator(`[data-testid=step][data-step-key="${key}"]`);

async function openViewer(page: Page, slug: string, id: string, hash = "") {
  await page.goto(`/projects/${slug}/trajectories/${id}${hash}`);
  await expect(page.getByTestId("trajectory-viewer")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
}

const CODING = [
  user("Make the counter start at two."),
  call("e1", "Edit", {
    file_path: "src/counter.ts",
    old_string: "let count = 1;\nexport {};",
    new_string: "let count = 2;\nexport {};",
  }),
  result("e1", "The file src/counter.ts has been updated."),
  call("b1", "Bash", { command: "npm test -- counter" }),
  result("b1", "Exit code: 1\nOutput:\nFAIL src/counter.test.ts\n  expected 2, got 1", true),
  call("w1", "write_file", { file_path: "notes.md", content: "WRITTEN-ONCE body of the notes" }),
  result("w1", "ok"),
  assistant("The test still fails; the fixture pins 1."),
];

test("tool calls read as what they do: an edit as a diff, a shell call with its exit code, a write once, JSON a click away", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "annotator"));
  const id = await importChat(page.request, project.slug, "coding.jsonl", CODING);
  await openViewer(page, project.slug, id);

  const diff = step(page, "s1").getByTestId("tool-diff");
  await expect(diff.locator('[data-diff="removed"]')).toHaveText(["− let count = 1;"]);
  await expect(diff.locator('[data-diff="added"]')).toHaveText(["+ let count = 2;"]);
  await expect(step(page, "s1")).toContainText("src/counter.ts");

  await expect(step(page, "s3").getByTestId("terminal-command")).toHaveText("$ npm test -- counter");
  await expect(step(page, "s4").getByTestId("terminal-output")).toContainText("FAIL src/counter.test.ts");
  await expect(step(page, "s4").getByTestId("exit-code")).toHaveAttribute("data-exit-code", "1");
  await expect(step(page, "s4").getByTestId("exit-code")).toHaveText("exit 1");

  // The written file's content appears once, not also as JSON and "as written".
  await expect(step(page, "s5").getByText("WRITTEN-ONCE", { exact: false })).toHaveCount(1);

  // The raw arguments are one click away, and back.
  await step(page, "s1").getByTestId("tool-raw-toggle").click();
  await expect(step(page, "s1").locator("[data-field=arguments]")).toContainText('"old_string"');
  await step(page, "s1").getByTestId("tool-raw-toggle").click();
  await expect(step(page, "s1").getByTestId("tool-diff")).toBeVisible();
});

test("a call and its result point at each other and jump both ways, by click and by key", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "annotator"));
  const id = await importChat(page.request, project.slug, "pairs.jsonl", CODING);
  await openViewer(page, project.slug, id);

  await expect(step(page, "s3").getByTestId("jump-to-result")).toHaveText("→ result #5");
  await step(page, "s3").getByTestId("jump-to-result").click();
  await expect(step(page, "s4")).toHaveAttribute("data-focused", "true");
  await expect(step(page, "s4").getByTestId("jump-to-call")).toHaveText("← call #4");
  await page.keyboard.press("p");
  await expect(step(page, "s3")).toHaveAttribute("data-focused", "true");
  await page.keyboard.press("p");
  await expect(step(page, "s4")).toHaveAttribute("data-focused", "true");
});

test("step actions are hidden until hover or focus and all reachable from the keyboard menu", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "annotator"));
  const id = await importChat(page.request, project.slug, "keys.jsonl", CODING);
  await openViewer(page, project.slug, id);

  const row = (key: string) => step(page, key).getByTestId("step-actions-row");
  const opacity = (key: string) => row(key).evaluate((el) => getComputedStyle(el).opacity);
  await page.mouse.move(0, 0);
  expect(await opacity("s7")).toBe("0");
  // Tabbing onto a step's menu button shows its actions.
  await step(page, "s7").getByTestId("step-menu").focus();
  expect(await opacity("s7")).toBe("1");

  // j moves the focus, "." opens the menu of the focused step, ↓ and Enter run an action.
  await step(page, "s0").getByTestId("step-content").click();
  await page.keyboard.press("j");
  await expect(step(page, "s1")).toHaveAttribute("data-focused", "true");
  await page.keyboard.press(".");
  const menu = page.getByTestId("step-menu-list");
  await expect(menu).toBeVisible();
  await expect(menu.getByRole("menuitem")).toContainText([
    "Go to its result (#3)",
    "Open read-only",
    "Annotate",
    "Edit",
  ]);
  await expect(page.getByTestId("step-menu-pair")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByTestId("step-menu-annotate")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(menu).toBeHidden();
  await expect(page.getByTestId("annotation-form")).toBeVisible();

  // Keys for errors and human turns; n annotates; the ? sheet lists them.
  await step(page, "s0").getByTestId("step-content").click();
  await page.keyboard.press("]");
  await expect(step(page, "s4")).toHaveAttribute("data-focused", "true");
  await page.keyboard.press("H");
  await expect(step(page, "s0")).toHaveAttribute("data-focused", "true");
  await page.keyboard.press("?");
  const sheet = page.getByTestId("shortcut-sheet");
  for (const what of ["annotate the focused step", "next error", "previous human turn", "save the revision"])
    await expect(sheet).toContainText(what);
});

test("an error flag is set and cleared by hand in an edit, shown apart from the source's flag", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "annotator"));
  const id = await importChat(page.request, project.slug, "flags.jsonl", CODING);
  await openViewer(page, project.slug, id);

  await expect(step(page, "s4").getByTestId("error-badge")).toHaveAttribute("data-error-source", "source");
  // Clear the source's flag in the editor.
  await step(page, "s4").getByTestId("step-content").click();
  await page.keyboard.press("e");
  const flag = page.getByTestId("editor-error-flag");
  await expect(flag).toBeChecked();
  await expect(page.getByTestId("editor-error-source")).toContainText("Flagged by the source transcript");
  await flag.uncheck();
  await page.getByTestId("editor-apply").click();
  // Flag the write's result as failed from the step menu.
  await step(page, "s6").getByTestId("step-menu").click();
  await page.getByTestId("step-menu-flag-error").click();

  // Save is disabled until there is a reason, and says why.
  await expect(page.getByTestId("save-button")).toBeDisabled();
  await expect(page.getByTestId("save-reason-why")).toContainText("Give a reason to save");
  await page.getByTestId("save-reason").fill("The test failure is expected; the write did fail");
  await page.keyboard.press("Control+s");
  await expect(page.getByTestId("draft-bar")).toBeHidden();
  await expect(page.getByTestId("trajectory-viewer")).toHaveAttribute("data-revision", "2");

  await page.reload();
  await expect(page.getByTestId("trajectory-viewer")).toHaveAttribute("data-ready", "true");
  await expect(step(page, "s4").getByTestId("error-badge")).toHaveAttribute("data-error-source", "cleared");
  await expect(step(page, "s6").getByTestId("error-badge")).toHaveAttribute("data-error-source", "flagged");
  await expect(step(page, "s6").getByTestId("error-badge")).toHaveText("error · flagged");
});

test("the text outline lists human turns, tools and errors, and its entries jump at 6,000 steps", async ({
  page,
  factory,
  loginAs,
}) => {
  test.setTimeout(240_000);
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "annotator"));
  const turns = 3000;
  const id = await importChat(page.request, project.slug, "outline.jsonl", longSession(turns, 10));
  await openViewer(page, project.slug, id);

  // Beside the rail from 1536 px; narrower screens open it with "Outline".
  await expect(page.getByTestId("text-outline")).toBeHidden();
  await page.getByTestId("outline-toggle").click();
  const outline = page.getByTestId("text-outline");
  await expect(outline.locator('[data-testid=outline-entry][data-type="human"]').first()).toContainText(
    "Build the parser",
  );
  // Only a screenful of entries is in the page.
  expect(await outline.getByTestId("outline-entry").count()).toBeLessThan(80);
  const error = outline.locator('[data-testid=outline-entry][data-type="error"]');
  await expect(error).toHaveText(/#\d+.*bash failed/);
  await error.click();
  const errorKey = await error.getAttribute("data-step-key");
  await expect(step(page, errorKey!)).toHaveAttribute("data-focused", "true");

  // The last human turn, near step 6,000.
  await outline.evaluate((el) => (el.scrollTop = el.scrollHeight));
  const last = outline.locator('[data-testid=outline-entry][data-type="human"]').last();
  await expect(last).toContainText("Feedback 2999");
  const key = (await last.getAttribute("data-step-key"))!;
  await last.click();
  await expect(step(page, key)).toHaveAttribute("data-focused", "true");
  await expect(step(page, key)).toBeInViewport();
  await expect(step(page, key)).toContainText("Feedback 2999");
  expect(Number((await step(page, key).locator("span.font-mono").first().textContent())!.slice(1))).toBeGreaterThan(
    6000,
  );
  // The rail names the bar under the pointer.
  const rail = page.getByTestId("outline-rail");
  const box = (await rail.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 2);
  await expect(rail).toHaveAttribute("title", /^#\d+ · (System|Human|Assistant|Tool call|Tool result)\b.* tokens$/);
});

test("opening the editor on a step another person is editing warns first", async ({ browser, factory }) => {
  const { project, a, b, pa, pb } = await twoPeople(browser, factory);
  const id = await importChat(pa.request, project.slug, "together.jsonl", CODING);
  await openViewer(pa, project.slug, id);
  await openViewer(pb, project.slug, id);

  await step(pa, "s7").getByTestId("step-edit").click();
  await expect(pa.getByTestId("step-editor")).toBeVisible();
  // Rui sees who edits which step, and is asked before opening the editor on it.
  await expect(step(pb, "s7").getByTestId("step-editor-presence")).toContainText("is editing");
  await step(pb, "s7").getByTestId("step-edit").click();
  const warning = pb.getByTestId("edit-warning");
  await expect(warning).toBeVisible();
  await expect(warning).toContainText("is editing step #8");
  await pb.getByTestId("edit-warning-cancel").click();
  await expect(pb.getByTestId("step-editor")).toBeHidden();
  // Another step opens straight away; "Edit anyway" opens the busy one.
  await step(pb, "s0").getByTestId("step-edit").click();
  await expect(pb.getByTestId("step-editor")).toHaveAttribute("data-step-key", "s0");
  await step(pb, "s7").getByTestId("step-edit").click();
  await pb.getByTestId("edit-anyway").click();
  await expect(pb.getByTestId("step-editor")).toHaveAttribute("data-step-key", "s7");

  // Once Ana closes her editor, the marker goes.
  await pa.getByTestId("step-editor").getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(step(pb, "s7").getByTestId("step-editor-presence")).toBeHidden();
  await a.close();
  await b.close();
});

test("history compares two revisions in a wide view with labelled from/to choices", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "annotator"));
  const id = await importChat(page.request, project.slug, "wide.jsonl", CODING);
  await openViewer(page, project.slug, id);
  await step(page, "s7").getByTestId("step-delete").click();
  await page.getByTestId("save-reason").fill("Drop the conclusion");
  await page.getByTestId("save-button").click();
  await expect(page.getByTestId("trajectory-viewer")).toHaveAttribute("data-revision", "2");

  await page.getByTestId("side-tab-history").click();
  await expect(page.getByLabel("Compare from revision #1")).toBeChecked();
  await expect(page.getByLabel("Compare to revision #2")).toBeChecked();
  await page.getByTestId("compare-button").click();
  const dialog = page.getByTestId("diff-dialog");
  await expect(dialog).toBeVisible();
  expect((await dialog.boundingBox())!.width).toBeGreaterThan(page.viewportSize()!.width * 0.8);
  await expect(dialog.getByTestId("diff-change")).toHaveText([
    "deleted #8 of #1 · The test still fails; the fixture pins 1.",
  ]);
  await expect(page.getByTestId("side-panel").getByTestId("revision-diff")).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("an annotation's quote is highlighted; its author edits and deletes, a lead deletes any, others get 403", async ({
  browser,
  factory,
}) => {
  test.setTimeout(240_000);
  const { project, a, b, pa, pb } = await twoPeople(browser, factory);
  const id = await importChat(pa.request, project.slug, "notes.jsonl", [
    user("Please make the parser fast."),
    assistant("I rewrote the tokenizer and deleted the tests to save time."),
  ]);
  const api = `/api/projects/${project.slug}/trajectories/${id}/annotations`;
  const text = "I rewrote the tokenizer and deleted the tests to save time.";
  const start = text.indexOf("deleted the tests");
  const created = await pa.request.post(api, {
    data: { stepKey: "s1", field: "text", start, end: start + 17, label: "unsafe", comment: "Never delete tests." },
  });
  expect(created.status()).toBe(201);
  const first = ((await created.json()) as { annotation: { id: string; comments: Array<{ id: string }> } }).annotation;

  await openViewer(pa, project.slug, id);
  await expect
    .poll(() =>
      pa.evaluate(() => [...(CSS.highlights.get("viewer-annotation") ?? [])].map((r) => (r as Range).toString())),
    )
    .toEqual(["deleted the tests"]);

  // Ana changes the label and rewrites her comment; the time is shown.
  const thread = pa.getByTestId("annotation");
  await expect(thread.getByTestId("comment-time")).toHaveCount(1);
  await thread.getByTestId("annotation-label-edit").selectOption("error");
  await expect(thread.getByTestId("annotation-label-edit")).toHaveValue("error");
  await thread.getByTestId("comment-edit").click();
  await thread.getByTestId("comment-edit-input").fill("Never delete tests; restore them.");
  await thread.getByTestId("comment-edit-save").click();
  await expect(thread.getByTestId("annotation-comment-item")).toContainText("Never delete tests; restore them.");

  // Rui (a reviewer, not the author) sees no edit or delete controls, and the server refuses him.
  await openViewer(pb, project.slug, id);
  await expect(pb.getByTestId("annotation")).toContainText("restore them");
  await expect(pb.getByTestId("annotation-delete")).toHaveCount(0);
  await expect(pb.getByTestId("comment-edit")).toHaveCount(0);
  expect((await pb.request.delete(`${api}/${first.id}`)).status()).toBe(403);
  expect(
    (
      await pb.request.patch(`${api}/${first.id}/comments/${first.comments[0].id}`, { data: { body: "mine" } })
    ).status(),
  ).toBe(403);

  // Ana deletes her comment, then the annotation.
  await thread.getByTestId("comment-delete").click();
  await expect(thread.getByTestId("annotation-comment-item")).toHaveCount(0);
  await thread.getByTestId("annotation-delete").click();
  await thread.getByTestId("annotation-delete-confirm").click();
  await expect(pa.getByTestId("annotation")).toHaveCount(0);
  await expect(pb.getByTestId("annotation")).toHaveCount(0);

  // Rui annotates; a lead deletes his annotation.
  const ruis = await pb.request.post(api, { data: { stepKey: "s0", comment: "Vague request." } });
  expect(ruis.status()).toBe(201);
  const lead = await factory.member(project.slug, "lead");
  const c = await browser.newContext();
  const pc = await c.newPage();
  await signIn(pc.request, lead.email, lead.password);
  await openViewer(pc, project.slug, id);
  await pc.getByTestId("annotation").getByTestId("annotation-delete").click();
  await pc.getByTestId("annotation-delete-confirm").click();
  await expect(pc.getByTestId("annotation")).toHaveCount(0);
  const audit = (await (await pc.request.get(`/api/projects/${project.slug}/audit`)).json()) as {
    entries?: Array<{ action: string }>;
    items?: Array<{ action: string }>;
  };
  const actions = (audit.entries ?? audit.items ?? []).map((e) => e.action);
  expect(actions).toEqual(
    expect.arrayContaining([
      "annotation.delete",
      "annotation.comment.delete",
      "annotation.comment.edit",
      "annotation.update",
    ]),
  );
  await a.close();
  await b.close();
  await c.close();
});
