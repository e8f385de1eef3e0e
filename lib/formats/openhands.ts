/**
 * OpenHands (V0) event streams: a JSON array of events (the "download trajectory" export and
 * `save_trajectory_path`), an object with a `history` list, a JSONL file with one event per line,
 * or evaluation `output.jsonl` where each line is one instance `{instance_id, instruction, history,
 * metrics, error, test_result}` (one trajectory per line). Old `history` lists of
 * `[action, observation]` pairs are flattened.
 *
 * Actions become tool calls (`tool_call_metadata.tool_call_id` and `function_name` when present),
 * assistant or human messages, reasoning (`think` actions, the `thought` of tool actions, and
 * `reasoning_content` of the LLM response); observations become tool results joined by `cause`
 * (error observations, non-zero exit codes and rejections are errors). Agent-state changes and
 * null observations are skipped and counted.
 */
import type { DetectSample, FormatInput, FormatModule, ParseOptions } from "@/lib/formats/types";
import type { ParsedTrajectory } from "@/lib/trajectory/types";
import { parseError } from "@/lib/formats/parse-error";
import { openJsonSource } from "@/lib/formats/normalize/json-source";
import { isRec, type Rec } from "@/lib/formats/normalize/json-guards";
import { firstLine, flatten, isEvent, openHandsTrajectory, type Extra } from "@/lib/formats/openhands/trajectory";
import { isFlatLayout } from "@/lib/formats/openhands/flat-events";

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** Eval output lines: `{instance_id, instruction, history, metrics, error, test_result}`. */
function instanceExtra(r: Rec): Extra {
  const meta: Rec = {};
  for (const k of ["instance_id", "metrics", "error", "test_result", "instance"])
    if (r[k] !== undefined && r[k] !== null) meta[k] = r[k];
  const instruction = str(r.instruction);
  // openhands-resolver lines name the issue instead of an instance id.
  const issue = isRec(r.issue) ? r.issue : undefined;
  if (issue) meta.issue = issue;
  for (const k of ["git_patch", "success", "success_explanation", "base_commit"])
    if (r[k] !== undefined && r[k] !== null) meta[k] = r[k];
  const issueId =
    issue && typeof issue.number === "number"
      ? `${str(issue.owner) ?? ""}/${str(issue.repo) ?? ""}#${issue.number}`
      : undefined;
  return {
    sessionId:
      typeof r.instance_id === "string"
        ? r.instance_id
        : typeof r.instance_id === "number"
          ? String(r.instance_id)
          : issueId,
    meta,
    ...(instruction ? { title: firstLine(instruction) } : {}),
  };
}

async function* parse(input: FormatInput, opts: ParseOptions): AsyncGenerator<ParsedTrajectory> {
  const src = await openJsonSource(input, opts.maxDocumentBytes);
  if (src.kind === "document") {
    const doc = src.value;
    if (Array.isArray(doc)) yield openHandsTrajectory(input.filename, doc, { meta: {} });
    else if (isRec(doc) && Array.isArray(doc.history))
      yield openHandsTrajectory(input.filename, doc.history, instanceExtra(doc), { field: "history" });
    else
      throw parseError(
        input.filename,
        "expected an OpenHands trajectory: an array of events or an object with a `history` array",
        { offset: 0 },
      );
    return;
  }
  // JSONL: either one event per line, or one evaluated instance per line.
  const events: unknown[] = [];
  const lines: number[] = [];
  let mode: "events" | "instances" | "arrays" | null = null;
  for await (const { line, value } of src.lines) {
    if (mode === null) {
      if (Array.isArray(value)) mode = "arrays";
      else if (isRec(value) && Array.isArray(value.history)) mode = "instances";
      else if (isEvent(value)) mode = "events";
      else
        throw parseError(
          input.filename,
          "expected an OpenHands event ({id, source, action|observation}) or an evaluation record ({instance_id, history})",
          { line },
        );
    }
    if (mode === "arrays") {
      // A whole trajectory array per line.
      if (!Array.isArray(value)) throw parseError(input.filename, "expected an array of OpenHands events", { line });
      yield openHandsTrajectory(input.filename, value, { meta: {} }, { line }, () => line);
    } else if (mode === "instances") {
      if (!isRec(value) || !Array.isArray(value.history)) {
        throw parseError(input.filename, "expected an evaluation record with a `history` array", { line });
      }
      yield openHandsTrajectory(input.filename, value.history, instanceExtra(value), { line }, () => line);
    } else {
      events.push(value);
      lines.push(line);
    }
  }
  if (mode === "events") yield openHandsTrajectory(input.filename, events, { meta: {} }, {}, (i) => lines[i]);
}

const HEAD_ARRAY = /^\s*\[\s*\{/;
const HEAD_SOURCE = /"source"\s*:\s*"(user|agent|environment)"/;
const HEAD_KIND = /"(action|observation)"\s*:\s*"[a-z_]+"/;
const HEAD_FLAT_TOOL = /"(action|observation)"\s*:\s*"(run|run_ipython|read|write|edit|browse)"/;

function detect(sample: DetectSample): number {
  if (sample.isZip) return 0;
  const looksLikeEvent = (e: unknown) =>
    isEvent(e) && (e.source === "user" || e.source === "agent" || e.source === "environment") && "id" in e;
  const doc = sample.document;
  if (doc !== undefined) {
    const list = Array.isArray(doc)
      ? flatten(doc)
      : isRec(doc) && Array.isArray(doc.history)
        ? flatten(doc.history)
        : null;
    if (list && list.length > 0 && list.slice(0, 5).some(looksLikeEvent)) return 0.95;
    // The old resolver's flat events (no source/args): an action and an observation among them.
    if (list && isFlatLayout(list) && list.some((e) => isRec(e) && typeof e.observation === "string")) return 0.85;
    if (!sample.records) return 0;
  }
  const recs = sample.records;
  if (recs && recs.length > 0) {
    const first = recs[0];
    if (looksLikeEvent(first)) return 0.9;
    if (isRec(first) && Array.isArray(first.history) && flatten(first.history).slice(0, 5).some(looksLikeEvent))
      return 0.9;
    if (isRec(first) && Array.isArray(first.history) && isFlatLayout(flatten(first.history))) return 0.85;
    return 0;
  }
  if (HEAD_SOURCE.test(sample.head) && HEAD_KIND.test(sample.head)) return HEAD_ARRAY.test(sample.head) ? 0.75 : 0.6;
  // A resolver line bigger than the head: its flat events (no `source`) show the request and a tool action.
  if (
    /"history"\s*:\s*\[/.test(sample.head) &&
    /"action"\s*:\s*"message"/.test(sample.head) &&
    HEAD_FLAT_TOOL.test(sample.head) &&
    !HEAD_SOURCE.test(sample.head)
  )
    return 0.5;
  return 0;
}

export const openHandsFormat: FormatModule = {
  name: "openhands",
  label: "OpenHands event stream",
  expects:
    "a list (or `history`) of OpenHands events: `{id, source, action, args}` / `{observation, content, extras, cause}`, or the resolver's flat `{action, …}` / `{observation, content, …}` events",
  detect,
  parse,
};
