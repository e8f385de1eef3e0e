/**
 * Hostile agent output, for the sanitizer's unit tests and the viewer's e2e test. Each payload
 * would set `window.__xss` or fetch from a remote host if it ever executed or loaded.
 */
export const REMOTE_HOST = "attacker.invalid";

export const XSS_PAYLOADS: readonly string[] = [
  `<script>window.__xss = 1</script>`,
  `<img src=x onerror="window.__xss = 2">`,
  `<svg onload="window.__xss = 3"><circle r="1"/></svg>`,
  `<iframe src="javascript:window.__xss = 4"></iframe>`,
  `[click me](javascript:window.__xss=5)`,
  `[click me](JaVaScRiPt:window.__xss=6)`,
  `[encoded](jav&#x61;script:window.__xss=7)`,
  `[data link](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9ODwvc2NyaXB0Pg==)`,
  `<javascript:window.__xss=9>`,
  `![tracker](https://${REMOTE_HOST}/pixel.png)`,
  `![inline](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5fX3hzcz0xMCI+PC9zdmc+)`,
  `<a href="https://${REMOTE_HOST}/" onclick="window.__xss=11">link with handler</a>`,
  `<div style="background:url(https://${REMOTE_HOST}/bg.png)">styled</div>`,
  `<details open ontoggle="window.__xss=12">x</details>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=13">`,
  `<form action="javascript:window.__xss=14"><button>go</button></form>`,
  `<a href="javascript&colon;window.__xss=15">colon entity</a>`,
  `[ref][r]\n\n[r]: javascript:window.__xss=16`,
  `<object data="https://${REMOTE_HOST}/x.swf"></object>`,
  `<link rel="stylesheet" href="https://${REMOTE_HOST}/x.css">`,
  `<meta http-equiv="refresh" content="0;url=javascript:window.__xss=17">`,
  `\`\`\`html\n<script>window.__xss = 18</script>\n\`\`\``,
  `<video><source onerror="window.__xss=19"></video>`,
  `<base href="https://${REMOTE_HOST}/">`,
  `<p title="</p><img src=x onerror=window.__xss=20>">attr break</p>`,
];
