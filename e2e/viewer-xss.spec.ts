import { REMOTE_HOST, visibleText, XSS_CASES, XSS_PAYLOADS } from "../lib/markdown/xss-payloads";
import { expect, test } from "./support/fixtures";
import { assistant, call, importChat, result, user } from "./support/viewer-data";

test("hostile agent output stays inert: nothing executes, nothing remote loads", async ({ page, factory, loginAs }) => {
  const project = await factory.project();
  await loginAs(page, await factory.member(project.slug, "annotator"));
  const messages = XSS_PAYLOADS.flatMap((p, i) => [
    user(`human ${i}: ${p}`),
    assistant(`assistant ${i}: ${p}`, { reasoning_content: `thinking ${i}: ${p}` }),
    call(`x${i}`, "bash", { cmd: p, script: `call ${i}:\n${p}\n${p}` }),
    result(`x${i}`, `output ${i}: ${p}`, i % 2 === 0),
  ]);
  const id = await importChat(page.request, project.slug, "<img src=x onerror=window.__xss=99>.jsonl", messages);

  const outside: string[] = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    const local = u.hostname === "127.0.0.1" || u.hostname === "localhost";
    // Any request off this machine, and any image at all (the app has none; a data: image would be a payload).
    if ((/^https?:$/.test(u.protocol) && !local) || r.resourceType() === "image") outside.push(r.url());
  });
  page.on("dialog", (d) => {
    outside.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`/projects/${project.slug}/trajectories/${id}`);
  await expect(page.getByTestId("trajectory-viewer")).toHaveAttribute("data-ready", "true");

  // What each step must show as text: plain text verbatim, markdown (assistant) as rendered, the
  // multi-line `script` argument as written. Each step is told apart by the label its text holds (`assistant 3:`).
  const expectedText = (label: string, i: number): string => {
    const c = XSS_CASES[i];
    return label === "assistant" ? c.visible : c.payload;
  };
  const seen: string[] = [];

  // Walk every step into view (j), opening reasoning and clicking links as a reader would.
  const total = Number(await page.getByTestId("outline-rail").getAttribute("aria-valuemax"));
  expect(total).toBeGreaterThanOrEqual(messages.length);
  for (let i = 0; i < total; i++) {
    await page.keyboard.press("j");
    const focused = page.locator("[data-testid=step][data-focused=true]");
    await expect(focused).toHaveAttribute("data-loaded", "true");
    const toggle = focused.getByTestId("reasoning-toggle");
    if (await toggle.count()) {
      await toggle.click();
      await expect(toggle).toHaveAttribute("aria-expanded", "true");
    }
    // The payload is visible as text inside this step's own content (not elsewhere on the page).
    const content = focused.getByTestId("step-content");
    const text = await content.innerText();
    const label = /\b(human|thinking|assistant|call|output) (\d+):/.exec(text);
    expect(label, `step ${i + 1} names no payload: ${text}`).not.toBeNull();
    const [, kind, n] = label!;
    seen.push(`${kind} ${n}`);
    await expect(content).toContainText(visibleText(expectedText(kind, Number(n))), { useInnerText: true });
    // Links that were neutralised are text: clicking them must do nothing.
    for (const l of await focused.locator(".md-link-text").all()) await l.click();
  }
  await expect(page.locator("[data-testid=step][data-focused=true]")).toContainText(
    `output ${XSS_PAYLOADS.length - 1}`,
  );

  const report = await page.evaluate(() => {
    const root = document.querySelector("[data-testid=trajectory-viewer]")!;
    const els = [...root.querySelectorAll("*")];
    return {
      xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
      scripts: root.querySelectorAll("script").length,
      loaders: root.querySelectorAll(
        "img, iframe, object, embed, video, audio, source, link, meta, base, form, svg image",
      ).length,
      handlers: els.flatMap((e) =>
        e
          .getAttributeNames()
          .filter((a) => a.startsWith("on"))
          .map((a) => `${e.tagName}.${a}`),
      ),
      styles: els.filter((e) => e.closest("[data-testid=step-content]") && e.hasAttribute("style")).length,
      badLinks: [...root.querySelectorAll("[data-testid=step-content] a[href]")]
        .map((a) => a.getAttribute("href")!)
        .filter((h) => !/^https?:\/\//i.test(h)),
      unsafeLinks: [...root.querySelectorAll("[data-testid=step-content] a[href]")].filter(
        (a) => a.getAttribute("rel") !== "noopener noreferrer nofollow" || a.getAttribute("target") !== "_blank",
      ).length,
    };
  });
  expect(report).toEqual({ xss: null, scripts: 0, loaders: 0, handlers: [], styles: 0, badLinks: [], unsafeLinks: 0 });
  // Every payload was seen as text in each of its own five steps, so a reviewer can see what the agent wrote.
  const labels = ["human", "thinking", "assistant", "call", "output"];
  expect(seen.sort()).toEqual(XSS_CASES.flatMap((_, i) => labels.map((l) => `${l} ${i}`)).sort());
  expect(outside).toEqual([]);
  expect(await page.content()).not.toContain(`src="https://${REMOTE_HOST}`);
});
