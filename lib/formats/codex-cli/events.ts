/**
 * Which Codex `event_msg` payloads matter. Most are UI mirrors of response items (agent_message,
 * agent_reasoning, exec_command_end…) and must not become extra steps.
 */
export const MIRROR_EVENTS = new Set([
  "agent_message",
  "agent_message_delta",
  "agent_reasoning",
  "agent_reasoning_delta",
  "agent_reasoning_raw_content",
  "agent_reasoning_raw_content_delta",
  "agent_reasoning_section_break",
  "exec_command_begin",
  "exec_command_end",
  "exec_command_output_delta",
  "patch_apply_begin",
  "patch_apply_end",
  "mcp_tool_call_begin",
  "mcp_tool_call_end",
  "web_search_begin",
  "web_search_end",
  "view_image_tool_call",
  "item_started",
  "item_completed",
  "plan_update",
]);

/** Lifecycle and UI events with nothing to show in a trajectory. */
export const IGNORED_EVENTS = new Set([
  "task_started",
  "task_complete",
  "turn_started",
  "turn_complete",
  "session_configured",
  "stream_error",
  "background_event",
  "exec_approval_request",
  "apply_patch_approval_request",
  "get_history_entry_response",
  "list_custom_prompts_response",
  "mcp_list_tools_response",
  "entered_review_mode",
  "exited_review_mode",
  "deprecation_notice",
  "warning",
  "undo_started",
  "undo_completed",
  "shutdown_complete",
  "turn_diff",
]);

export const ENVELOPE_TYPES = new Set(["session_meta", "response_item", "event_msg", "turn_context", "compacted"]);

/**
 * Text Codex injects as user-role items: `<environment_context>`, `<user_instructions>`,
 * `<turn_aborted>`, AGENTS.md bodies and similar tagged blocks. The person never typed these.
 */
export function isInjectedContext(text: string): boolean {
  const t = text.trim();
  if (/^# AGENTS\.md instructions/i.test(t)) return true;
  const m = /^<([A-Za-z_][\w -]*)>/.exec(t);
  return m !== null && t.endsWith(`</${m[1]}>`);
}

/**
 * The IDE extension prefixes what the person typed with its context (`# Context from my IDE
 * setup:` … active file, open tabs …) and a `## My request for Codex:` heading. Splits the two so
 * the request is the human message (and the title) and the boilerplate is environment.
 */
export function splitIdeContext(text: string): { context: string; request: string } | null {
  if (!/^\s*# Context from my IDE setup:/.test(text)) return null;
  const m = /^##\s*My request for Codex:?[ \t]*\n?/m.exec(text);
  if (!m) return { context: text, request: "" };
  return { context: text.slice(0, m.index).trimEnd(), request: text.slice(m.index + m[0].length).trim() };
}
