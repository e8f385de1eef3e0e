/**
 * The redaction scan of one sample: secretlint's recommended preset (with the AWS access-key ID
 * rule switched on) and our own rules (own-rules.ts) over every text leaf of every step. The
 * leaves of a sample are joined into one text so secretlint runs once per sample, and each match is
 * mapped back to its step and leaf. Overlapping matches keep the narrowest (the password of a URL
 * rather than the whole URL), so one secret gives one finding.
 */
import { createHash } from "node:crypto";
import { lintSource } from "@secretlint/core";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import type { CheckSample, RawFinding } from "@/lib/curation/gate/sample";
import { maskSecret } from "@/lib/curation/gate/sample";
import { fieldLabel, textLeaves } from "@/lib/curation/gate/redaction/text-leaves";
import { ownMatches, type Match } from "@/lib/curation/gate/redaction/own-rules";

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

/** The preset's rules that can match in a text, as a secretlint config (null when none can). */
function configFor(lower: string): LintConfig | null {
  const rules = recommended.rules
    .filter((r) => (LIBRARY_HINTS[r.meta.id] ?? [""]).some((h) => lower.includes(h)))
    .map((r) => ({ id: r.meta.id, rule: r }));
  return rules.length ? ({ rules } as LintConfig) : null;
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
  const parts: string[] = [];
  const located: Located[] = [];
  let offset = 0;
  sample.steps.forEach((step, i) => {
    for (const leaf of textLeaves(step)) {
      located.push({ step: i, leaf, offset });
      parts.push(leaf.value);
      offset += leaf.value.length + SEPARATOR.length;
    }
  });
  if (!parts.length) return [];
  const text = parts.join(SEPARATOR);

  const lower = text.toLowerCase();
  const matches: Match[] = ownMatches(text, lower);
  const config = configFor(lower);
  const linted = config
    ? await lintSource({
        source: { filePath: `${sample.trajectoryId}.txt`, content: text, contentType: "text" },
        options: { config, maskSecrets: false },
      })
    : { messages: [] };
  for (const m of linted.messages) {
    const kind = LIBRARY_KINDS[m.messageId] ?? LIBRARY_KINDS[m.ruleId] ?? m.ruleId.replace(/^.*secretlint-rule-/, "");
    matches.push({ kind, start: m.range[0], end: m.range[1], source: `secretlint:${m.ruleId}` });
  }

  // Narrowest first, ours before the library's on a tie (secretlint 11's AWS secret-key rule reports
  // the whole assignment's start with the key's length); a match overlapping one kept is the same secret.
  const own = (m: Match) => (m.source === "own" ? 0 : 1);
  matches.sort((a, b) => a.end - a.start - (b.end - b.start) || own(a) - own(b) || a.start - b.start);
  // A placeholder of an earlier redaction (`user:<REDACTED:url-password>@host`) is not a secret.
  const kept: Match[] = [...text.matchAll(PLACEHOLDER)].map((p) => ({
    kind: "",
    start: p.index,
    end: p.index + p[0].length,
    source: "placeholder",
  }));
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

function locate(located: Located[], pos: number): Located | null {
  let lo = 0;
  let hi = located.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (located[mid].offset <= pos) lo = mid;
    else hi = mid - 1;
  }
  const at = located[lo];
  return at && pos >= at.offset && pos < at.offset + at.leaf.value.length ? at : null;
}
