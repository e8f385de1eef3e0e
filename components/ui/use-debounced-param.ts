"use client";
/**
 * A text input bound to one query-string key: it updates as the user types and writes the URL
 * after a pause, so the list refetches once per edit rather than per keystroke. A change of the
 * URL from elsewhere (Clear filters, back button) replaces the text.
 */
import { useEffect, useState } from "react";
import { useListParams } from "@/components/ui/use-list-params";

export function useDebouncedParam(
  key: string,
  opts: { delay?: number; clean?: (v: string) => string } = {},
): [string, (v: string) => void] {
  const { sp, setParams } = useListParams();
  const delay = opts.delay ?? 300;
  const urlValue = sp.get(key) ?? "";
  const [value, setValue] = useState(urlValue);
  const [seen, setSeen] = useState(urlValue);
  /** The value this input last wrote, until the URL shows it. */
  const [written, setWritten] = useState<string | null>(null);

  // When the URL changes, adopt it, unless it is our own write arriving while the user types on.
  if (seen !== urlValue) {
    setSeen(urlValue);
    if (urlValue !== written) setValue(urlValue);
    setWritten(null);
  }

  const clean = opts.clean;
  useEffect(() => {
    const target = clean ? clean(value) : value;
    if (target === urlValue) return;
    const t = setTimeout(() => {
      setWritten(target);
      setParams({ [key]: target || null });
    }, delay);
    return () => clearTimeout(t);
    // setParams is recreated each render; it reads the live URL, so it is safe to leave out.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, urlValue, key, delay, clean]);

  return [value, setValue];
}
