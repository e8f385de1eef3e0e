/**
 * LIMI's plain-text tool catalogue, appended to the system prompt by its converter
 * (`events2messages.py`): a header, each tool as a numbered bold name with its description, one
 * line per parameter with its type, "(required)" and description, and a closing sentence.
 */
import type { LimiMessage, LimiSample } from "@/lib/export/limi-format";

const HEADER = "You have access to the following tools:";
const FOOTER = "Use these tools by making function calls when they help you complete the task.";

interface ParamSchema {
  type?: unknown;
  description?: unknown;
}

export function toolCatalogue(tools: LimiSample["tools"]): string {
  const lines = [HEADER, ""];
  tools.forEach((t, i) => {
    const f = t.function;
    lines.push(`${i + 1}. **${f.name}**${f.description ? `: ${f.description}` : ""}`);
    const params = f.parameters ?? {};
    const props = (params.properties ?? {}) as Record<string, ParamSchema>;
    const required = new Set(Array.isArray(params.required) ? (params.required as unknown[]) : []);
    const names = Object.keys(props);
    if (names.length > 0) {
      lines.push("   Parameters:");
      for (const name of names) {
        const p = props[name] ?? {};
        const type = typeof p.type === "string" ? p.type : Array.isArray(p.type) ? p.type.join(" | ") : "any";
        const desc = typeof p.description === "string" && p.description ? `: ${p.description}` : "";
        lines.push(`   - ${name} (${type})${required.has(name) ? " (required)" : ""}${desc}`);
      }
    }
    lines.push("");
  });
  lines.push(FOOTER);
  return lines.join("\n");
}

/** The sample with the catalogue appended to its first system message (or a new one at the start). */
export function withToolCatalogue(sample: LimiSample): LimiSample {
  if (sample.tools.length === 0) return sample;
  const catalogue = toolCatalogue(sample.tools);
  const at = sample.messages.findIndex((m) => m.role === "system");
  const messages: LimiMessage[] = [...sample.messages];
  if (at === -1) messages.unshift({ role: "system", content: catalogue });
  else {
    const prior = messages[at].content;
    messages[at] = { role: "system", content: prior ? `${prior}\n\n${catalogue}` : catalogue };
  }
  return { tools: sample.tools, messages };
}
