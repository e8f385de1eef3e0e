/**
 * Markdown made safe for hostile input: assistant text in trajectories and model-written queries
 * alike (both are agent output). One policy for the whole app, in three layers:
 * marked never passes raw HTML through (it is rendered as text), images become inert text
 * placeholders (nothing remote ever loads), and links keep an href only for http(s) URLs; then
 * DOMPurify, with a short allow-list of tags and attributes, removes anything that slipped by.
 * The DOMPurify instance is passed in, so the same policy is unit-tested under jsdom.
 */
import { Marked, type Tokens } from "marked";
import type { Config, DOMPurify } from "dompurify";

const ALLOWED_TAGS = [
  "p",
  "br",
  "hr",
  "em",
  "strong",
  "del",
  "code",
  "pre",
  "blockquote",
  "ul",
  "ol",
  "li",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "a",
  "span",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
];
const ALLOWED_ATTR = ["href", "title", "class", "rel", "target", "align"];
const SAFE_HREF = /^https?:\/\//i;
export const LINK_REL = "noopener noreferrer nofollow";

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export interface MarkdownOptions {
  /** A single line break is a `<br>` (text people type in a form), not a space (model output). */
  breaks?: boolean;
}

/** marked configured for hostile text: raw HTML is text, images are placeholders, links are checked. */
function makeMarked(opts: MarkdownOptions): Marked {
  const marked = new Marked({ gfm: true, breaks: opts.breaks ?? false, async: false });
  marked.use({
    renderer: {
      html({ text }: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(text);
      },
      image({ href, text }: Tokens.Image) {
        // Never an <img>: a remote image is a tracking beacon; show what it was, as text.
        const label = text ? `image: ${text}` : "image";
        return `<span class="md-image">[${escapeHtml(label)}]${href ? ` <span class="md-image-url">${escapeHtml(href)}</span>` : ""}</span>`;
      },
      link({ href, title, tokens }: Tokens.Link) {
        const inner = this.parser.parseInline(tokens);
        if (!href || !SAFE_HREF.test(href.trim())) return `<span class="md-link-text">${inner}</span>`;
        const t = title ? ` title="${escapeHtml(title)}"` : "";
        return `<a href="${escapeHtml(href.trim())}"${t} target="_blank" rel="${LINK_REL}">${inner}</a>`;
      },
    },
  });
  return marked;
}

export interface MarkdownRenderer {
  /** Safe HTML for a markdown string. */
  render(markdown: string): string;
}

export function createMarkdownRenderer(purify: DOMPurify, opts: MarkdownOptions = {}): MarkdownRenderer {
  const marked = makeMarked(opts);
  purify.addHook("afterSanitizeAttributes", (node) => {
    if (node.nodeName === "A") {
      const href = node.getAttribute("href");
      if (!href || !SAFE_HREF.test(href)) node.removeAttribute("href");
      node.setAttribute("target", "_blank");
      node.setAttribute("rel", LINK_REL);
    }
  });
  const config: Config = {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: SAFE_HREF,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    FORBID_TAGS: [
      "style",
      "img",
      "svg",
      "math",
      "form",
      "iframe",
      "object",
      "embed",
      "video",
      "audio",
      "source",
      "link",
      "meta",
      "base",
    ],
    FORBID_ATTR: ["style", "src", "srcset", "action", "formaction", "xlink:href"],
    RETURN_TRUSTED_TYPE: false,
  };
  return {
    render(markdown: string): string {
      const html = marked.parse(markdown, { async: false });
      return purify.sanitize(html, config);
    },
  };
}
