/**
 * Curation checks end to end: a lead runs a set's checks, redacts a scanned secret and fixes a
 * validation finding (an open "secret" annotation, redacted in one click), and the open count drops
 * to 0; an annotator sees the page but the server refuses their run and redaction (403).
 */
import { expect, signIn, test } from "./support/fixtures";
import { makeCurationSet } from "./support/database";
import { assistant, call, importChat, result, user } from "./support/viewer-data";

const AWS_KEY = "AKIAZ7VRSQ5TXK2PLM4Q";
const ANNOTATED = "hunter2-prod-passphrase";
const SHOTS = process.env.SCREENSHOT_DIR;

test("a lead clears a set's validation and redaction findings; an annotator is refused by the server", async ({
  browser,
  factory,
}) => {
  test.setTimeout(240_000);
  const project = await factory.project();
  const lead = await factory.member(project.slug, "lead");
  const ana = await factory.member(project.slug, "annotator");
  const [lc, ac] = [await browser.newContext(), await browser.newContext()];
  const [pl, pa] = [await lc.newPage(), await ac.newPage()];
  await signIn(pl.request, lead.email, lead.password);
  await signIn(pa.request, ana.email, ana.password);

  const leaked = await importChat(pl.request, project.slug, "leak.jsonl", [
    user("Why does the deploy fail?"),
    call("c1", "bash", { cmd: "cat .env" }),
    result("c1", `AWS_ACCESS_KEY_ID=${AWS_KEY}\nREGION=eu-west-1`),
    assistant("The region was wrong; fixed."),
  ]);
  const annotated = await importChat(pl.request, project.slug, "note.jsonl", [
    user("Set up the staging database."),
    call("c1", "bash", { cmd: "createdb staging" }),
    result("c1", "CREATE DATABASE"),
    assistant(`Done. The admin passphrase is ${ANNOTATED}, keep it safe.`),
  ]);
  // An annotator marked the passphrase as a secret: an open annotation fails validation.
  const steps = (await (
    await pl.request.get(`/api/projects/${project.slug}/trajectories/${annotated}/steps`)
  ).json()) as {
    steps: Array<{ key: string; kind: string }>;
  };
  const answer = steps.steps.filter((s) => s.kind === "assistant").at(-1)!;
  const text = `Done. The admin passphrase is ${ANNOTATED}, keep it safe.`;
  const start = text.indexOf(ANNOTATED);
  const note = await pa.request.post(`/api/projects/${project.slug}/trajectories/${annotated}/annotations`, {
    data: { stepKey: answer.key, field: "text", start, end: start + ANNOTATED.length, label: "secret" },
  });
  expect(note.status(), await note.text()).toBe(201);
  for (const id of [leaked, annotated]) {
    const ok = await pl.request.post(`/api/projects/${project.slug}/trajectories/${id}/decision`, {
      data: { decision: "override_approve", revisionNumber: 1, reason: "approved for the e2e set" },
    });
    expect(ok.status(), await ok.text()).toBe(200);
  }
  const setId = await makeCurationSet(project.slug, "E2E final", [leaked, annotated]);
  const url = `/projects/${project.slug}/curation/sets/${setId}/checks`;

  // The annotator sees the page, without the buttons; the server refuses the writes anyway.
  await pa.goto(url);
  // The first load on a cold server can take a while on a loaded machine.
  await expect(pa.getByTestId("checks-page")).toBeVisible({ timeout: 60_000 });
  await expect(pa.getByTestId("run-checks")).toHaveCount(0);
  const api = `/api/projects/${project.slug}/curation/sets/${setId}`;
  expect((await pa.request.post(`${api}/checks`)).status()).toBe(403);

  // The lead runs the checks with the keyboard.
  await pl.goto(url);
  await expect(pl.getByTestId("empty-state")).toContainText("No checks yet");
  if (SHOTS) await pl.screenshot({ path: `${SHOTS}/checks-empty.png`, fullPage: true });
  await pl.keyboard.press("r");
  await expect(pl.getByTestId("open-count")).toHaveText("2");
  await expect(pl.getByTestId("finding")).toHaveCount(2);
  await expect(pl.getByRole("heading", { name: /Secret: aws-access-key/ })).toBeVisible();
  await expect(pl.getByRole("heading", { name: /No unresolved secret annotations/ })).toBeVisible();
  await expect(pl.getByTestId("checks-page")).not.toContainText(AWS_KEY);
  // Each finding links to its step.
  const link = pl.getByRole("link", { name: /Why does the deploy fail\? · step \d+/ });
  await expect(link).toHaveAttribute("href", new RegExp(`/trajectories/${leaked}#step-`));

  if (SHOTS) {
    for (const scheme of ["light", "dark"] as const) {
      // The theme is read when the page loads.
      await pl.emulateMedia({ colorScheme: scheme });
      await pl.reload();
      await expect(pl.getByTestId("open-count")).toHaveText("2");
      for (const width of [1440, 1024, 768]) {
        await pl.setViewportSize({ width, height: 900 });
        await pl.screenshot({ path: `${SHOTS}/checks-${width}-${scheme}.png`, fullPage: true });
      }
    }
    await pl.emulateMedia({ colorScheme: "light" });
    await pl.setViewportSize({ width: 1280, height: 720 });
    await pl.reload();
    await expect(pl.getByTestId("open-count")).toHaveText("2");
  }

  const redactId = (await pa.request.get(`${api}/checks`).then((r) => r.json())) as { findings: Array<{ id: string }> };
  expect((await pa.request.post(`${api}/findings/${redactId.findings[0].id}/redact`)).status()).toBe(403);

  // The redaction finding: one click, a new revision.
  await pl.getByRole("button", { name: /Redact aws-access-key/ }).click();
  await expect(pl.getByTestId("checks-notice")).toContainText("revision 2");
  await expect(pl.getByTestId("open-count")).toHaveText("1");
  // The validation finding: the annotated text is redacted too. The redacted row kept the focus and
  // went below the open group, so k moves up to the open finding; x redacts it.
  await pl.keyboard.press("k");
  await expect(pl.locator('[data-testid="finding"][data-status="open"]')).toBeFocused();
  await pl.keyboard.press("x");
  await expect(pl.getByTestId("checks-notice")).toContainText("Redacted annotated-secret");
  await expect(pl.getByTestId("open-count")).toHaveText("0");
  await expect(pl.locator('[data-testid="finding"][data-status="open"]')).toHaveCount(0);
  // A re-run finds nothing open: the approvals were carried to the redacted revisions.
  await pl.getByTestId("run-checks").click();
  await expect(pl.getByTestId("checks-notice")).toContainText("0 open findings");
  if (SHOTS) await pl.screenshot({ path: `${SHOTS}/checks-cleared.png`, fullPage: true });
  const t = (await (await pl.request.get(`/api/projects/${project.slug}/trajectories/${annotated}`)).json()) as {
    status?: string;
    trajectory?: { status: string };
  };
  expect(t.trajectory?.status ?? t.status).toBe("approved");
  await lc.close();
  await ac.close();
});
