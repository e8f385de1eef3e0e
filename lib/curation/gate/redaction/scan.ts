/**
 * The redaction scan of one sample: secretlint's recommended preset (with the AWS access-key ID
 * rule switched on) and our own rules (own-rules.ts) over every text leaf of every step. Every
 * rule's hint literals are found in one case-insensitive pass over each leaf; our rules then run on
 * the leaves holding their hints (or, for the unhinted ones, from their anchors), and secretlint
 * runs once per sample over the leaves holding a hint of one of its rules, joined, with those rules
 * only. Each match is mapped back to its step and leaf. Overlapping matches keep the narrowest (the
 * password of a URL rather than the whole URL), so one secret gives one finding.
 */
import { createHash } from "node:crypto";
import { lintSource } from "@secretlint/core";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import type { CheckSample, RawFinding } from "@/lib/curation/gate/sample";
import { maskSecret } from "@/lib/curation/gate/sample";
import { fieldLabel, textLeaves } from "@/lib/curation/gate/redaction/text-leaves";
import { OWN_RULES, ownMatches, type Match } from "@/lib/curation/gate/redaction/own-rules";

/**
 * For each rule of the preset, literals one of which its patterns always contain (read off the
 * rules' regular expressions, secretlint 11.7): a rule whose literals are all absent from a sample
 * cannot report anything there and is not run (lower-case literals are compared with the
 * lower-cased text). The AWS access-key ID and URL passwords have our own rules (own-rules.ts).
 */
const LIBRARY_HINTS: Record<string, readonly string[]> = {
  "@secretlint/secretlint-rule-aws": ["secret"],
  "@secretlint/secretlint-rule-gcp": ["-----begin"],
  "@secretlint/secretlint-rule-privatekey": ["private key"],
  "@secretlint/secretlint-rule-npm": ["x-oauth-basic", "_authtoken=", "npm_"],
  "@secretlint/secretlint-rule-slack": ["xox", "xapp", "hooks.slack.com"],
  // Our url-password rule finds the same passwords (and reports the password alone, not the URL);
  // run on every text with a URL, this rule alone doubled the scan's time.
  "@secretlint/secretlint-rule-basicauth": [],
  "@secretlint/secretlint-rule-openai": ["t3blbkfj"],
  "@secretlint/secretlint-rule-anthropic": ["sk-ant-api0"],
  "@secretlint/secretlint-rule-linear": ["lin_api_"],
  "@secretlint/secretlint-rule-sendgrid": ["sg."],
  "@secretlint/secretlint-rule-shopify": ["shp"],
  "@secretlint/secretlint-rule-github": ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
  "@secretlint/secretlint-rule-1password": ["ops_"],
  "@secretlint/secretlint-rule-database-connection-string": ["mongodb", "mysql", "postgres"],
  "@secretlint/secretlint-rule-filter-comments": ["secretlint-"],
};

type LintConfig = Parameters<typeof lintSource>[0]["options"]["config"];
type PresetRule = (typeof recommended.rules)[number];

/** The preset's rules that can match where `hints` (lower-cased) are present. */
function presetRulesFor(hints: ReadonlySet<string>): PresetRule[] {
  return recommended.rules.filter((r) => {
    const own = LIBRARY_HINTS[r.meta.id];
    return own === undefined || own.some((h) => hints.has(h));
  });
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every hint of both rule sets, lower-cased, longest first. */
const ALL_HINTS = [
  ...new Set(
    [...Object.values(LIBRARY_HINTS).flat(), ...OWN_RULES.flatMap((r) => r.hints ?? [])].map((h) => h.toLowerCase()),
  ),
]
  .filter((h) => h.length > 0)
  .sort((a, b) => b.length - a.length);

/**
 * One pass for every hint: a lookahead tried at each position, so hints overlapping there are all
 * seen (the longest matches, and the hints it starts with are present too: `sk-ant-` and `sk-`).
 * About three times faster than lower-casing the text and searching it once per hint.
 */
const HINT_RE = new RegExp(`(?=(${ALL_HINTS.map(escapeRe).join("|")}))`, "gi");
const STARTS_WITH = new Map(ALL_HINTS.map((h) => [h, ALL_HINTS.filter((p) => h.startsWith(p))]));

/** The hints present in `text`, lower-cased (compared case-insensitively). */
export function hintsIn(text: string): Set<string> {
  const found = new Set<string>();
  HINT_RE.lastIndex = 0;
  for (let m = HINT_RE.exec(text); m; m = HINT_RE.exec(text)) {
    for (const h of STARTS_WITH.get(m[1].toLowerCase()) ?? []) found.add(h);
    HINT_RE.lastIndex = m.index + 1;
  }
  return found;
}

/** secretlint's rule (and message) → our kind; the placeholder is `<REDACTED:kind>`. */
const LIBRARY_KINDS: Record<string, string> = {
  AWSAccessKeyID: "aws-access-key",
  AWSSecretAccessKey: "aws-secret-key",
  AWSAccountID: "aws-account-id",
  "@secretlint/secretlint-rule-gcp": "gcp-service-account-key",
  "@secretlint/secretlint-rule-npm": "npm-token",
  "@secretlint/secretlint-rule-slack": "slack-token",
  "@secretlint/secretlint-rule-basicauth": "url-password",
  "@secretlint/secretlint-rule-openai": "openai-key",
  "@secretlint/secretlint-rule-anthropic": "anthropic-key",
  "@secretlint/secretlint-rule-linear": "linear-key",
  "@secretlint/secretlint-rule-privatekey": "private-key",
  "@secretlint/secretlint-rule-sendgrid": "sendgrid-key",
  "@secretlint/secretlint-rule-shopify": "shopify-token",
  "@secretlint/secretlint-rule-github": "github-token",
  "@secretlint/secretlint-rule-1password": "1password-token",
  "@secretlint/secretlint-rule-database-connection-string": "database-password",
};

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

const SEPARATOR = "\n\n";
const PLACEHOLDER = /<REDACTED:[a-z0-9-]+>/g;

interface Located {
  step: number;
  leaf: { pointer: string; value: string };
  offset: number;
}

/** Every secret in the sample, one finding per (step, leaf, position). */
export async function scanSample(sample: CheckSample): Promise<RawFinding[]> {
  // Offsets are those of the leaves joined with SEPARATOR (the text is never built whole).
  const located: Located[] = [];
  let offset = 0;
  sample.steps.forEach((step, i) => {
    for (const leaf of textLeaves(step)) {
      located.push({ step: i, leaf, offset });
      offset += leaf.value.length + SEPARATOR.length;
    }
  });
  if (!located.length) return [];

  const matches: Match[] = [];
  const toLint: Located[] = [];
  const lintRules = new Set<PresetRule>();
  for (const at of located) {
    const hints = hintsIn(at.leaf.value);
    for (const m of ownMatches(at.leaf.value, hints))
      matches.push({ ...m, start: m.start + at.offset, end: m.end + at.offset });
    const rules = presetRulesFor(hints);
    if (!rules.length) continue;
    toLint.push(at);
    for (const r of rules) lintRules.add(r);
  }
  if (toLint.length) {
    // The leaves to lint joined (offsets in that text → the leaf → the sample's offsets).
    const parts: Located[] = [];
    let at = 0;
    for (const l of toLint) {
      parts.push({ ...l, offset: at });
      at += l.leaf.value.length + SEPARATOR.length;
    }
    const config = { rules: [...lintRules].map((r) => ({ id: r.meta.id, rule: r })) } as LintConfig;
    const linted = await lintSource({
      source: {
        filePath: `${sample.trajectoryId}.txt`,
        content: toLint.map((l) => l.leaf.value).join(SEPARATOR),
        contentType: "text",
      },
      options: { config, maskSecrets: false },
    });
    for (const m of linted.messages) {
      const i = indexAt(parts, m.range[0]);
      if (i < 0) continue;
      const shift = toLint[i].offset - parts[i].offset;
      const kind = LIBRARY_KINDS[m.messageId] ?? LIBRARY_KINDS[m.ruleId] ?? m.ruleId.replace(/^.*secretlint-rule-/, "");
      matches.push({ kind, start: m.range[0] + shift, end: m.range[1] + shift, source: `secretlint:${m.ruleId}` });
    }
  }

  // Narrowest first, ours before the library's on a tie (secretlint 11's AWS secret-key rule reports
  // the whole assignment's start with the key's length); a match overlapping one kept is the same secret.
  const own = (m: Match) => (m.source === "own" ? 0 : 1);
  matches.sort((a, b) => a.end - a.start - (b.end - b.start) || own(a) - own(b) || a.start - b.start);
  // A placeholder of an earlier redaction (`user:<REDACTED:url-password>@host`) is not a secret
  // (looked for in the leaves with a match: a match never leaves its leaf).
  const kept: Match[] = [];
  for (const i of new Set(matches.map((m) => indexAt(located, m.start))))
    if (i >= 0)
      for (const p of located[i].leaf.value.matchAll(PLACEHOLDER))
        kept.push({
          kind: "",
          start: located[i].offset + p.index,
          end: located[i].offset + p.index + p[0].length,
          source: "placeholder",
        });
  for (const m of matches) {
    if (m.end <= m.start) continue;
    if (kept.some((k) => m.start < k.end && k.start < m.end)) continue;
    kept.push(m);
  }
  kept.sort((a, b) => a.start - b.start);

  const out: RawFinding[] = [];
  for (const m of kept) {
    if (m.source === "placeholder") continue;
    const at = locate(located, m.start);
    if (!at) continue;
    const start = m.start - at.offset;
    const end = Math.min(m.end - at.offset, at.leaf.value.length);
    const secret = at.leaf.value.slice(start, end);
    const step = sample.steps[at.step];
    const hash = sha256(secret);
    out.push({
      category: "secret",
      rule: "secret",
      kind: m.kind,
      trajectoryId: sample.trajectoryId,
      revision: sample.revision,
      stepKey: step.key,
      stepIndex: at.step,
      field: at.leaf.pointer,
      start,
      end,
      secretHash: hash,
      message: `${m.kind} in step ${at.step + 1} (${step.kind}), ${fieldLabel(at.leaf.pointer)}`,
      preview: maskSecret(secret),
      detail: `${at.leaf.pointer}|${hash}`,
    });
  }
  return out;
}

/** The index of the leaf holding offset `pos`, or -1 (a separator, or past the end). */
function indexAt(located: readonly Located[], pos: number): number {
  let lo = 0;
  let hi = located.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (located[mid].offset <= pos) lo = mid;
    else hi = mid - 1;
  }
  const at = located[lo];
  return at && pos >= at.offset && pos < at.offset + at.leaf.value.length ? lo : -1;
}

function locate(located: readonly Located[], pos: number): Located | null {
  const i = indexAt(located, pos);
  return i < 0 ? null : located[i];
}
