/**
 * Open-weight models (Qwen, DeepSeek, GLM templates) put their chain of thought inline as
 * `<think>…</think>`. Some templates open the tag in the prompt, so the content starts with the
 * thought and only the closing tag is present.
 */
export interface SplitThink {
  reasoning: string[];
  text: string;
}

const BLOCK = /<think>([\s\S]*?)<\/think>/g;

export function splitThinkTags(content: string): SplitThink {
  if (!content.includes("think>")) return { reasoning: [], text: content };
  const reasoning: string[] = [];
  let rest = content;
  const close = rest.indexOf("</think>");
  const open = rest.indexOf("<think>");
  if (close !== -1 && (open === -1 || close < open)) {
    reasoning.push(rest.slice(0, close).trim());
    rest = rest.slice(close + "</think>".length);
  }
  rest = rest.replace(BLOCK, (_m, inner: string) => {
    reasoning.push(inner.trim());
    return "";
  });
  // An unclosed `<think>` means the output was cut off while thinking: the tail is reasoning.
  const dangling = rest.indexOf("<think>");
  if (dangling !== -1) {
    reasoning.push(rest.slice(dangling + "<think>".length).trim());
    rest = rest.slice(0, dangling);
  }
  return { reasoning: reasoning.filter((r) => r !== ""), text: rest.trim() };
}
