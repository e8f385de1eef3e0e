/**
 * Hostile agent output, for the sanitizer's unit tests and the viewer's e2e test. Each payload
 * would set `window.__xss` or fetch from a remote host if it ever executed or loaded. Each comes
 * with the text a reader must still see where it is rendered as markdown, so a sanitizer that
 * dropped everything would fail: raw HTML is shown as written, a neutralised link as its text, an
 * image as a placeholder naming its URL.
 */
export const REMOTE_HOST = "attacker.invalid";

export interface XssCase {
  payload: string;
  /** Shown as text when the payload is rendered as markdown (whitespace aside). */
  visible: string;
}

/** Raw HTML is rendered as text: the reader sees exactly what the agent wrote. */
const asWritten = (payload: string): XssCase => ({ payload, visible: payload });

export const XSS_CASES: readonly XssCase[] = [
  asWritten(`<script>window.__xss = 1</script>`),
  asWritten(`<img src=x onerror="window.__xss = 2">`),
  asWritten(`<svg onload="window.__xss = 3"><circle r="1"/></svg>`),
  asWritten(`<iframe src="javascript:window.__xss = 4"></iframe>`),
  { payload: `[click me](javascript:window.__xss=5)`, visible: "click me" },
  { payload: `[click me](JaVaScRiPt:window.__xss=6)`, visible: "click me" },
  { payload: `[encoded](jav&#x61;script:window.__xss=7)`, visible: "encoded" },
  { payload: `[data link](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9ODwvc2NyaXB0Pg==)`, visible: "data link" },
  { payload: `<javascript:window.__xss=9>`, visible: "javascript:window.__xss=9" },
  {
    payload: `![tracker](https://${REMOTE_HOST}/pixel.png)`,
    visible: `[image: tracker] https://${REMOTE_HOST}/pixel.png`,
  },
  {
    payload: `![inline](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5fX3hzcz0xMCI+PC9zdmc+)`,
    visible: `[image: inline] data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5fX3hzcz0xMCI+PC9zdmc+`,
  },
  asWritten(`<a href="https://${REMOTE_HOST}/" onclick="window.__xss=11">link with handler</a>`),
  asWritten(`<div style="background:url(https://${REMOTE_HOST}/bg.png)">styled</div>`),
  asWritten(`<details open ontoggle="window.__xss=12">x</details>`),
  asWritten(`<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=13">`),
  asWritten(`<form action="javascript:window.__xss=14"><button>go</button></form>`),
  asWritten(`<a href="javascript&colon;window.__xss=15">colon entity</a>`),
  { payload: `[ref][r]\n\n[r]: javascript:window.__xss=16`, visible: "ref" },
  asWritten(`<object data="https://${REMOTE_HOST}/x.swf"></object>`),
  asWritten(`<link rel="stylesheet" href="https://${REMOTE_HOST}/x.css">`),
  asWritten(`<meta http-equiv="refresh" content="0;url=javascript:window.__xss=17">`),
  { payload: `\`\`\`html\n<script>window.__xss = 18</script>\n\`\`\``, visible: "<script>window.__xss = 18</script>" },
  asWritten(`<video><source onerror="window.__xss=19"></video>`),
  asWritten(`<base href="https://${REMOTE_HOST}/">`),
  asWritten(`<p title="</p><img src=x onerror=window.__xss=20>">attr break</p>`),
];

export const XSS_PAYLOADS: readonly string[] = XSS_CASES.map((c) => c.payload);

/** Text as a reader sees it: runs of white space are one space. */
export const visibleText = (text: string): string => text.replace(/\s+/g, " ").trim();
