"use client";
/**
 * Text that may be very long (tool outputs of megabytes): a preview with "show all". The expanded
 * state lives in the viewer (keyed by step), so it survives the row being virtualized away.
 */
import { useMemo, type ReactNode } from "react";
import { collapseText } from "@/lib/viewer/collapse-text";

const fmt = new Intl.NumberFormat("en");

export function LongText({
  text,
  expanded,
  onExpand,
  children,
}: {
  text: string;
  expanded: boolean;
  onExpand: () => void;
  children: (shown: string) => ReactNode;
}) {
  const c = useMemo(() => collapseText(text), [text]);
  if (!c.collapsed || expanded) return <>{children(text)}</>;
  return (
    <div>
      {children(c.shown)}
      <button
        type="button"
        data-testid="show-all"
        onClick={(e) => {
          e.stopPropagation();
          onExpand();
        }}
        className="mt-1 text-xs font-medium text-indigo-600 hover:underline dark:text-indigo-400"
      >
        Show all ({fmt.format(c.hiddenLines)} more line{c.hiddenLines === 1 ? "" : "s"}, {fmt.format(c.hiddenChars)}{" "}
        characters)
      </button>
    </div>
  );
}
