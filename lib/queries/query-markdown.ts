/**
 * Query text (markdown) to HTML for the form's preview and the detail view. Synthesised queries
 * are model output, so the text is treated as untrusted: raw HTML is shown as text, images become
 * text placeholders (nothing remote loads), and only http(s) and mailto links keep their target.
 * The browser then runs the result through DOMPurify as a second layer (components/queries/markdown-view).
 */
import { Marked, type Tokens } from "marked";

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;
export const SAFE_LINK_HREF = SAFE_HREF;

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

// Built once at import: the renderer is stateless.
const marked = new Marked({ gfm: true, breaks: true, async: false });
marked.use({
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    image({ href, text }: Tokens.Image) {
      return `<span class="md-image">[image${text ? `: ${escapeHtml(text)}` : ""}]${href ? ` ${escapeHtml(href)}` : ""}</span>`;
    },
    link({ href, title, tokens }: Tokens.Link) {
      const inner = this.parser.parseInline(tokens);
      const target = href?.trim() ?? "";
      if (!SAFE_HREF.test(target)) return `<span class="md-link">${inner}</span>`;
      return `<a href="${escapeHtml(target)}"${title ? ` title="${escapeHtml(title)}"` : ""} target="_blank" rel="noopener noreferrer nofollow">${inner}</a>`;
    },
  },
});

export function queryMarkdownToHtml(markdown: string): string {
  return marked.parse(markdown) as string;
}

/** Tags and attributes the sanitizer keeps: what the renderer above produces, nothing more. */
export const MARKDOWN_ALLOWED_TAGS = ["p", "br", "hr", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a", "span", "table", "thead", "tbody", "tr", "th", "td", "input"];
export const MARKDOWN_ALLOWED_ATTR = ["href", "title", "class", "rel", "target", "align", "type", "checked", "disabled"];
