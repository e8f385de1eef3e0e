"use client";
/** A step's content, rendered for what it is. Agent text only ever reaches the DOM as text or sanitized markdown. */
import { memo, useMemo, useState } from "react";
import { Badge } from "@/components/ui/states";
import { detectLanguage, languageFromFilename } from "@/lib/viewer/detect-language";
import { formatArguments, multilineArguments } from "@/lib/viewer/format-arguments";
import type { ParsedStep } from "@/lib/viewer/types";
import { CodeBlock } from "@/components/viewer/steps/code-block";
import { LongText } from "@/components/viewer/steps/long-text";
import { MarkdownText } from "@/components/viewer/steps/markdown-text";
import { TERMINAL, ToolViewBlock } from "@/components/viewer/steps/tool-views";
import { exitCodeOf, isShellTool, shellOutputOf, toolView } from "@/lib/viewer/tool-view";

export interface StepBodyProps {
  step: ParsedStep;
  stepKey: string;
  expanded: boolean;
  onExpand: (key: string) => void;
  colorTick: number;
  /** The tool of the paired call, for results that do not name theirs. */
  pairedTool?: string | null;
}

const PLAIN = "whitespace-pre-wrap break-words text-sm leading-relaxed";

function PlainText({ text, field }: { text: string; field: string }) {
  return (
    <div className={PLAIN} data-field={field}>
      {text}
    </div>
  );
}

/** A file name among the arguments (path, file_path…) tells the language of the other arguments. */
function filenameOf(args: Record<string, unknown> | null): string | null {
  if (!args) return null;
  for (const k of ["path", "file_path", "filePath", "filename", "file"])
    if (typeof args[k] === "string") return args[k] as string;
  return null;
}

function ToolCallBody({
  step,
  stepKey,
  expanded,
  onExpand: expandKey,
  colorTick,
}: StepBodyProps & { step: Extract<ParsedStep, { kind: "tool_call" }> }) {
  const onExpand = () => expandKey(stepKey);
  const view = useMemo(() => toolView(step), [step]);
  const [raw, setRaw] = useState(false);
  const { formatted, multi } = useMemo(() => {
    const file = filenameOf(step.arguments);
    return {
      formatted: formatArguments(step),
      multi: multilineArguments(step.arguments).map((m) => ({
        ...m,
        language: (file && languageFromFilename(file)) || detectLanguage(m.value),
      })),
    };
  }, [step]);
  const toggle = view && (
    <button
      type="button"
      data-testid="tool-raw-toggle"
      aria-pressed={raw}
      onClick={(e) => {
        e.stopPropagation();
        setRaw(!raw);
      }}
      className="text-xs font-medium text-indigo-700 hover:underline dark:text-indigo-300"
    >
      {raw ? "Show as " + (view.kind === "shell" ? "command" : view.kind === "write" ? "file" : "diff") : "Show JSON"}
    </button>
  );
  if (view && !raw)
    return (
      <div className="space-y-1">
        <ToolViewBlock view={view} />
        {toggle}
      </div>
    );
  return (
    <div className="space-y-2">
      {toggle}
      {formatted.unparsed && <Badge tone="amber">arguments do not parse as JSON</Badge>}
      <LongText text={formatted.text} expanded={expanded} onExpand={onExpand}>
        {(shown) => (
          <CodeBlock
            text={shown}
            language={formatted.unparsed ? "plaintext" : "json"}
            field="arguments"
            colorTick={colorTick}
          />
        )}
      </LongText>
      {multi.map((m) => (
        <div key={m.name}>
          <div className="mb-0.5 text-xs text-zinc-500">
            <code>{m.name}</code> as written
          </div>
          <LongText text={m.value} expanded={expanded} onExpand={onExpand}>
            {(shown) => <CodeBlock text={shown} language={m.language} colorTick={colorTick} />}
          </LongText>
        </div>
      ))}
    </div>
  );
}

function ReasoningBody({
  step,
  stepKey,
  expanded,
  onExpand: expandKey,
}: StepBodyProps & { step: Extract<ParsedStep, { kind: "reasoning" }> }) {
  const [open, setOpen] = useState(false);
  const onExpand = () => expandKey(stepKey);
  if (step.hidden && !step.text) {
    return (
      <div className="flex items-center gap-2 text-sm italic text-zinc-500" data-testid="hidden-reasoning">
        <Badge tone="zinc">hidden</Badge> Encrypted or redacted reasoning
        {step.opaque ? ` (${step.opaque.length.toLocaleString("en")} characters kept, unreadable)` : ""}.
      </div>
    );
  }
  return (
    <div>
      {step.hidden && <Badge tone="zinc">partly hidden</Badge>}
      <button
        type="button"
        data-testid="reasoning-toggle"
        aria-expanded={open}
        onClick={(e) => {
          e.stopPropagation();
          setOpen(!open);
        }}
        className="text-xs font-medium text-violet-700 hover:underline dark:text-violet-300"
      >
        {open ? "Hide reasoning" : "Show reasoning"}
      </button>
      {open ? (
        <LongText text={step.text} expanded={expanded} onExpand={onExpand}>
          {(shown) => <PlainText text={shown} field="text" />}
        </LongText>
      ) : (
        <div className="truncate text-sm italic text-zinc-500">{step.text.slice(0, 200)}</div>
      )}
    </div>
  );
}

function ToolResultBody({
  step,
  stepKey,
  expanded,
  onExpand,
  colorTick,
  pairedTool,
}: StepBodyProps & { step: Extract<ParsedStep, { kind: "tool_result" }> }) {
  const shell = isShellTool(step.name ?? pairedTool);
  // Scoring a long output for its language is the costliest part of a row: once per body.
  const language = useMemo(() => {
    if (shell) return "plaintext";
    const l = detectLanguage(step.output);
    return l === "markdown" ? "plaintext" : l;
  }, [step.output, shell]);
  if (shell) return <ShellResult step={step} expanded={expanded} onExpand={() => onExpand(stepKey)} />;
  return (
    <LongText text={step.output} expanded={expanded} onExpand={() => onExpand(stepKey)}>
      {(shown) => <CodeBlock text={shown} language={language} field="output" colorTick={colorTick} />}
    </LongText>
  );
}

function ShellResult({
  step,
  expanded,
  onExpand,
}: {
  step: Extract<ParsedStep, { kind: "tool_result" }>;
  expanded: boolean;
  onExpand: () => void;
}) {
  const code = exitCodeOf(step);
  const output = shellOutputOf(step);
  return (
    <div data-testid="terminal-output" className="space-y-1">
      <LongText text={output} expanded={expanded} onExpand={onExpand}>
        {(shown) => (
          <pre tabIndex={0} className={TERMINAL} data-field={output === step.output ? "output" : undefined}>
            {shown || "(no output)"}
          </pre>
        )}
      </LongText>
      <div className="text-xs" data-testid="exit-code" data-exit-code={code ?? ""}>
        {code === null ? (
          <span className="text-zinc-600 dark:text-zinc-400">exit code not reported</span>
        ) : (
          <Badge tone={code === 0 ? "green" : "red"}>exit {code}</Badge>
        )}
      </div>
    </div>
  );
}

export const StepBody = memo(function StepBody(props: StepBodyProps) {
  const { step, stepKey, expanded } = props;
  const onExpand = () => props.onExpand(stepKey);
  switch (step.kind) {
    case "assistant":
      return (
        <LongText text={step.text} expanded={expanded} onExpand={onExpand}>
          {(shown) => <MarkdownText text={shown} field="text" />}
        </LongText>
      );
    case "reasoning":
      return <ReasoningBody {...props} step={step} />;
    case "tool_call":
      return <ToolCallBody {...props} step={step} />;
    case "tool_result":
      return <ToolResultBody {...props} step={step} />;
    default:
      return (
        <LongText text={step.text} expanded={expanded} onExpand={onExpand}>
          {(shown) => <PlainText text={shown} field="text" />}
        </LongText>
      );
  }
});
