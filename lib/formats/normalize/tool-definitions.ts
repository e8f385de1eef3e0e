/**
 * Tool catalogues come as OpenAI `{type:"function", function:{…}}`, flat `{name, parameters}`
 * (Responses API, ShareGPT), Anthropic `{name, input_schema}`, or a JSON string of any of these.
 */
import type { ToolDefinition } from "@/lib/trajectory/types";

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);

export function toolDefinitions(raw: unknown, warnings: string[]): ToolDefinition[] {
  let list = raw;
  if (typeof list === "string") {
    if (list.trim() === "") return [];
    try {
      list = JSON.parse(list);
    } catch {
      // A stringified catalogue that does not parse is reported, not fatal: the steps still import.
      warnings.push("the tool list is a string that is not valid JSON; tools were dropped");
      return [];
    }
  }
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    warnings.push("the tool list is not an array; tools were dropped");
    return [];
  }
  const out: ToolDefinition[] = [];
  let dropped = 0;
  for (const item of list) {
    const t = toolDefinition(item);
    if (t) out.push(t);
    else dropped++;
  }
  if (dropped) warnings.push(`${dropped} tool definition(s) without a name were dropped`);
  return out;
}

function toolDefinition(item: unknown): ToolDefinition | null {
  if (!isRec(item)) return null;
  const fn = isRec(item.function) ? item.function : item;
  const name = typeof fn.name === "string" && fn.name !== "" ? fn.name : null;
  if (!name) return null;
  const def: ToolDefinition = { name };
  if (typeof fn.description === "string") def.description = fn.description;
  const params = fn.parameters ?? fn.input_schema ?? fn.inputSchema;
  if (isRec(params)) def.parameters = params;
  return def;
}
