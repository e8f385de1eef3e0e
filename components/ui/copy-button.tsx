"use client";
/**
 * Copies a text to the clipboard and says so. The Clipboard API exists only on secure pages
 * (https, localhost); elsewhere the text is selected in a hidden field and copied the old way.
 */
import { useState } from "react";
import { Button } from "@/components/ui/button";

async function copyText(text: string): Promise<boolean> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (e) {
      void e; // permission refused: fall through to the selection copy
    }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  return ok;
}

export function CopyButton({ text, label = "Copy", testId }: { text: string; label?: string; testId?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        data-testid={testId}
        onClick={async () => setState((await copyText(text)) ? "copied" : "failed")}
      >
        {label}
      </Button>
      <span role="status" className="text-xs text-zinc-700 dark:text-zinc-300">
        {state === "copied"
          ? "Copied to the clipboard."
          : state === "failed"
            ? "Copy failed: select the key and copy it."
            : ""}
      </span>
    </span>
  );
}
