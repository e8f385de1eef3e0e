/**
 * Secret rules of our own, for what secretlint's recommended preset leaves out or only finds in a
 * narrower shape: passwords in URLs (the password alone, not the whole URL), e-mail addresses,
 * private-key blocks of any kind, GCP API keys, Azure storage keys and client secrets, JWTs,
 * GitHub/Slack/OpenAI/Anthropic/Stripe-style tokens in their current formats, and home-directory
 * paths that carry a user name. Each is a regular expression with the group to redact (0 = all).
 */
export interface OwnRule {
  kind: string;
  re: RegExp;
  group?: number;
  /** A match that is not a secret (placeholders, documentation addresses). */
  ignore?: (match: string) => boolean;
  /** Literals one of which every match contains: a text without any is not searched (speed). */
  hints?: readonly string[];
  /** The hints are compared with the lower-cased text. */
  hintsLower?: boolean;
  /**
   * Where to start matching (a sticky `re` is tried at each): for rules whose regex would be tried at
   * every word of a long text (an e-mail is found from its `@`, a URL password from `://`).
   */
  anchors?: (text: string) => Iterable<number>;
}

function* around(text: string, literal: string, back: RegExp, max: number): Generator<number> {
  for (let i = text.indexOf(literal); i >= 0; i = text.indexOf(literal, i + literal.length)) {
    let start = i;
    while (start > 0 && i - start < max && back.test(text[start - 1])) start--;
    yield start;
  }
}

const PLACEHOLDER = /^(?:\$|\{|<|\*{3,}|x{3,}$|\.\.\.|%)/i;
const DOC_DOMAINS = /@(?:example\.(?:com|org|net)|localhost|[a-z0-9.-]*\.(?:invalid|test|local))$/i;
const NOT_PEOPLE = /^(?:git|noreply|no-reply|do-not-reply|donotreply)@/i;
const SHARED_HOMES = /[\\/](?:Shared|Public|Default|All Users|runner)$/;

export const OWN_RULES: readonly OwnRule[] = [
  {
    kind: "private-key",
    hints: ["PRIVATE KEY"],
    re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]{16,}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g,
  },
  {
    kind: "aws-access-key",
    hints: ["A3T", "AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA"],
    re: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\b/g,
  },
  {
    kind: "aws-secret-key",
    hints: ["secret"],
    hintsLower: true,
    re: /\baws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    group: 1,
  },
  { kind: "gcp-api-key", hints: ["AIza"], re: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { kind: "azure-storage-key", hints: ["AccountKey="], re: /\bAccountKey=([A-Za-z0-9+/]{86}==)/g, group: 1 },
  {
    kind: "azure-client-secret",
    // Tried only where `Q~` is: without an anchor the pattern is tried at every character.
    re: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/y,
    anchors: function* (text) {
      for (let i = text.indexOf("Q~"); i >= 0; i = text.indexOf("Q~", i + 2)) if (i >= 4) yield i - 4;
    },
  },
  { kind: "jwt", hints: ["eyJ"], re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  {
    kind: "github-token",
    hints: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
    re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g,
  },
  { kind: "slack-token", hints: ["xox"], re: /\bxox[abposr]-[A-Za-z0-9-]{10,250}/g },
  {
    kind: "slack-webhook",
    hints: ["hooks.slack.com"],
    re: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/g,
  },
  { kind: "anthropic-key", hints: ["sk-ant-"], re: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { kind: "openai-key", hints: ["sk-"], re: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { kind: "stripe-key", hints: ["k_live_"], re: /\b[rs]k_live_[0-9a-zA-Z]{24,}/g },
  {
    kind: "url-password",
    re: /[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^\s:/?#@"'<>]+:([^\s@/?#"'<>]+)@/y,
    anchors: (text) => around(text, "://", /[a-zA-Z0-9+.-]/, 21),
    group: 1,
    ignore: (m) => PLACEHOLDER.test(m),
  },
  {
    kind: "email",
    re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/y,
    anchors: (text) => around(text, "@", /[A-Za-z0-9._%+-]/, 64),
    ignore: (m) => DOC_DOMAINS.test(m) || NOT_PEOPLE.test(m),
  },
  {
    kind: "home-path",
    hints: ["/home/", "/Users/", "Users\\"],
    re: /(?:\/home\/|\/Users\/|\b[A-Za-z]:\\{1,2}Users\\{1,2})[A-Za-z0-9._-]+/g,
    ignore: (m) => SHARED_HOMES.test(m),
  },
];

export interface Match {
  kind: string;
  start: number;
  end: number;
  /** "secretlint:<rule id>" or "own". */
  source: string;
}

/**
 * Every match of the own rules in `text`. `hints`: the rules' hints present in the text, lower-cased
 * and found case-insensitively (scan.ts finds every rule's hints in one pass); without it each rule
 * looks for its own.
 */
export function ownMatches(text: string, hints?: ReadonlySet<string>): Match[] {
  const out: Match[] = [];
  let lower: string | undefined;
  const has = (rule: OwnRule, h: string) => {
    if (hints) return hints.has(h.toLowerCase()) && (rule.hintsLower || text.includes(h));
    return rule.hintsLower ? (lower ??= text.toLowerCase()).includes(h) : text.includes(h);
  };
  for (const rule of OWN_RULES) {
    if (rule.hints && !rule.hints.some((h) => has(rule, h))) continue;
    const found: RegExpExecArray[] = [];
    if (rule.anchors) {
      let after = 0;
      for (const at of rule.anchors(text)) {
        if (at < after) continue;
        rule.re.lastIndex = at;
        const m = rule.re.exec(text);
        if (m) {
          found.push(m);
          after = m.index + m[0].length;
        }
      }
    } else {
      rule.re.lastIndex = 0;
      found.push(...text.matchAll(rule.re));
    }
    for (const m of found) {
      const g = rule.group ?? 0;
      const value = m[g];
      if (value === undefined || rule.ignore?.(value)) continue;
      // A group always ends its match (or ends just before `@`), so the last occurrence is the group.
      const start = m.index + (g === 0 ? 0 : m[0].lastIndexOf(value));
      out.push({ kind: rule.kind, start, end: start + value.length, source: "own" });
    }
  }
  return out;
}
