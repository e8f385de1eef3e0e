import { describe, expect, it } from "vitest";
import { queryMarkdownToHtml } from "@/lib/queries/query-markdown";

describe("queryMarkdownToHtml", () => {
  it("renders ordinary markdown: headings, lists, code, emphasis, line breaks", () => {
    const html = queryMarkdownToHtml("# Task\n\nPort **the pager**\nto `asyncio`:\n\n- keep tests\n- no new deps\n\n```py\nawait x()\n```");
    expect(html).toContain("<h1>Task</h1>");
    expect(html).toContain("<strong>the pager</strong><br>");
    expect(html).toContain("<code>asyncio</code>");
    expect(html).toContain("<li>keep tests</li>");
    expect(html).toContain('<pre><code class="language-py">await x()');
  });

  it("shows raw HTML as text instead of passing it through", () => {
    const html = queryMarkdownToHtml('Hi <img src=x onerror="alert(1)"> and <script>alert(2)</script>');
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("&lt;script&gt;");
  });

  it("turns images into text and keeps only http(s) and mailto links", () => {
    const html = queryMarkdownToHtml("![chart](https://evil.example/p.png) [docs](https://docs.example/a) [run](javascript:alert(1)) [data](data:text/html,x) [mail](mailto:a@b.c)");
    expect(html).not.toContain("<img");
    expect(html).toContain('<span class="md-image">[image: chart] https://evil.example/p.png</span>');
    expect(html).toContain('<a href="https://docs.example/a" target="_blank" rel="noopener noreferrer nofollow">docs</a>');
    expect(html).toContain('<span class="md-link">run</span>');
    expect(html).toContain('<span class="md-link">data</span>');
    expect(html).not.toMatch(/javascript:|data:text/);
    expect(html).toContain('<a href="mailto:a@b.c"');
  });
});
