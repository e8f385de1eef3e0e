"use client";
/**
 * A list page's keys (lib/keymap "list"): `j`/`k` move a focused row (the focus goes to the row's
 * main link, so it shows with the link's focus ring and Tab continues from there), Enter opens it,
 * `x` ticks it, `?` opens the shortcut sheet. Rows are the elements marked `data-list-row` inside
 * the container; each has one `data-row-focus` element to focus. The focused row follows Tab and
 * clicks too (onFocus), and starts again when the page of rows changes.
 */
import { useCallback, useState, type FocusEvent } from "react";
import { usePageKeys } from "@/components/ui/use-page-keys";

export function useListKeys({
  count,
  rowsKey,
  onOpen,
  onSelect,
}: {
  count: number;
  /** Changes when the rows shown change (page, sort, filters). */
  rowsKey: string;
  onOpen: (index: number) => void;
  onSelect?: (index: number) => void;
}) {
  // A callback ref kept in state: the rows are looked up in key handlers, never during render.
  const [container, setContainer] = useState<HTMLElement | null>(null);
  const [state, setState] = useState<{ rowsKey: string; index: number | null }>({ rowsKey, index: null });
  const focused = state.rowsKey === rowsKey ? state.index : null;
  const [help, setHelp] = useState(false);

  const focusRow = useCallback(
    (index: number) => {
      setState({ rowsKey, index });
      const row = container?.querySelectorAll<HTMLElement>("[data-list-row]")[index];
      (row?.querySelector<HTMLElement>("[data-row-focus]") ?? row)?.focus();
      row?.scrollIntoView({ block: "nearest" });
    },
    [rowsKey, container],
  );

  usePageKeys(
    "list",
    {
      "row.next": () => count && focusRow(focused === null ? 0 : Math.min(count - 1, focused + 1)),
      "row.prev": () => count && focusRow(focused === null ? 0 : Math.max(0, focused - 1)),
      "row.open": () => focused !== null && onOpen(focused),
      "row.select": onSelect ? () => focused !== null && onSelect(focused) : undefined,
      help: () => setHelp(true),
    },
    !help,
  );

  /** Spread on each row: keeps the focused row in step with Tab and clicks. */
  const rowProps = (index: number) => ({
    "data-list-row": true,
    "data-focused": focused === index ? "true" : undefined,
    onFocus: (e: FocusEvent<HTMLElement>) => {
      if (e.currentTarget.contains(e.target)) setState({ rowsKey, index });
    },
  });

  return { attachRows: setContainer, focused, rowProps, help, setHelp };
}
