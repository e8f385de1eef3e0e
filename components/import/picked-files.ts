/**
 * Files chosen in the browser, from a drop (files and folders, recursively), the multiple-file
 * picker or the folder picker, each with the path it had relative to what was chosen.
 */
export interface PickedFile {
  file: File;
  /** `a.jsonl`, or `sessions/2025/a.jsonl` for a file inside a chosen folder. */
  path: string;
}

export interface PickResult {
  files: PickedFile[];
  /** System files and tool folders left out (.DS_Store, .git, node_modules, ...). */
  skipped: number;
}

const JUNK_FILES = new Set([".DS_Store", "Thumbs.db", "desktop.ini"]);
const JUNK_DIRS = new Set([".git", "node_modules", "__MACOSX"]);

const isJunkFile = (name: string) => JUNK_FILES.has(name) || name.startsWith("._");

/** From `<input type=file multiple>` or `<input type=file webkitdirectory>`. */
export function filesFromInput(list: FileList | null): PickResult {
  const files: PickedFile[] = [];
  let skipped = 0;
  for (const file of Array.from(list ?? [])) {
    const path = file.webkitRelativePath || file.name;
    const parts = path.split("/");
    if (isJunkFile(file.name) || parts.slice(0, -1).some((p) => JUNK_DIRS.has(p))) skipped++;
    else files.push({ file, path });
  }
  return { files, skipped };
}

function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  // readEntries returns a batch at a time (100 in Chromium) and an empty batch at the end.
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (!batch.length) return resolve(all);
        all.push(...batch);
        next();
      }, reject);
    next();
  });
}

const entryFile = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

async function walk(entry: FileSystemEntry, out: PickResult): Promise<void> {
  if (entry.isFile) {
    if (isJunkFile(entry.name)) {
      out.skipped++;
      return;
    }
    const file = await entryFile(entry as FileSystemFileEntry);
    out.files.push({ file, path: entry.fullPath.replace(/^\/+/, "") || file.name });
  } else if (entry.isDirectory) {
    if (JUNK_DIRS.has(entry.name)) {
      out.skipped++;
      return;
    }
    const children = await readAllEntries((entry as FileSystemDirectoryEntry).createReader());
    for (const child of children) await walk(child, out);
  }
}

/**
 * From a drop. Must be called inside the drop handler: the DataTransfer's items are read before
 * the first await, since the browser empties them once the handler returns.
 */
export async function filesFromDrop(dt: DataTransfer): Promise<PickResult> {
  const roots: Array<FileSystemEntry | File> = [];
  for (const item of Array.from(dt.items ?? [])) {
    if (item.kind !== "file") continue;
    const entry = typeof item.webkitGetAsEntry === "function" ? item.webkitGetAsEntry() : null;
    const file = entry ? null : item.getAsFile();
    if (entry) roots.push(entry);
    else if (file) roots.push(file);
  }
  if (!roots.length) return filesFromInput(dt.files);

  const out: PickResult = { files: [], skipped: 0 };
  for (const root of roots) {
    if (root instanceof File) {
      if (isJunkFile(root.name)) out.skipped++;
      else out.files.push({ file: root, path: root.name });
    } else {
      await walk(root, out);
    }
  }
  return out;
}
