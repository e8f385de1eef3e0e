/**
 * Secrets of many kinds in realistic shapes (made up: none is a live credential), and a sample
 * builder, for the scan's tests and the benchmark.
 */
import type { CanonicalStep } from "@/lib/trajectory/types";
import type { CheckSample } from "@/lib/curation/gate/sample";

const PEM_BODY = Array.from(
  { length: 6 },
  (_, i) => `MIIEvQIBADANBgkqhkiG9w0BAQEFAASC${i}mKp2Xq8Lr4Tn7Vw1Yz3Bc5Df7Gh9JkL`,
).join("\n");

/** kind → [text containing it, the secret itself]. */
export const SEEDED: Record<string, [string, string]> = {
  "aws-access-key": ["export AWS_ACCESS_KEY_ID=AKIAZ7VRSQ5TXK2PLM4Q", "AKIAZ7VRSQ5TXK2PLM4Q"],
  "aws-secret-key": [
    'aws_secret_access_key = "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"',
    "h3Kp9sQ2mVx8LrT5nWz1YbC4dFg6JjK0aS7eRu2i",
  ],
  "gcp-api-key": ["const key = 'AIzaSyD3x9Kq2Lm8Np4Rt6Vw0Yz1Bc5Df7Gh9Jk';", "AIzaSyD3x9Kq2Lm8Np4Rt6Vw0Yz1Bc5Df7Gh9Jk"],
  "azure-storage-key": [
    `DefaultEndpointsProtocol=https;AccountName=acmestore;AccountKey=${"Zm9vYmFyQmF6cXV4".repeat(5)}aBcDeF==;EndpointSuffix=core.windows.net`,
    `${"Zm9vYmFyQmF6cXV4".repeat(5)}aBcDeF==`,
  ],
  "private-key": [
    `cat id_rsa\n-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----\n`,
    `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----`,
  ],
  jwt: [
    "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
  ],
  "github-token": [
    "git remote set-url origin with 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",
    "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",
  ],
  "slack-token": [
    "SLACK_BOT_TOKEN=xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
    "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
  ],
  "openai-key": ["OPENAI_API_KEY=sk-proj-Qm3xR7tY9uI1oP5aS8dF2gH4jK6lZ0xC", "sk-proj-Qm3xR7tY9uI1oP5aS8dF2gH4jK6lZ0xC"],
  "anthropic-key": [
    "ANTHROPIC_API_KEY=sk-ant-api03-Zx8Cv7Bn6Mq5Wr4Et3Yu2Io1Pa0Sd9Fg8Hj",
    "sk-ant-api03-Zx8Cv7Bn6Mq5Wr4Et3Yu2Io1Pa0Sd9Fg8Hj",
  ],
  "url-password": ["psql postgres://admin:S3cr3tPa55w0rd@db.internal:5432/app", "S3cr3tPa55w0rd"],
  email: ["Author: Alice Smith <alice.smith@acme-corp.io>", "alice.smith@acme-corp.io"],
  "home-path": ['Traceback: File "/home/alice/projects/app/main.py", line 3', "/home/alice"],
  "stripe-key": ["stripe.api_key = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"],
};

/** A text of about `chars` characters of ordinary agent output: code, logs, prose. */
export function fillerText(chars: number, seed = 1): string {
  const lines = [
    "def parse_config(path):",
    "    with open(path) as f:",
    "        return json.load(f)",
    "Running tests... 42 passed, 0 failed in 3.21s",
    "The function returns early when the cache is warm; otherwise it rebuilds the index.",
    "src/components/button.tsx:12:5 - warning: unused variable 'x'",
    "const total = items.reduce((a, b) => a + b.price, 0);",
    "See https://docs.python.org/3/library/json.html for details.",
    "git commit -m 'Fix the off-by-one in the pager'",
  ];
  const out: string[] = [];
  let n = 0;
  let i = seed;
  while (n < chars) {
    const l = lines[i++ % lines.length];
    out.push(l);
    n += l.length + 1;
  }
  return out.join("\n");
}

let counter = 0;

/** A sample: a task, then (call, result) pairs whose outputs carry `outputs`, then an answer. */
export function sampleOf(
  outputs: string[],
  opts: { trajectoryId?: string; revision?: number; tokens?: number; args?: Record<string, unknown> } = {},
): CheckSample {
  const id = opts.trajectoryId ?? `t${++counter}`;
  const steps: CanonicalStep[] = [
    { kind: "human", text: "Fix the failing build and tell me what was wrong.", key: "s0", tokens: 10 },
  ];
  outputs.forEach((output, i) => {
    steps.push({
      kind: "tool_call",
      callId: `c${i}`,
      name: "bash",
      arguments: opts.args ?? { command: "ls -la", timeout: 30 },
      key: `s${steps.length}`,
      tokens: 5,
    });
    steps.push({
      kind: "tool_result",
      callId: `c${i}`,
      output,
      isError: false,
      truncated: false,
      key: `s${steps.length}`,
      tokens: 5,
    });
  });
  steps.push({
    kind: "assistant",
    text: "The build was missing a dependency; fixed.",
    key: `s${steps.length}`,
    tokens: 8,
  });
  return {
    trajectoryId: id,
    title: `sample ${id}`,
    revision: opts.revision ?? 1,
    steps,
    tokens: { tokensTotal: opts.tokens ?? 1000, templateOverhead: 20, toolDefinitionTokens: 100 },
    secretAnnotations: [],
  };
}
