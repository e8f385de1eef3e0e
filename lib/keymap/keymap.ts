/**
 * Every key of the trajectory and query pages, per context, in one place (pure, browser-safe). A context may
 * sit on top of others (the review form is open inside the viewer, so both sets are live at once);
 * keymap.test.ts checks that no two actions share a key among the contexts active together. Pages
 * read their keys and the shortcut sheet its rows from here, so the sheet never drifts from the code.
 */
export const KEY_CONTEXTS = {
  /** The trajectory viewer. */
  viewer: { on: [] },
  /** The review form beside the viewer (open while reviewing or adjudicating). */
  review: { on: ["viewer"] },
  /** The curation board (approved pool and the set's items). */
  curation: { on: [] },
  /** A curation set's checks page (validation and redaction findings). */
  checks: { on: [] },
  /** A list page (the trajectories, the query pool): a focused row moved with j/k. */
  list: { on: [] },
  /** One query of the pool, reviewed with single keys (the query page). */
  queries: { on: [] },
} as const satisfies Record<string, { on: readonly string[] }>;
export type KeyContext = keyof typeof KEY_CONTEXTS;

export interface KeyBinding {
  context: KeyContext;
  action: string;
  /** `KeyboardEvent.key` values; "Mod+Enter" means Ctrl+Enter (⌘+Enter on macOS). */
  keys: readonly string[];
  label: string;
  what: string;
}

export const KEYMAP: readonly KeyBinding[] = [
  { context: "viewer", action: "step.next", keys: ["j"], label: "j", what: "next step" },
  { context: "viewer", action: "step.prev", keys: ["k"], label: "k", what: "previous step" },
  { context: "viewer", action: "search.open", keys: ["/"], label: "/", what: "search in this trajectory" },
  { context: "viewer", action: "step.edit", keys: ["e"], label: "e", what: "edit the focused step" },
  { context: "viewer", action: "step.annotate", keys: ["n"], label: "n", what: "annotate the focused step" },
  {
    context: "viewer",
    action: "step.menu",
    keys: ["."],
    label: ".",
    what: "the focused step's actions (a menu: ↑ ↓ and Enter)",
  },
  {
    context: "viewer",
    action: "step.pair",
    keys: ["p"],
    label: "p",
    what: "go to the result of the focused call, or to the call of a result",
  },
  { context: "viewer", action: "error.next", keys: ["]"], label: "]", what: "next error" },
  { context: "viewer", action: "error.prev", keys: ["["], label: "[", what: "previous error" },
  { context: "viewer", action: "human.next", keys: ["h"], label: "h", what: "next human turn" },
  { context: "viewer", action: "human.prev", keys: ["H"], label: "Shift+H", what: "previous human turn" },
  {
    context: "viewer",
    action: "draft.save",
    keys: ["Mod+s"],
    label: "Ctrl+S",
    what: "save the revision (asks for the reason first; also inside fields)",
  },
  { context: "viewer", action: "help", keys: ["?"], label: "?", what: "show the shortcut sheet" },
  { context: "viewer", action: "escape", keys: ["Escape"], label: "Esc", what: "close the sheet or the editor" },
  {
    context: "review",
    action: "score.set",
    keys: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"],
    label: "1 … 9, 0",
    what: "score the focused criterion (0 is 10)",
  },
  {
    context: "review",
    action: "criterion.next",
    keys: ["ArrowDown"],
    label: "↓",
    what: "next criterion",
  },
  { context: "review", action: "criterion.prev", keys: ["ArrowUp"], label: "↑", what: "previous criterion" },
  { context: "review", action: "verdict.accept", keys: ["a"], label: "a", what: "verdict: accept" },
  { context: "review", action: "verdict.reject", keys: ["r"], label: "r", what: "verdict: reject" },
  { context: "review", action: "verdict.changes", keys: ["c"], label: "c", what: "verdict: needs changes" },
  {
    context: "review",
    action: "firstError.mark",
    keys: ["f"],
    label: "f",
    what: "mark the focused step as the first error (again: clear)",
  },
  { context: "review", action: "comment.focus", keys: ["m"], label: "m", what: "write the summary comment" },
  {
    context: "review",
    action: "submit",
    keys: ["Mod+Enter"],
    label: "Ctrl+Enter",
    what: "submit and open the next item (also inside the comment)",
  },
  {
    context: "curation",
    action: "row.next",
    keys: ["j", "ArrowDown"],
    label: "j / ↓",
    what: "next row of the focused list",
  },
  { context: "curation", action: "row.prev", keys: ["k", "ArrowUp"], label: "k / ↑", what: "previous row" },
  {
    context: "curation",
    action: "list.pool",
    keys: ["h", "ArrowLeft"],
    label: "h / ←",
    what: "move to the approved pool",
  },
  {
    context: "curation",
    action: "list.set",
    keys: ["l", "ArrowRight"],
    label: "l / →",
    what: "move to the set's items",
  },
  {
    context: "curation",
    action: "item.add",
    keys: ["a", "Enter"],
    label: "a / Enter",
    what: "add the focused pool row to the set",
  },
  {
    context: "curation",
    action: "item.remove",
    keys: ["x", "Delete"],
    label: "x / Del",
    what: "remove the focused item from the set",
  },
  { context: "curation", action: "suggest", keys: ["s"], label: "s", what: "suggest items for the remaining slots" },
  { context: "curation", action: "help", keys: ["?"], label: "?", what: "show the shortcut sheet" },
  { context: "curation", action: "escape", keys: ["Escape"], label: "Esc", what: "close the sheet or the panel" },
  { context: "checks", action: "checks.run", keys: ["r"], label: "r", what: "run the checks again" },
  { context: "checks", action: "finding.next", keys: ["j"], label: "j", what: "next finding" },
  { context: "checks", action: "finding.prev", keys: ["k"], label: "k", what: "previous finding" },
  { context: "checks", action: "finding.redact", keys: ["x"], label: "x", what: "redact the focused finding" },
  { context: "checks", action: "finding.waive", keys: ["w"], label: "w", what: "waive the focused finding" },
  { context: "checks", action: "finding.open", keys: ["o"], label: "o", what: "open the focused finding's step" },
  { context: "checks", action: "help", keys: ["?"], label: "?", what: "show these keys" },
  { context: "list", action: "row.next", keys: ["j"], label: "j", what: "focus the next row" },
  { context: "list", action: "row.prev", keys: ["k"], label: "k", what: "focus the previous row" },
  { context: "list", action: "row.open", keys: ["Enter"], label: "Enter", what: "open the focused row" },
  { context: "list", action: "row.select", keys: ["x"], label: "x", what: "tick the focused row for a change in bulk" },
  { context: "list", action: "help", keys: ["?"], label: "?", what: "show the shortcut sheet" },
  { context: "list", action: "escape", keys: ["Escape"], label: "Esc", what: "close the sheet" },
  { context: "queries", action: "query.accept", keys: ["a"], label: "a", what: "accept the query (saving an edit)" },
  { context: "queries", action: "query.reject", keys: ["r"], label: "r", what: "reject the query (saving an edit)" },
  { context: "queries", action: "query.next", keys: ["j"], label: "j", what: "next query in the list" },
  { context: "queries", action: "query.prev", keys: ["k"], label: "k", what: "previous query in the list" },
  { context: "queries", action: "query.edit", keys: ["e"], label: "e", what: "edit the query" },
  { context: "queries", action: "help", keys: ["?"], label: "?", what: "show the shortcut sheet" },
  { context: "queries", action: "escape", keys: ["Escape"], label: "Esc", what: "close the sheet" },
];

/** The contexts live when `context` is: itself and those it sits on. */
export function activeContexts(context: KeyContext): KeyContext[] {
  return [context, ...KEY_CONTEXTS[context].on.flatMap((c) => activeContexts(c as KeyContext))];
}

/** The shortcut sheet's rows for a context (its own keys and those it sits on). */
export function sheetRows(context: KeyContext): Array<{ keys: string; what: string }> {
  return bindingsFor(context).map((b) => ({ keys: b.label, what: b.what }));
}

export function bindingsFor(context: KeyContext): KeyBinding[] {
  const live = activeContexts(context);
  return KEYMAP.filter((b) => live.includes(b.context));
}

/** The action a key press means in a context (Ctrl/⌘ folded into "Mod+"), or null. */
export function actionFor(
  context: KeyContext,
  e: { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean },
): KeyBinding | null {
  if (e.altKey) return null;
  const key = e.ctrlKey || e.metaKey ? `Mod+${e.key}` : e.key;
  return bindingsFor(context).find((b) => b.keys.includes(key)) ?? null;
}
