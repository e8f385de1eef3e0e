"use client";
/**
 * Asked before opening the editor on a step someone else has open in theirs (presence says so,
 * trajectory:editing). Not a lock: both may go on, and whoever saves second gets the merge.
 */
import { Button } from "@/components/ui/button";

export function EditWarning({
  ordinal,
  names,
  onEdit,
  onCancel,
}: {
  ordinal: number | null;
  names: string[];
  onEdit: () => void;
  onCancel: () => void;
}) {
  const who = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/40" onClick={onCancel}>
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="edit-warning-title"
        aria-describedby="edit-warning-text"
        data-testid="edit-warning"
        className="w-[28rem] max-w-[95vw] space-y-3 rounded-lg bg-white p-5 shadow-xl dark:bg-zinc-900"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key !== "Escape") return;
          e.stopPropagation();
          onCancel();
        }}
      >
        <h2 id="edit-warning-title" className="text-base font-semibold">
          {who} {names.length === 1 ? "is" : "are"} editing step #{ordinal ?? "?"}
        </h2>
        <p id="edit-warning-text" className="text-sm text-zinc-700 dark:text-zinc-300">
          If you both change it, whoever saves second has the two edits merged line by line and settles the lines you
          both changed. You may want to wait or pick another step.
        </p>
        <div className="flex justify-end gap-2">
          <Button autoFocus variant="secondary" data-testid="edit-warning-cancel" onClick={onCancel}>
            Cancel
          </Button>
          <Button data-testid="edit-anyway" onClick={onEdit}>
            Edit anyway
          </Button>
        </div>
      </div>
    </div>
  );
}
