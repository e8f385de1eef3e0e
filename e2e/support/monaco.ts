import type { Locator, Page } from "@playwright/test";

/** Replaces the whole text of the Monaco editor inside `container` (insertText: no auto-closing brackets). */
export async function replaceEditorText(page: Page, container: Locator, text: string): Promise<void> {
  await container.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}
