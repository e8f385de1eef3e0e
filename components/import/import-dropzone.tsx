"use client";
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { filesFromDrop, filesFromInput, type PickResult } from "@/components/import/picked-files";

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes("Files");

/**
 * Where files come in: drop files and folders (folders are walked recursively), or pick them with
 * "Choose files" / "Choose folder". Focusable; Enter or Space opens the file picker.
 */
export function ImportDropzone({
  onPick,
  disabled = false,
}: {
  onPick: (picked: PickResult) => void;
  disabled?: boolean;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const depth = useRef(0);
  const [over, setOver] = useState(false);
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);

  // A file dropped next to the zone would make the browser navigate away to show it.
  useEffect(() => {
    const guard = (e: globalThis.DragEvent) => {
      if (e.dataTransfer && Array.from(e.dataTransfer.types).includes("Files")) e.preventDefault();
    };
    window.addEventListener("dragover", guard);
    window.addEventListener("drop", guard);
    return () => {
      window.removeEventListener("dragover", guard);
      window.removeEventListener("drop", guard);
    };
  }, []);

  const openPicker = () => fileInput.current?.click();

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || disabled) return;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      openPicker();
    }
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    depth.current = 0;
    setOver(false);
    if (disabled) return;
    setReadError(null);
    setReading(true);
    // filesFromDrop reads the DataTransfer synchronously before its first await.
    filesFromDrop(e.dataTransfer)
      .then(onPick)
      .catch((err: unknown) =>
        setReadError(`Some dropped items could not be read: ${err instanceof Error ? err.message : String(err)}`),
      )
      .finally(() => setReading(false));
  };

  const onInput = (input: HTMLInputElement) => {
    onPick(filesFromInput(input.files));
    input.value = ""; // choosing the same files again fires change again
  };

  return (
    <div
      data-testid="import-dropzone"
      tabIndex={disabled ? -1 : 0}
      role="group"
      aria-label="Drop zone for transcript files and folders. Press Enter to choose files."
      aria-disabled={disabled || undefined}
      aria-busy={reading || undefined}
      onKeyDown={onKeyDown}
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current++;
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = disabled ? "none" : "copy";
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={onDrop}
      className={`rounded-lg border-2 border-dashed p-8 text-center transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 ${
        over && !disabled
          ? "border-indigo-500 bg-indigo-50 dark:border-indigo-400 dark:bg-indigo-950/40"
          : "border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-900"
      } ${disabled ? "opacity-60" : ""}`}
    >
      <p className="text-base font-medium">
        {reading ? "Reading folders…" : over ? "Drop to add to the batch" : "Drop transcript files or folders here"}
      </p>
      <p className="mx-auto mt-1 max-w-xl text-sm text-zinc-600 dark:text-zinc-400">
        Session logs from Claude Code, Codex, Gemini CLI, SII CLI, SWE-agent, OpenHands and others, or datasets in chat
        formats. Folders are searched recursively; the format of each file is detected unless you choose one.
      </p>
      <div className="mt-4 flex flex-wrap justify-center gap-2">
        <Button type="button" onClick={openPicker} disabled={disabled}>
          Choose files
        </Button>
        <Button type="button" variant="secondary" onClick={() => folderInput.current?.click()} disabled={disabled}>
          Choose folder
        </Button>
      </div>
      {readError && (
        <p role="alert" className="mt-3 text-sm text-red-600 dark:text-red-400">
          {readError}
        </p>
      )}
      <input
        ref={fileInput}
        type="file"
        multiple
        className="hidden"
        tabIndex={-1}
        aria-hidden
        data-testid="import-file-input"
        onChange={(e) => onInput(e.currentTarget)}
      />
      <input
        ref={(el) => {
          folderInput.current = el;
          // Not in React's typings: the folder picker attributes are set on the element.
          el?.setAttribute("webkitdirectory", "");
          el?.setAttribute("directory", "");
        }}
        type="file"
        multiple
        className="hidden"
        tabIndex={-1}
        aria-hidden
        data-testid="import-folder-input"
        onChange={(e) => onInput(e.currentTarget)}
      />
    </div>
  );
}
