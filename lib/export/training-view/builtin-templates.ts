/**
 * Chat templates the app ships for common model families, written for LIMI Studio (not copied
 * from any model): Jinja as Hugging Face's `apply_chat_template` runs it (trim_blocks,
 * lstrip_blocks). Newlines are written as `'\n'` expressions so the output does not depend on
 * where block tags sit. A project whose model has its own template uses the tokenizer folder's
 * `chat_template` instead.
 */

/** ChatML as the Qwen2.5 / Qwen3 family uses it: tools as JSON in the system turn, calls in `<tool_call>`. */
const CHATML = [
  "{%- set nl = '\\n' -%}",
  "{%- if tools -%}",
  "<|im_start|>system{{ nl }}",
  "{%- if messages[0].role == 'system' -%}{{ messages[0].content }}{%- else -%}You are a helpful assistant.{%- endif -%}",
  "{{ nl }}{{ nl }}# Tools{{ nl }}{{ nl }}You may call one or more functions to assist with the user query.{{ nl }}{{ nl }}",
  "You are provided with function signatures within <tools></tools> XML tags:{{ nl }}<tools>",
  "{%- for tool in tools -%}{{ nl }}{{ tool | tojson }}{%- endfor -%}",
  "{{ nl }}</tools>{{ nl }}{{ nl }}For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:",
  '{{ nl }}<tool_call>{{ nl }}{"name": <function-name>, "arguments": <args-json-object>}{{ nl }}</tool_call><|im_end|>{{ nl }}',
  "{%- elif messages[0].role == 'system' -%}",
  "<|im_start|>system{{ nl }}{{ messages[0].content }}<|im_end|>{{ nl }}",
  "{%- endif -%}",
  "{%- for m in messages -%}",
  "{%- if m.role == 'system' and loop.first -%}",
  "{%- elif m.role == 'user' or m.role == 'system' -%}",
  "<|im_start|>{{ m.role }}{{ nl }}{{ m.content }}<|im_end|>{{ nl }}",
  "{%- elif m.role == 'assistant' -%}",
  "<|im_start|>assistant{{ nl }}",
  "{%- if m.reasoning_content -%}<think>{{ nl }}{{ m.reasoning_content }}{{ nl }}</think>{{ nl }}{{ nl }}{%- endif -%}",
  "{{ m.content }}",
  "{%- for tc in m.tool_calls or [] -%}",
  "{%- if m.content or not loop.first -%}{{ nl }}{%- endif -%}",
  '<tool_call>{{ nl }}{"name": "{{ tc.function.name }}", "arguments": ',
  "{% if tc.function.arguments is string %}{{ tc.function.arguments }}{% else %}{{ tc.function.arguments | tojson }}{% endif %}",
  "}{{ nl }}</tool_call>",
  "{%- endfor -%}",
  "<|im_end|>{{ nl }}",
  "{%- elif m.role == 'tool' -%}",
  "<|im_start|>user{{ nl }}<tool_response>{{ nl }}{{ m.content }}{{ nl }}</tool_response><|im_end|>{{ nl }}",
  "{%- endif -%}",
  "{%- endfor -%}",
  "{%- if add_generation_prompt -%}<|im_start|>assistant{{ nl }}{%- endif -%}",
].join("");

/**
 * In the style of GLM-4.5 (the model LIMI trained): `[gMASK]<sop>`, role tokens without an end
 * token, `<think>…</think>` on every assistant turn, and calls as `<arg_key>`/`<arg_value>` pairs
 * from `arguments.items()` — so arguments must be a mapping, and a string makes rendering fail.
 */
const GLM45_STYLE = [
  "{%- set nl = '\\n' -%}",
  "[gMASK]<sop>",
  "{%- if tools -%}",
  "<|system|>{{ nl }}# Tools{{ nl }}{{ nl }}You may call one or more functions to assist with the user query.{{ nl }}{{ nl }}",
  "You are provided with function signatures within <tools></tools> XML tags:{{ nl }}<tools>{{ nl }}",
  "{%- for tool in tools -%}{{ tool | tojson }}{{ nl }}{%- endfor -%}",
  "</tools>{{ nl }}{{ nl }}For each function call, output the function name and arguments within the following XML format:",
  "{{ nl }}<tool_call>{function-name}{{ nl }}<arg_key>{arg-key-1}</arg_key>{{ nl }}<arg_value>{arg-value-1}</arg_value>{{ nl }}...{{ nl }}</tool_call>",
  "{%- endif -%}",
  "{%- for m in messages -%}",
  "{%- if m.role == 'system' -%}<|system|>{{ nl }}{{ m.content }}",
  "{%- elif m.role == 'user' -%}<|user|>{{ nl }}{{ m.content }}",
  "{%- elif m.role == 'assistant' -%}",
  "<|assistant|>{{ nl }}<think>{{ m.reasoning_content or '' }}</think>{{ nl }}{{ m.content }}",
  "{%- for tc in m.tool_calls or [] -%}",
  "{{ nl }}<tool_call>{{ tc.function.name }}{{ nl }}",
  "{%- for k, v in tc.function.arguments.items() -%}",
  "<arg_key>{{ k }}</arg_key>{{ nl }}<arg_value>{%- if v is string -%}{{ v }}{%- else -%}{{ v | tojson }}{%- endif -%}</arg_value>{{ nl }}",
  "{%- endfor -%}",
  "</tool_call>",
  "{%- endfor -%}",
  "{%- elif m.role == 'tool' -%}",
  "{%- if loop.first or messages[loop.index0 - 1].role != 'tool' -%}<|observation|>{%- endif -%}",
  "{{ nl }}<tool_response>{{ nl }}{{ m.content }}{{ nl }}</tool_response>",
  "{%- endif -%}",
  "{%- endfor -%}",
  "{%- if add_generation_prompt -%}<|assistant|>{%- endif -%}",
].join("");

export const BUILTIN_TEMPLATES = {
  chatml: { label: "ChatML (Qwen2.5/Qwen3 style, tools and <think>)", source: CHATML },
  "glm-4.5-style": { label: "GLM-4.5 style (tools as arg_key/arg_value, <think>)", source: GLM45_STYLE },
} as const;

export type BuiltinTemplateName = keyof typeof BUILTIN_TEMPLATES;

export const isBuiltinTemplate = (name: string): name is BuiltinTemplateName => name in BUILTIN_TEMPLATES;
