"use client";
/**
 * A modal confirmation on the native <dialog>: focus moves into it and Escape closes it, and the
 * page's single-key shortcuts see `dialogOpen` (an open dialog element) and stay quiet.
 */
import { useEffect, useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy = false,
  tone = "primary",
  testId = "confirm-dialog",
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  tone?: "primary" | "danger";
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      // showModal focuses the first focusable element (often a link in the body); the choice goes first.
      d.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    }
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      className="m-auto w-full max-w-xl rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      aria-labelledby={`${testId}-title`}
      data-testid={testId}
    >
      {open && (
        <div className="space-y-3 p-5">
          <h2 id={`${testId}-title`} className="text-base font-semibold">
            {title}
          </h2>
          <div className="text-sm">{children}</div>
          <div className="flex justify-end gap-2 pt-2">
            <Button type="button" variant="secondary" onClick={onCancel} disabled={busy}>
              Cancel
            </Button>
            <Button
              type="button"
              variant={tone}
              onClick={onConfirm}
              disabled={busy}
              data-autofocus
              data-testid={`${testId}-confirm`}
            >
              {confirmLabel}
            </Button>
          </div>
        </div>
      )}
    </dialog>
  );
}
