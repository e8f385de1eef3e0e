/**
 * Curation end to end: a lead builds a set to its target under quotas (keyboard, click, then
 * Suggest), sees a near-duplicate warning, releases, and compares with the previous release; a
 * second lead watching the same board sees the changes and the first lead's presence live; an
 * annotator gets 403 from the server on every curation write. And the statistics page on the demo,
 * one chart checked against the trajectory list.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { DEMO_ADMIN, expect, signIn, test } from "./support/fixtures";
import { assistant, call, importChat, result, user } from "./support/viewer-data";

const SHOTS = process.env.SCREENSHOT_DIR;

async function approvedChat(
  request: APIRequestContext,
  slug: string,
  name: string,
  task: string,
  tools: string[],
  domain: string,
): Promise<string> {
  const messages = [user(task)];
  tools.forEach((t, i) => messages.push(call(`c${i}`, t, { step: i }), result(`c${i}`, `ok ${i}`)));
  messages.push(assistant(`Done: ${name}.`));
  const id = await importChat(request, slug, `${name}.jsonl`, messages);
  expect(
    (await request.patch(`/api/projects/${slug}/trajectories/${id}`, { data: { domain, title: name } })).status(),
  ).toBe(200);
  const d = await request.post(`/api/projects/${slug}/trajectories/${id}/decision`, {
    data: { decision: "override_approve", revisionNumber: 1, reason: "e2e pool" },
  });
  expect(d.status(), await d.text()).toBe(200);
  return id;
}

test("two leads curate a set live, with Suggest, a duplicate warning, a release and a comparison", async ({
  browser,
  factory,
}) => {
  test.setTimeout(240_000);
  const project = await factory.project();
  const slug = project.slug;
  const lee = await factory.member(slug, "lead");
  const liu = await factory.member(slug, "lead");
  const ana = await factory.member(slug, "annotator");
  const [c1, c2, c3] = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [p1, p2, pa] = await Promise.all([c1.newPage(), c2.newPage(), c3.newPage()]);
  await Promise.all([
    signIn(p1.request, lee.email, lee.password),
    signIn(p2.request, liu.email, liu.password),
    signIn(pa.request, ana.email, ana.password),
  ]);
  const TASK = "Add an undo button to the Gomoku board that restores the previous move and the turn indicator";
  const ids = {
    gomoku: await approvedChat(p1.request, slug, "gomoku-undo", TASK, ["read", "edit", "bash"], "Vibe Coding"),
    gomoku2: await approvedChat(
      p1.request,
      slug,
      "gomoku-undo-again",
      `${TASK}.`,
      ["read", "edit", "bash"],
      "Vibe Coding",
    ),
    cli: await approvedChat(
      p1.request,
      slug,
      "csv-cli",
      "Write a CSV to JSON converter",
      ["write", "bash"],
      "Vibe Coding",
    ),
    papers: await approvedChat(
      p1.request,
      slug,
      "papers",
      "Survey recent papers on tool use",
      ["search", "fetch"],
      "Research Workflows",
    ),
    bench: await approvedChat(
      p1.request,
      slug,
      "bench",
      "Compare three vector databases",
      ["search", "python"],
      "Research Workflows",
    ),
    notes: await approvedChat(p1.request, slug, "notes", "Summarise the lab notes", ["read"], "Vibe Coding"),
  };

  // A previous release to compare with, made through the API.
  const pilot = await p1.request.post(`/api/projects/${slug}/curation/sets`, {
    data: { name: "Pilot", targetSize: 2 },
  });
  expect(pilot.status()).toBe(201);
  const pilotId = ((await pilot.json()) as { set: { id: string } }).set.id;
  expect(
    (
      await p1.request.post(`/api/projects/${slug}/curation/sets/${pilotId}/items`, {
        data: { trajectoryIds: [ids.cli, ids.notes] },
      })
    ).status(),
  ).toBe(200);
  // The release gate needs the set's checks run over exactly its samples.
  expect((await p1.request.post(`/api/projects/${slug}/curation/sets/${pilotId}/checks`)).status()).toBe(200);
  expect(
    (
      await p1.request.post(`/api/projects/${slug}/curation/sets/${pilotId}/release`, { data: { notes: "pilot" } })
    ).status(),
  ).toBe(201);

  // Lee creates the final set in the page: target 4, two per domain.
  await p1.goto(`/projects/${slug}/curation`);
  await p1.getByLabel("Name", { exact: true }).fill("Final");
  await p1.getByLabel("Target size").fill("4");
  await p1.getByLabel("Vibe Coding", { exact: true }).fill("2");
  await p1.getByLabel("Research Workflows", { exact: true }).fill("2");
  await p1.getByRole("button", { name: "Create set" }).click();
  await expect(p1).toHaveURL(/\/curation\/sets\/[^/]+$/);
  const boardUrl = new URL(p1.url()).pathname;
  await expect(p1.getByTestId("board-live")).toHaveText("Live", { timeout: 30_000 });

  // Liu opens the same board: both see each other.
  await p2.goto(boardUrl);
  // Joining the board's room over the socket can take a while on a loaded machine.
  await expect(p2.getByTestId("board-live")).toHaveText("Live", { timeout: 30_000 });
  await expect(p2.getByTestId("board-presence").locator("li")).toHaveCount(2);
  await expect(p1.getByTestId("board-presence").locator("li")).toHaveCount(2);

  // Lee adds the Gomoku run with the keyboard (search narrows the pool; l/h move between lists, a adds).
  await p1.getByTestId("pool").getByLabel("Search", { exact: true }).fill("gomoku-undo-again");
  await expect(p1.getByTestId("pool-row")).toHaveCount(1);
  await p1.getByTestId("pool-row").first().focus();
  await p1.keyboard.press("a");
  await expect(p1.getByTestId("set-row")).toHaveCount(1);
  await expect(p2.getByTestId("set-row")).toHaveCount(1);
  // … and its near-twin by click: the duplicate warning appears for both leads.
  await p1.getByTestId("pool").getByLabel("Search", { exact: true }).fill("gomoku");
  await p1.locator(`[data-testid=pool-row][data-id="${ids.gomoku}"]`).getByRole("button", { name: /^Add / }).click();
  await expect(p1.getByTestId("duplicate-warning")).toContainText("gomoku-undo");
  await expect(p2.getByTestId("duplicate-warning")).toContainText("tool-call sequences");
  await expect(p2.getByTestId("progress-Vibe Coding")).toContainText("2 / 2");

  // Suggest fills the two Research Workflows slots (the Vibe Coding quota is full); nothing is added until accepted.
  await p1.getByTestId("pool").getByLabel("Search", { exact: true }).fill("");
  await p1.getByTestId("suggest-open").click();
  await expect(p1.getByTestId("suggest-row")).toHaveCount(2);
  await expect(p1.getByTestId("suggest-panel")).toContainText("Research Workflows");
  await expect(p2.getByTestId("set-row")).toHaveCount(2);
  await p1.getByTestId("suggest-accept-all").click();
  await expect(p1.getByTestId("suggest-panel").getByText("added")).toHaveCount(2);
  await p1.getByTestId("suggest-panel").getByRole("button", { name: "Close" }).click();
  await expect(p1.getByTestId("progress-target")).toContainText("4 / 4");
  await expect(p2.getByTestId("progress-target")).toContainText("4 / 4");
  await expect(p2.getByTestId("progress-Research Workflows")).toContainText("2 / 2");

  // The annotator is refused by the server on every curation write.
  const setId = boardUrl.split("/").pop()!;
  const base = `/api/projects/${slug}/curation/sets`;
  const writes = [
    await pa.request.post(base, { data: { name: "mine" } }),
    await pa.request.patch(`${base}/${setId}`, { data: { targetSize: 5 } }),
    await pa.request.delete(`${base}/${setId}`),
    await pa.request.post(`${base}/${setId}/items`, { data: { trajectoryIds: [ids.bench] } }),
    await pa.request.delete(`${base}/${setId}/items/${ids.gomoku}`),
    await pa.request.post(`${base}/${setId}/suggest`),
    await pa.request.post(`${base}/${setId}/release`, { data: { notes: "no" } }),
  ];
  expect(writes.map((r) => r.status())).toEqual([403, 403, 403, 403, 403, 403, 403]);

  // Lee runs the set's checks (nothing open), then releases; the release is #2 and compares with the pilot (#1).
  expect((await p1.request.post(`${base}/${setId}/checks`)).status()).toBe(200);
  await p1.getByTestId("release-open").click();
  await p1.getByTestId("release-dialog").getByLabel("Notes", { exact: true }).fill("Final set for training");
  await p1.getByTestId("release-submit").click();
  await expect(p1.getByTestId("release-done")).toContainText("Release #2 is locked with 4 trajectories");
  await p1.getByRole("link", { name: "Open release #2" }).click();
  await expect(p1.getByTestId("release-items").locator("tbody tr")).toHaveCount(4);
  await p1.goto(`/projects/${slug}/curation/releases`);
  await expect(p1.getByTestId("releases-table").locator("tbody tr")).toHaveCount(2);
  await expect(p1.getByTestId("compare-summary")).toContainText(
    "#1 → #2: 4 added, 2 removed, 0 changed revision, 0 unchanged",
  );
  await expect(p1.getByTestId("compare-removed")).toContainText("csv-cli");

  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    const pages: Array<[string, string]> = [
      ["curation-sets", `/projects/${slug}/curation`],
      ["curation-board", boardUrl],
      ["curation-releases", `/projects/${slug}/curation/releases`],
      ["curation-release", `/projects/${slug}/curation/releases/2`],
      ["curation-statistics", `/projects/${slug}/curation/statistics?setId=${setId}`],
    ];
    for (const scheme of ["light", "dark"] as const) {
      await p1.emulateMedia({ colorScheme: scheme });
      for (const [name, url] of pages) {
        await p1.goto(url);
        await p1.waitForLoadState("networkidle");
        for (const width of [1440, 1024, 768]) {
          await p1.setViewportSize({ width, height: 1000 });
          await p1.screenshot({ path: path.join(SHOTS, `${name}-${width}-${scheme}.png`), fullPage: true });
        }
      }
    }
  }
  await Promise.all([c1.close(), c2.close(), c3.close()]);
});

test("the statistics page shows the demo's numbers", async ({ page }) => {
  await signIn(page.request, DEMO_ADMIN.email, DEMO_ADMIN.password);
  const list = (await (await page.request.get("/api/projects/demo/trajectories?pageSize=200")).json()) as {
    items: Array<{ humanTurnCount: number }>;
    total: number;
  };
  expect(list.items.length).toBe(list.total);
  const expected = new Map<string, number>();
  for (const t of list.items) {
    const k = t.humanTurnCount >= 6 ? "≥6" : String(t.humanTurnCount);
    expected.set(k, (expected.get(k) ?? 0) + 1);
  }
  await page.goto("/projects/demo/curation/statistics");
  // Twelve charts on a loaded machine: the first paint can take longer than the default 10 s.
  await expect(page.getByTestId("stats-totals").locator('[data-scope="pool"]')).toHaveText(
    `${list.total} trajectories`,
    { timeout: 60_000 },
  );
  await expect(page.getByTestId("chart-human-turns")).toBeVisible();
  const table = page.getByTestId("chart-human-turns-numbers");
  for (const k of ["0", "1", "2", "3", "4", "5", "≥6"])
    await expect(table.locator(`tr[data-category="${k}"] td[data-scope="pool"]`)).toHaveText(
      String(expected.get(k) ?? 0),
    );
});
