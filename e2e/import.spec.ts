import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./support/fixtures";

const FIX = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../lib/formats/fixtures");

test("an annotator uploads several files, sees each result, and finds the imported trajectories", async ({
  page,
  factory,
  loginAs,
}) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "annotator"));
  await page.goto(`/projects/${project.slug}/trajectories`);
  await expect(page.getByTestId("empty-state")).toContainText("No trajectories yet");
  await page.getByTestId("empty-import-link").click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.slug}/trajectories/import`));

  await page.getByTestId("import-file-input").setInputFiles([
    {
      name: "session.jsonl",
      mimeType: "application/json",
      buffer: readFileSync(path.join(FIX, "claude-code/session.jsonl")),
    },
    {
      name: "conv_0042.json",
      mimeType: "application/json",
      buffer: readFileSync(path.join(FIX, "sii-cli/conv_0042.json")),
    },
    {
      name: "broken.jsonl",
      mimeType: "application/json",
      buffer: Buffer.from(
        // The broken line is not the last one: a cut last line would import (a live copy).
        '{"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}]}\n{"messages": [\n{"messages": []}\n',
      ),
    },
  ]);
  await page.getByTestId("import-start").click();
  const rows = page.getByTestId("import-result-row");
  await expect(rows.filter({ hasText: "session.jsonl" })).toHaveAttribute("data-status", "imported");
  await expect(rows.filter({ hasText: "conv_0042.json" })).toHaveAttribute("data-status", "imported");
  const broken = rows.filter({ hasText: "broken.jsonl" });
  await expect(broken).toHaveAttribute("data-status", "rejected");
  await expect(broken).toContainText("Line 2: invalid JSON");
  await expect(page.getByTestId("import-summary")).toContainText("2 imported");

  await page.getByTestId("import-back").click();
  await expect(page.getByTestId("trajectory-row")).toHaveCount(2);
  await expect(page.getByTestId("trajectory-table")).toContainText("claude-code");
});
