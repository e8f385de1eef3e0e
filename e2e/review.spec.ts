/**
 * Review end to end: a reviewer works through the queue with the keyboard alone (scores, verdict,
 * first-error step, submit and next), the queue of a second reviewer updates live when the first
 * claims, the second reviewer disagrees, a lead adjudicates and approves, and an annotator's
 * approval is refused by the server (403), not only hidden.
 */
import { expect, signIn, test } from "./support/fixtures";
import { assistant, importChat, user } from "./support/viewer-data";

test("reviewers work the queue by keyboard, disagree, and a lead adjudicates and approves", async ({
  browser,
  factory,
}) => {
  // Four people, four browser contexts and a dozen pages: more than the default minute on a loaded machine.
  test.setTimeout(240_000);
  const project = await factory.project();
  const people = {
    ana: await factory.member(project.slug, "annotator"),
    rui: await factory.member(project.slug, "reviewer"),
    eva: await factory.member(project.slug, "reviewer"),
    lee: await factory.member(project.slug, "lead"),
  };
  const contexts = await Promise.all(Object.keys(people).map(() => browser.newContext()));
  const [pa, pr, pe, pl] = await Promise.all(contexts.map((c) => c.newPage()));
  await Promise.all([
    signIn(pa.request, people.ana.email, people.ana.password),
    signIn(pr.request, people.rui.email, people.rui.password),
    signIn(pe.request, people.eva.email, people.eva.password),
    signIn(pl.request, people.lee.email, people.lee.password),
  ]);
  // The project queues new trajectories by default: the import puts it in review.
  const id = await importChat(pa.request, project.slug, "review.jsonl", [
    user("Add an undo button to the Gomoku board."),
    assistant("I will add a history stack."),
    assistant("Done; I also removed the win check to simplify things."),
  ]);

  // Both reviewers watch the queue; Rui starts, and the item leaves Eva's list live.
  for (const p of [pr, pe]) {
    await p.goto(`/projects/${project.slug}/review`);
    await expect(p.getByTestId("queue-row")).toHaveCount(1);
  }
  await pr.getByTestId("start-review").click();
  await expect(pe.getByTestId("queue-row")).toHaveCount(0);
  await expect(pe.getByTestId("queue-summary")).toContainText("1 being worked on by others");

  // Rui, keyboard only: six scores, j to the second step, f marks it, a accepts, Ctrl+Enter submits.
  await expect(pr).toHaveURL(new RegExp(`/trajectories/${id}\\?review=1`));
  await expect(pr.getByTestId("review-form")).toBeVisible();
  for (let i = 0; i < 6; i++) await pr.keyboard.press("4");
  await pr.keyboard.press("j");
  await pr.keyboard.press("j");
  await pr.keyboard.press("f");
  await expect(pr.getByTestId("first-error")).toContainText("Step #2");
  await pr.keyboard.press("a");
  await expect(pr.getByTestId("verdict-accept")).toHaveAttribute("aria-checked", "true");
  await pr.keyboard.press("Control+Enter");
  // Nothing else is for Rui: the queue says so.
  await expect(pr).toHaveURL(/\/review\?done=1/);
  await expect(pr.getByTestId("queue-done")).toBeVisible();

  // Eva's turn: Rui's verdict is hidden until she submits; she rejects with a comment.
  await expect(pe.getByTestId("queue-row")).toHaveCount(1);
  await pe.getByTestId("start-review").click();
  await expect(pe.getByTestId("review-form")).toBeVisible();
  await expect(pe.getByTestId("hidden-reviews")).toContainText("1 other review hidden");
  for (let i = 0; i < 6; i++) await pe.keyboard.press("1");
  await pe.keyboard.press("r");
  await pe.keyboard.press("Control+Enter");
  await expect(pe.getByTestId("review-error")).toContainText("summary comment is required");
  await pe.keyboard.press("m");
  await pe.keyboard.type("The win check is gone; the game never ends.");
  await pe.keyboard.press("Control+Enter");
  await expect(pe).toHaveURL(/\/review\?done=1/);

  // An annotator cannot approve: the server refuses, whatever the page shows.
  const refused = await pa.request.post(`/api/projects/${project.slug}/trajectories/${id}/decision`, {
    data: { decision: "override_approve", revisionNumber: 1, reason: "looks fine to me" },
  });
  expect(refused.status()).toBe(403);

  // The lead opens the disagreement, sees both reviews side by side, adjudicates and approves.
  await pl.goto(`/projects/${project.slug}/review?tab=disagreements`);
  await expect(pl.getByTestId("disagreement-row")).toContainText("accept · reject");
  await pl.getByRole("link", { name: "Adjudicate" }).click();
  await expect(pl.getByTestId("review-panel")).toBeVisible();
  await expect(pl.getByTestId("round-verdict")).toHaveText(["accept", "reject"]);
  await pl.getByTestId("decision-reason").fill("Eva is right about the win check, but the undo is good; accepting.");
  await pl.getByTestId("decide-adjudicate_accept").click();
  await expect(pl.getByTestId("review-state")).toHaveText("reviewed");
  await pl.getByTestId("decision-reason").fill("Approved for the set.");
  await pl.getByTestId("decide-approve").click();
  await expect(pl.getByTestId("review-state")).toHaveText("approved");
  const after = await pl.request.get(`/api/projects/${project.slug}/trajectories/${id}/reviews`);
  expect(((await after.json()) as { approvedNumber: number }).approvedNumber).toBe(1);

  for (const c of contexts) await c.close();
});
