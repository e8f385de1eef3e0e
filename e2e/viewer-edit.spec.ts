import { expect, test, twoPeople } from "./support/fixtures";
import { replaceEditorText } from "./support/monaco";
import { assistant, call, importChat, result, user } from "./support/viewer-data";

const step = (page: import("@playwright/test").Page, key: string) =>
  page.locator(`[data-testid=step][data-step-key="${key}"]`);

test("edits, deletes, inserts and moves steps, saves a revision with a reason, diffs two revisions and reverts", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "annotator"));
  const id = await importChat(page.request, project.slug, "edit.jsonl", [
    user("Fix the failing test."),
    call("c1", "bash", { cmd: "pytest" }),
    result("c1", "1 failed"),
    assistant("A dead end I tried."),
    assistant("Fixed: the parser now handles empty input."),
  ]);
  await page.goto(`/projects/${project.slug}/trajectories/${id}`);
  await expect(page.getByTestId("trajectory-viewer")).toHaveAttribute("data-ready", "true");

  // Edit the human turn in the one Monaco editor.
  await step(page, "s0").getByTestId("step-edit").click();
  const editor = page.getByTestId("step-editor");
  await expect(editor.locator(".monaco-editor")).toHaveCount(1);
  await replaceEditorText(page, editor, "Fix the failing parser test, please.");
  await editor.getByTestId("editor-apply").click();
  await expect(step(page, "s0")).toHaveAttribute("data-status", "updated");
  await expect(step(page, "s0")).toContainText("Fix the failing parser test, please.");

  // Break the tool call's arguments: saved, with a warning.
  await step(page, "s1").getByTestId("step-content").click();
  await page.keyboard.press("e");
  await replaceEditorText(page, page.getByTestId("step-editor"), "{broken json");
  await page.getByTestId("editor-apply").click();

  // Delete the dead end, insert a corrective human note after the result, move the summary up.
  await step(page, "s3").getByTestId("step-delete").click();
  await expect(step(page, "s3")).toHaveAttribute("data-status", "deleted");
  await step(page, "s2").getByTestId("step-insert").click();
  await step(page, "s2").getByTestId("step-insert-human").click();
  await replaceEditorText(page, page.getByTestId("step-editor"), "Note: run only the parser tests next time.");
  await page.getByTestId("editor-apply").click();
  await expect(page.locator('[data-testid=step][data-status="inserted"]')).toContainText(
    "Note: run only the parser tests",
  );
  await step(page, "s4").getByTestId("step-move-up").click();
  await step(page, "s4").getByTestId("step-move-up").click();
  await expect(page.getByTestId("draft-count")).toHaveText("6 unsaved changes on revision 1");

  // Saving needs a reason: the button waits for one and says why; the draft stays.
  await expect(page.getByTestId("save-button")).toBeDisabled();
  await expect(page.getByTestId("save-reason-why")).toContainText("Give a reason to save");
  await expect(page.getByTestId("draft-count")).toHaveText("6 unsaved changes on revision 1");

  await page.getByTestId("save-reason").fill("Trim the dead end and clarify the task");
  await page.getByTestId("save-button").click();
  await expect(page.getByTestId("trajectory-viewer")).toHaveAttribute("data-revision", "2");
  await expect(page.getByTestId("save-warnings")).toContainText("do not parse");
  await expect(page.getByTestId("draft-count")).toHaveCount(0);
  await expect(step(page, "s3")).toHaveCount(0);
  const order = await page
    .locator("[data-testid=step]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
  expect(order).toEqual(["human", "tool_call", "assistant", "tool_result", "human"]);
  await expect(step(page, "s4")).toContainText("Fixed: the parser");

  // History and the diff of the two revisions.
  await page.getByTestId("side-tab-history").click();
  await expect(page.getByTestId("revision-row")).toHaveCount(2);
  await expect(page.getByTestId("revision-row").first()).toContainText("Trim the dead end");
  await page.getByTestId("compare-button").click();
  await expect(page.getByTestId("diff-summary")).toHaveText("2 edited, 1 inserted, 1 deleted, 1 moved");
  await page.locator('[data-testid=diff-change][data-change="updated"]').first().click();
  await expect(page.getByTestId("step-diff").locator(".monaco-diff-editor")).toHaveCount(1);
  await expect(page.getByTestId("step-diff")).toContainText("Fix the failing parser test, please.");
  await expect(page.getByTestId("diff-dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("diff-dialog")).toBeHidden();

  // Revert to the import: a third revision equal to the first.
  await page.locator('[data-testid=revision-row][data-number="1"]').getByTestId("revert-button").click();
  await page.getByTestId("revert-reason").fill("Back to the original");
  await page.getByTestId("revert-confirm").click();
  await expect(page.getByTestId("trajectory-viewer")).toHaveAttribute("data-revision", "3");
  await expect(step(page, "s0")).toContainText("Fix the failing test.");
  await expect(step(page, "s3")).toContainText("A dead end I tried.");
  await expect(page.getByTestId("revision-row")).toHaveCount(3);
});

test("two people edit the same step: the second gets the conflict, re-applies on top, and no edit is lost", async ({
  browser,
  factory,
}) => {
  const { project, a, b, pa, pb } = await twoPeople(browser, factory);
  const id = await importChat(pa.request, project.slug, "shared.jsonl", [
    user("line one\nline two\nline three"),
    assistant("ok"),
  ]);
  for (const p of [pa, pb]) {
    await p.goto(`/projects/${project.slug}/trajectories/${id}`);
    await expect(p.getByTestId("trajectory-viewer")).toHaveAttribute("data-ready", "true");
  }
  // Both start editing step s0 on revision 1.
  await step(pa, "s0").getByTestId("step-edit").click();
  await replaceEditorText(pa, pa.getByTestId("step-editor"), "line ONE by Ana\nline two\nline three");
  await pa.getByTestId("editor-apply").click();
  await step(pb, "s0").getByTestId("step-edit").click();
  await replaceEditorText(pb, pb.getByTestId("step-editor"), "line one\nline two\nline THREE by Rui");
  await pb.getByTestId("editor-apply").click();

  await pa.getByTestId("save-reason").fill("Ana's fix");
  await pa.getByTestId("save-button").click();
  await expect(pa.getByTestId("trajectory-viewer")).toHaveAttribute("data-revision", "2");
  // Rui is told, live, who changed it; Ana is not told about her own save.
  await expect(pb.getByTestId("revised-banner")).toContainText("Ana's fix");
  await expect(pa.getByTestId("revised-banner")).toHaveCount(0);
  await pb.getByTestId("revised-diff").click();
  await expect(pb.getByTestId("diff-summary")).toHaveText("1 edited, 0 inserted, 0 deleted, 0 moved");
  await expect(pb.getByTestId("step-diff")).toContainText("line ONE by Ana");
  await pb.keyboard.press("Escape");

  await pb.getByTestId("save-reason").fill("Rui's fix");
  await pb.getByTestId("save-button").click();
  await expect(pb.getByTestId("conflict-panel")).toContainText("Revision 2");
  await expect(pb.getByTestId("conflict-overlap")).toContainText("You both changed #1.");
  await expect(pb.getByTestId("draft-count")).toHaveText("1 unsaved change on revision 1");
  await pb.getByTestId("conflict-reapply").click();
  await expect(pb.getByTestId("rebase-note")).toContainText("Re-applied on revision 2: 1 change in your draft");
  await expect(pb.getByTestId("rebase-note")).toContainText("Merged with their edits: #1");
  await expect(pb.getByTestId("draft-count")).toHaveText("1 unsaved change on revision 2");
  await expect(step(pb, "s0")).toContainText("line ONE by Ana");
  await expect(step(pb, "s0")).toContainText("line THREE by Rui");
  await pb.getByTestId("save-button").click();
  await expect(pb.getByTestId("trajectory-viewer")).toHaveAttribute("data-revision", "3");

  const head = (await (await pa.request.get(`/api/projects/${project.slug}/trajectories/${id}/canonical`)).json()) as {
    revision: number;
    steps: Array<{ text?: string }>;
  };
  expect(head.revision).toBe(3);
  expect(head.steps[0].text).toBe("line ONE by Ana\nline two\nline THREE by Rui");
  await a.close();
  await b.close();
});
