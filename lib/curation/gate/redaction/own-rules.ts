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
}

const PLACEHOLDER = /^(?:\$|\{|<|\*{3,}|x{3,}$|\.\.\.|%)/i;
const DOC_DOMAINS = /@(?:example\.(?:com|org|net)|localhost|[a-z0-9.-]*\.(?:invalid|test|local))$/i;
const NOT_PEOPLE = /^(?:git|noreply|no-reply|do-not-reply|donotreply)@/i;
const SHARED_HOMES = /[\\/](?:Shared|Public|Default|All Users|runner)$/;

export const OWN_RULES: readonly OwnRule[] = [
  {
    kind: "private-key",
    re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]{16,}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g,
  },
  { kind: "aws-access-key", re: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\b/g },
  {
    kind: "aws-secret-key",
    re: /\baws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    group: 1,
  },
  { kind: "gcp-api-key", re: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { kind: "azure-storage-key", re: /\bAccountKey=([A-Za-z0-9+/]{86}==)/g, group: 1 },
  {
    kind: "azure-client-secret",
    re: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
  },
  { kind: "jwt", re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { kind: "github-token", re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
  { kind: "slack-token", re: /\bxox[abposr]-[A-Za-z0-9-]{10,250}/g },
  { kind: "slack-webhook", re: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/g },
  { kind: "anthropic-key", re: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { kind: "openai-key", re: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { kind: "stripe-key", re: /\b[rs]k_live_[0-9a-zA-Z]{24,}/g },
  {
    kind: "url-password",
    re: /\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^\s:/?#@"'<>]+:([^\s@/?#"'<>]+)@/g,
    group: 1,
    ignore: (m) => PLACEHOLDER.test(m),
  },
  {
    kind: "email",
    re: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g,
    ignore: (m) => DOC_DOMAINS.test(m) || NOT_PEOPLE.test(m),
  },
  {
    kind: "home-path",
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

export function ownMatches(text: string): Match[] {
  const out: Match[] = [];
  for (const rule of OWN_RULES) {
    rule.re.lastIndex = 0;
    for (const m of text.matchAll(rule.re)) {
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
