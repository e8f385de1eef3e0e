import { expect, test, twoPeople } from "./support/fixtures";
import { assistant, importChat, user } from "./support/viewer-data";

test("annotates a text range, comments and resolves; another viewer sees presence and the thread live", async ({
  browser,
  factory,
}) => {
  const { project, a, b, pa, pb } = await twoPeople(browser, factory);
  const id = await importChat(pa.request, project.slug, "notes.jsonl", [
    user("Please make the parser fast."),
    assistant("I rewrote the tokenizer and **deleted the tests** to save time."),
    user("Never delete tests."),
  ]);
  for (const p of [pa, pb]) {
    await p.goto(`/projects/${project.slug}/trajectories/${id}`);
    await expect(p.getByTestId("trajectory-viewer")).toHaveAttribute("data-ready", "true");
  }
  const anaId = await pa.evaluate(
    async () => ((await (await fetch("/api/me")).json()) as { user: { id: string } }).user.id,
  );

  // Presence: Rui sees Ana, and the step she focuses.
  await expect(pb.locator(`[data-testid=presence-avatar][data-user-id="${anaId}"]`)).toBeVisible();
  await pa.locator('[data-testid=step][data-step-key="s1"]').getByTestId("step-content").click();
  await expect(pa.locator('[data-testid=step][data-step-key="s1"]')).toHaveAttribute("data-focused", "true");
  await expect(pa.locator(`[data-testid=presence-avatar][data-user-id="${anaId}"]`)).toHaveAttribute(
    "data-step-key",
    "s1",
  );
  await expect(pb.locator(`[data-testid=presence-avatar][data-user-id="${anaId}"]`)).toHaveAttribute(
    "data-step-key",
    "s1",
  );
  await expect(pb.locator('[data-testid=step][data-step-key="s1"]').getByTestId("step-viewer")).toBeVisible();

  // Ana selects "deleted the tests" in the rendered markdown and labels it.
  await pa.locator('[data-testid=step][data-step-key="s1"] strong').evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    el.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
  });
  await pa.getByTestId("annotate-selection").click();
  await expect(pa.getByTestId("annotation-form-quote")).toHaveText("deleted the tests");
  await pa.getByTestId("annotation-label").selectOption("unsafe");
  await pa.getByTestId("annotation-comment").fill("Deleting tests is never acceptable.");
  await pa.getByTestId("annotation-create").click();
  const mine = pa.getByTestId("annotation");
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText("unsafe");
  await expect(mine).toContainText("deleted the tests");

  // Rui sees it without reloading, and replies; Ana sees the reply.
  const theirs = pb.getByTestId("annotation");
  await expect(theirs).toContainText("Deleting tests is never acceptable.");
  await theirs.getByTestId("annotation-reply").fill("Agreed, flagging for the lead.");
  await theirs.getByTestId("annotation-reply-send").click();
  await expect(mine.getByTestId("annotation-comment-item")).toHaveCount(2);
  await expect(mine).toContainText("Agreed, flagging for the lead.");

  // A whole-step annotation with a label only.
  await pa.locator('[data-testid=step][data-step-key="s2"]').getByTestId("step-annotate").click();
  await pa.getByTestId("annotation-label").selectOption("great-feedback");
  await pa.getByTestId("annotation-create").click();
  await expect(pb.getByTestId("annotation")).toHaveCount(2);

  // Resolve, filter, reopen.
  await mine.first().getByTestId("annotation-resolve").click();
  await expect(pb.locator('[data-testid=annotation][data-status="resolved"]')).toHaveCount(1);
  await pb.getByTestId("annotation-filter-status").selectOption("open");
  await expect(pb.getByTestId("annotation")).toHaveCount(1);
  await expect(pb.getByTestId("annotation")).toContainText("great-feedback");
  await pb.getByTestId("annotation-filter-status").selectOption("resolved");
  await pb.getByTestId("annotation").getByTestId("annotation-reopen").click();
  await expect(pa.locator('[data-testid=annotation][data-status="open"]')).toHaveCount(2);

  // Presence ends when Ana leaves.
  await a.close();
  await expect(pb.locator(`[data-testid=presence-avatar][data-user-id="${anaId}"]`)).toHaveCount(0);
  await b.close();
});
