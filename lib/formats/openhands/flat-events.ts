/**
 * The old OpenHands event layout (openhands-resolver's `output.jsonl` `history`, 2024): each event
 * is `dataclasses.asdict` of an Action or Observation, so its fields sit at the top level
 * (`{"action": "run", "command": …, "thought": …}`, `{"observation": "run", "content": …,
 * "exit_code": 1}`) with no `source`, `args`, `extras`, `id` or `cause`. They are rewritten into
 * the V0 shape the main reader understands: the first message action is the person's request,
 * later ones the agent's; an observation answers the oldest action still waiting for one.
 */
import { isRec, type Rec } from "@/lib/formats/normalize/json-guards";

/** Actions that never wait for an observation. */
const NO_OBSERVATION = new Set(["message", "think", "finish", "system", "reject", "condensation", "null"]);
const OBSERVATION_ONLY = new Set(["agent_state_changed", "null"]);

/** An event in the flat layout: an action or observation name and none of V0's envelope keys. */
export function isFlatEvent(e: unknown): e is Rec {
  return (
    isRec(e) &&
    (typeof e.action === "string" || typeof e.observation === "string") &&
    !("source" in e) &&
    !("args" in e) &&
    !("extras" in e)
  );
}

/** True when the events are in the flat layout (the first few events decide). */
export function isFlatLayout(events: unknown[]): boolean {
  const head = events.slice(0, 10).filter(isRec);
  return head.length > 0 && head.every(isFlatEvent);
}

export function fromFlatEvents(events: unknown[]): Rec[] {
  const out: Rec[] = [];
  const waiting: number[] = [];
  let messages = 0;
  events.forEach((e, id) => {
    if (!isRec(e)) return;
    if (typeof e.action === "string") {
      const { action, ...args } = e;
      const source = action === "message" && messages++ === 0 ? "user" : "agent";
      out.push({ id, source, action, args });
      if (!NO_OBSERVATION.has(action) && action !== "change_agent_state" && action !== "recall") waiting.push(id);
      return;
    }
    const { observation, content, ...extras } = e as Rec & { observation: string };
    const cause = OBSERVATION_ONLY.has(observation) ? undefined : waiting.shift();
    out.push({
      id,
      source: "environment",
      observation,
      content: typeof content === "string" ? content : content === undefined ? "" : JSON.stringify(content),
      extras,
      ...(cause !== undefined ? { cause } : {}),
    });
  });
  return out;
}
