/**
 * The dataset card `README.md`, Hugging Face style: YAML front matter (pretty name, license,
 * tags, size category, `configs` pointing the loader at the data files), then statistics,
 * provenance and the selection criteria. No export time: the same set gives the same card.
 */
import type { FormatWriter } from "@/lib/export/format-writer";
import { ranked, type SetStats } from "@/lib/export/set-stats";
import type { ExportOptions, Manifest } from "@/lib/export/types";

const q = (s: string) => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar

function sizeCategory(n: number): string {
  if (n < 1_000) return "n<1K";
  if (n < 10_000) return "1K<n<10K";
  if (n < 100_000) return "10K<n<100K";
  if (n < 1_000_000) return "100K<n<1M";
  return "1M<n<10M";
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

export function datasetCard(
  manifest: Manifest,
  stats: SetStats,
  writer: FormatWriter,
  options: Pick<ExportOptions, "license" | "tags">,
): string {
  const license = options.license;
  const tags = [...new Set(["limi-studio", "agent-trajectories", ...writer.tags, ...(options.tags ?? [])])];
  const front = [
    "---",
    `pretty_name: ${q(manifest.name)}`,
    ...(license ? [`license: ${q(license)}`] : []),
    "task_categories:",
    "- text-generation",
    "tags:",
    ...tags.map((t) => `- ${q(t)}`),
    "size_categories:",
    `- ${q(sizeCategory(manifest.counts.rows))}`,
    "configs:",
    "- config_name: default",
    "  data_files:",
    "  - split: train",
    `    path: ${q(writer.dataFiles)}`,
    "---",
  ];

  const tokens = [...stats.tokens].sort((a, b) => a - b);
  const tokenLine = tokens.length
    ? `| Tokens per sample (${[...stats.tokenCounter].sort().join(", ")}) | min ${fmt(tokens[0])}, mean ${fmt(tokens.reduce((a, b) => a + b, 0) / tokens.length)}, max ${fmt(tokens[tokens.length - 1])} |`
    : "| Tokens per sample | not given |";
  const list = (m: Map<string, number>) =>
    ranked(m)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
  const stat = [
    "## Statistics",
    "",
    "| | |",
    "| --- | --- |",
    `| Samples | ${fmt(manifest.counts.samples)} |`,
    `| Rows written | ${fmt(manifest.counts.rows)}${manifest.options.repeat > 1 ? ` (the set ${manifest.options.repeat} times)` : ""} |`,
    tokenLine,
    `| Domains | ${list(stats.domains)} |`,
    `| Query sources | ${list(stats.querySources)} |`,
    `| Tool calls | ${fmt(stats.toolCalls)} (mean ${stats.samples ? (stats.toolCalls / stats.samples).toFixed(1) : 0} per sample) |`,
    `| Human turns | ${fmt(stats.humanTurns)} |`,
    `| Failed tool results | ${fmt(stats.failedToolResults)} |`,
    `| Most-used tools | ${
      ranked(stats.tools)
        .slice(0, 10)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ") || "none"
    } |`,
  ];
  const skipped = Object.entries(manifest.counts.skipped);
  const rel = manifest.release;
  const prov = [
    "## Provenance",
    "",
    `- Project: ${manifest.project ? `${manifest.project.name ?? manifest.project.slug} (\`${manifest.project.slug}\`)` : "not given"}`,
    rel
      ? `- Release ${rel.number}${rel.approvedBy ? `, approved by ${rel.approvedBy}` : ""}${rel.createdAt ? `, made ${rel.createdAt}` : ""}`
      : "- **Unreleased**: an ad-hoc set of trajectories, not a release.",
    ...(rel?.notes ? [`- Release notes: ${rel.notes}`] : []),
    `- Format: \`${manifest.format}\`${manifest.options.toolsInSystemPrompt ? ", tool catalogue rendered into the system prompt" : ""}`,
    "- Every sample is a pinned revision of a reviewed trajectory; `manifest.json` lists each with its revision, domain, query, token counts, reviewers' scores and sha256.",
    ...(skipped.length ? ["- Left out: " + skipped.map(([k, v]) => `${k}: ${v}`).join("; ")] : []),
    ...manifest.notes.map((n) => `- Note: ${n}`),
  ];
  const sel = manifest.release
    ? selection(manifest)
    : ["## Selection criteria", "", "An ad-hoc set: no selection criteria."];
  return [
    ...front,
    "",
    `# ${manifest.name}`,
    "",
    "Agent trajectories curated with LIMI Studio.",
    "",
    ...stat,
    "",
    ...prov,
    "",
    ...sel,
    "",
  ].join("\n");
}

function selection(manifest: Manifest): string[] {
  const s = manifest.selection;
  if (!s) return ["## Selection criteria", "", "Not recorded for this release."];
  return [
    "## Selection criteria",
    "",
    ...(s.targetSize !== undefined ? [`- Target size: ${s.targetSize}`] : []),
    ...(s.quotas
      ? [
          `- Domain quotas: ${Object.entries(s.quotas)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")}`,
        ]
      : []),
    ...(s.maxTokens !== undefined ? [`- Token rule: at most ${fmt(s.maxTokens)} tokens per sample`] : []),
    ...(s.notes ? [`- ${s.notes}`] : []),
  ];
}
