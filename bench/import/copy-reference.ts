/**
 * The two references the import is compared with, prepared in one pass over the pool (not timed
 * as a whole; only the measured sections are):
 *
 * - Reference A, PostgreSQL COPY: every parsed step becomes the row the app stores (the `Step`
 *   index columns plus the canonical step as a jsonb body, as `StepBody` holds it), written to a
 *   COPY text file in advance. `copyInto` then times only streaming that file through
 *   `COPY ... FROM STDIN` (pg-copy-streams) into a normal table with the same indexes as `Step`.
 * - Reference B, the fastest JS tokenizer: gpt-tokenizer's `countTokens` over `stepText` of every
 *   step, timed against our `computeTokenStats` with `getTokenizer()` on the same steps. The
 *   merge cache is shared by both (ours calls the same library), so it is cleared before each
 *   timed section and the order alternates per trajectory: neither side profits from the other.
 */
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { pipeline } from "node:stream/promises";
import { clearMergeCache, countTokens } from "gpt-tokenizer/encoding/o200k_base";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { parseFile } from "@/lib/formats/detect";
import { DEFAULT_MAX_DOCUMENT_BYTES } from "@/lib/formats/types";
import { computeTokenStats } from "@/lib/tokens/stats";
import { stepText } from "@/lib/tokens/step-text";
import { getTokenizer } from "@/lib/tokens/registry";
import type { ParsedStep } from "@/lib/trajectory/types";
import { fileInput } from "@/bench/import/check";
import { FileSink } from "@/bench/import/sink";

const PREVIEW_CHARS = 280;
/** Same option as lib/tokens/o200k.ts, so both sides count exactly the same way. */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

export const COPY_TABLE = "bench_copy_step";
export const COPY_COLUMNS = [
  "id",
  "projectId",
  "trajectoryId",
  "key",
  "version",
  "kind",
  "seq",
  "timestamp",
  "tokens",
  "usage",
  "toolName",
  "callId",
  "isError",
  "truncated",
  "hidden",
  "orphan",
  "sidechain",
  "preview",
  "bodyBytes",
  "body",
] as const;

// PostgreSQL COPY text format: backslash escapes; NUL cannot be stored in text.
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const esc = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]).replace(/\u0000/g, "");
const field = (v: string | number | boolean | null | undefined): string =>
  v === null || v === undefined
    ? "\\N"
    : typeof v === "boolean"
      ? v
        ? "t"
        : "f"
      : typeof v === "number"
        ? String(v)
        : esc(v);

/** One COPY text line: the same values lib/trajectory/store/insert-trajectory writes to Step, plus the body. */
function copyLine(step: ParsedStep, seq: number, tokens: number, projectId: string, trajectoryId: string): string {
  const isCall = step.kind === "tool_call";
  const isResult = step.kind === "tool_result";
  const body = JSON.stringify(step);
  return [
    field(randomUUID()),
    field(projectId),
    field(trajectoryId),
    field(`s${seq}`),
    "1",
    field(step.kind),
    String(seq),
    field(step.timestamp ?? null),
    String(tokens),
    field(step.usage ? JSON.stringify(step.usage) : null),
    field(isCall ? step.name : isResult ? (step.name ?? null) : null),
    field(isCall || isResult ? step.callId : null),
    field(isResult ? step.isError : step.kind === "error"),
    field(isResult ? step.truncated : false),
    field(step.kind === "reasoning" ? step.hidden : false),
    field((isCall || isResult) && step.orphan === true),
    field(step.sidechain === true),
    field(stepText(step).slice(0, PREVIEW_CHARS)),
    String(Buffer.byteLength(body)),
    esc(body),
  ].join("\t");
}

export interface Prepared {
  copyFile: string;
  copyBytes: number;
  rows: number;
  trajectories: number;
  /** Time spent inside the parsers alone (iterating parseFile), for the breakdown. */
  parseSeconds: number;
  ours: { seconds: number; stepTokens: number; toolDefinitionTokens: number };
  reference: { seconds: number; tokens: number };
  problems: string[];
}

export async function prepareReferences(
  paths: readonly string[],
  copyFile: string,
  onFile?: (done: number) => void,
): Promise<Prepared> {
  const tokenizer = getTokenizer();
  const sink = new FileSink(copyFile);
  const out: Prepared = {
    copyFile,
    copyBytes: 0,
    rows: 0,
    trajectories: 0,
    parseSeconds: 0,
    ours: { seconds: 0, stepTokens: 0, toolDefinitionTokens: 0 },
    reference: { seconds: 0, tokens: 0 },
    problems: [],
  };
  const projectId = randomUUID();
  let n = 0;
  for (const p of paths) {
    try {
      let t = performance.now();
      const it = (await parseFile(fileInput(p), { format: "auto", maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES }))[
        Symbol.asyncIterator
      ]();
      for (;;) {
        const next = await it.next();
        out.parseSeconds += (performance.now() - t) / 1000;
        if (next.done) break;
        const traj = next.value;
        const steps = traj.steps;

        const runRef = () => {
          clearMergeCache();
          const t0 = performance.now();
          let tokens = 0;
          for (const s of steps) {
            const text = stepText(s);
            if (text.length) tokens += countTokens(text, PLAIN_TEXT);
          }
          out.reference.seconds += (performance.now() - t0) / 1000;
          out.reference.tokens += tokens;
        };
        let stepTokens: number[] = [];
        const runOurs = () => {
          clearMergeCache();
          const t0 = performance.now();
          const stats = computeTokenStats(steps, traj.tools, tokenizer);
          out.ours.seconds += (performance.now() - t0) / 1000;
          out.ours.stepTokens += stats.totals.tokensTotal;
          out.ours.toolDefinitionTokens += stats.totals.toolDefinitionTokens;
          stepTokens = stats.stepTokens;
        };
        if (n++ % 2 === 0) {
          runRef();
          runOurs();
        } else {
          runOurs();
          runRef();
        }

        const trajectoryId = randomUUID();
        for (let i = 0; i < steps.length; i++)
          sink.write(copyLine(steps[i], i, stepTokens[i] ?? 0, projectId, trajectoryId) + "\n");
        out.rows += steps.length;
        out.trajectories++;
        t = performance.now();
      }
    } catch (e) {
      out.problems.push(`${basename(p)}: ${e instanceof Error ? e.message : String(e)}`);
    }
    onFile?.(out.trajectories);
  }
  out.copyBytes = sink.close();
  return out;
}

export interface CopyResult {
  seconds: number;
  rows: number;
  copyBytes: number;
  tableBytes: number;
}

/** Creates the scratch table (normal, logged, with Step's indexes) and times COPY of the prepared file. */
export async function copyInto(url: string, prepared: Prepared): Promise<CopyResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS ${COPY_TABLE}`);
    await client.query(`CREATE TABLE ${COPY_TABLE} (
      "id" TEXT NOT NULL PRIMARY KEY,
      "projectId" TEXT NOT NULL,
      "trajectoryId" TEXT NOT NULL,
      "key" TEXT NOT NULL,
      "version" INTEGER NOT NULL DEFAULT 1,
      "kind" TEXT NOT NULL,
      "seq" INTEGER NOT NULL,
      "timestamp" TIMESTAMP(3),
      "tokens" INTEGER NOT NULL DEFAULT 0,
      "usage" JSONB,
      "toolName" TEXT,
      "callId" TEXT,
      "isError" BOOLEAN NOT NULL DEFAULT false,
      "truncated" BOOLEAN NOT NULL DEFAULT false,
      "hidden" BOOLEAN NOT NULL DEFAULT false,
      "orphan" BOOLEAN NOT NULL DEFAULT false,
      "sidechain" BOOLEAN NOT NULL DEFAULT false,
      "preview" TEXT NOT NULL DEFAULT '',
      "bodyBytes" INTEGER NOT NULL DEFAULT 0,
      "body" JSONB NOT NULL
    )`);
    await client.query(`CREATE INDEX ${COPY_TABLE}_traj_seq ON ${COPY_TABLE} ("trajectoryId", "seq")`);
    await client.query(
      `CREATE UNIQUE INDEX ${COPY_TABLE}_traj_key_version ON ${COPY_TABLE} ("trajectoryId", "key", "version")`,
    );
    await client.query("CHECKPOINT").catch(() => undefined);
    const columns = COPY_COLUMNS.map((c) => `"${c}"`).join(", ");
    const t0 = performance.now();
    await pipeline(
      createReadStream(prepared.copyFile, { highWaterMark: 1 << 20 }),
      client.query(copyFrom(`COPY ${COPY_TABLE} (${columns}) FROM STDIN`)),
    );
    const seconds = (performance.now() - t0) / 1000;
    const count = await client.query<{ n: string; size: string }>(
      `SELECT count(*)::text AS n, pg_total_relation_size('${COPY_TABLE}')::text AS size FROM ${COPY_TABLE}`,
    );
    return {
      seconds,
      rows: Number(count.rows[0].n),
      copyBytes: prepared.copyBytes,
      tableBytes: Number(count.rows[0].size),
    };
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${COPY_TABLE}`).catch(() => undefined);
    await client.end();
  }
}
