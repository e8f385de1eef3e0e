/**
 * Where Monaco's web workers come from: the app's own bundle. The bundler sees each
 * `new Worker(new URL(..., import.meta.url))` and emits the worker as a chunk the app serves, so the
 * editor never reaches a CDN. Only the editor's own worker and the JSON one are wired; other
 * languages (shell, Python, diffs) are tokenized on the main thread and need none.
 */
type WorkerFactory = { getWorker(workerId: string, label: string): Worker };

export function installMonacoEnvironment(): void {
  const g = globalThis as typeof globalThis & { MonacoEnvironment?: WorkerFactory };
  if (g.MonacoEnvironment) return;
  g.MonacoEnvironment = {
    getWorker(_workerId, label) {
      if (label === "json")
        return new Worker(new URL("monaco-editor/languages/features/json/json.worker.js", import.meta.url), {
          type: "module",
          name: "json",
        });
      return new Worker(new URL("monaco-editor/editor/editor.worker.js", import.meta.url), {
        type: "module",
        name: "editor",
      });
    },
  };
}
