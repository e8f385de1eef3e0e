import { JSDOM } from "jsdom";
import createDOMPurify from "dompurify";
import { describe, expect, it } from "vitest";
import { createMarkdownRenderer, LINK_REL } from "@/lib/markdown/render-markdown";
import { REMOTE_HOST, visibleText, XSS_CASES } from "@/lib/markdown/xss-payloads";

const window = new JSDOM("").window;
const renderer = createMarkdownRenderer(createDOMPurify(window));

/** The rendered HTML parsed into a fragment, to inspect elements and attributes rather than text. */
function dom(markdown: string): DocumentFragment {
  const t = window.document.createElement("template");
  t.innerHTML = renderer.render(markdown);
  return t.content;
}

const allElements = (f: DocumentFragment) => [...f.querySelectorAll("*")];

describe("markdown rendering of hostile agent output", () => {
  it.each(XSS_CASES.map((c) => [c.payload, c.visible]))("keeps %s inert, and shows it as text", (payload, visible) => {
    const f = dom(payload);
    // Inert because it is shown, not because nothing is rendered.
    expect(visibleText(f.textContent ?? "")).toContain(visibleText(visible));
    for (const el of allElements(f)) {
      expect([
        "SCRIPT",
        "IMG",
        "SVG",
        "IFRAME",
        "OBJECT",
        "EMBED",
        "STYLE",
        "LINK",
        "META",
        "BASE",
        "FORM",
        "VIDEO",
        "SOURCE",
        "MATH",
        "DETAILS",
      ]).not.toContain(el.tagName);
      for (const attr of el.getAttributeNames()) {
        expect(attr.startsWith("on"), `${el.tagName} has ${attr}`).toBe(false);
        expect(["src", "srcset", "style", "action", "formaction", "data"]).not.toContain(attr);
      }
      const href = el.getAttribute("href");
      if (href !== null) expect(href).toMatch(/^https?:\/\//i);
    }
    // Nothing may point at the remote host in a loading position (it may appear as text).
    for (const el of allElements(f))
      if (el.tagName !== "A") expect(el.getAttribute("href") ?? "").not.toContain(REMOTE_HOST);
  });

  it("shows raw HTML as text instead of dropping it, so a reader sees what the agent wrote", () => {
    const f = dom("before <script>window.__xss = 1</script> after");
    expect(f.textContent).toContain("<script>window.__xss = 1</script>");
    expect(f.querySelector("script")).toBeNull();
  });

  it("renders images as text placeholders naming the URL", () => {
    const f = dom(`![tracker](https://${REMOTE_HOST}/pixel.png)`);
    expect(f.querySelector("img")).toBeNull();
    expect(f.querySelector(".md-image")?.textContent).toBe(`[image: tracker] https://${REMOTE_HOST}/pixel.png`);
  });

  it("keeps http(s) links, opened in a new tab without referrer or opener", () => {
    const a = dom("see [the docs](https://example.org/a?b=1)").querySelector("a");
    expect(a?.getAttribute("href")).toBe("https://example.org/a?b=1");
    expect(a?.getAttribute("target")).toBe("_blank");
    expect(a?.getAttribute("rel")).toBe(LINK_REL);
  });

  it("turns other links into plain text", () => {
    for (const md of [
      "[x](javascript:alert(1))",
      "[x](data:text/html,hi)",
      "[x](vbscript:msgbox)",
      "[x](/relative/path)",
      "[x](mailto:a@b.c)",
    ]) {
      const f = dom(md);
      expect(f.querySelector("a"), md).toBeNull();
      expect(f.textContent?.trim()).toBe("x");
    }
  });

  it("still renders ordinary markdown", () => {
    const f = dom(
      "# Title\n\nSome **bold** and `code`.\n\n- one\n- two\n\n```py\nprint(1)\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    );
    expect(f.querySelector("h1")?.textContent).toBe("Title");
    expect(f.querySelector("strong")?.textContent).toBe("bold");
    expect(f.querySelectorAll("li")).toHaveLength(2);
    expect(f.querySelector("pre code")?.textContent).toBe("print(1)\n");
    expect(f.querySelector("td")?.textContent).toBe("1");
  });

  it("renders ordinary markdown; with `breaks`, a single line break is kept (text typed in a form)", () => {
    const md = "# Task\n\nPort **the pager**\nto `asyncio`:\n\n- keep tests\n- no new deps\n\n```py\nawait x()\n```";
    const typed = createMarkdownRenderer(createDOMPurify(window), { breaks: true }).render(md);
    expect(typed).toContain("<h1>Task</h1>");
    expect(typed).toContain("<strong>the pager</strong><br>");
    expect(typed).toContain("<li>keep tests</li>");
    expect(typed).toContain('<pre><code class="language-py">await x()');
    expect(renderer.render(md)).not.toContain("<br>");
  });
});
