/**
 * Loads Monaco once, from the `monaco-editor` package in the app's bundle, and hands it to
 * @monaco-editor/react's loader, which would otherwise fetch it from a CDN. Browser-only: callers
 * import this file dynamically, so Monaco is fetched when the first editor opens and never on pages
 * that do not show one.
 *
 * Only what transcripts need is bundled (monaco-editor 0.56+ has tree-shakeable entry points): the
 * editor with its features, JSON with validation, and highlighters for the languages that
 * lib/viewer/detect-language picks (a unified-diff one is defined here; Monaco has none). The
 * TypeScript, CSS and HTML language services, and their large workers, are left out.
 */
import { loader } from "@monaco-editor/react";
import { installMonacoEnvironment } from "@/components/monaco/monaco-environment";
import { registerDiffLanguage } from "@/components/monaco/diff-language";
import { defineMonacoThemes } from "@/components/monaco/monaco-themes";

export type Monaco = typeof import("monaco-editor/editor");

let loading: Promise<Monaco> | null = null;

export function loadMonaco(): Promise<Monaco> {
  loading ??= (async () => {
    installMonacoEnvironment();
    const [monaco] = await Promise.all([
      import("monaco-editor/editor"),
      import("monaco-editor/features/register.all"),
      import("monaco-editor/languages/features/json/register"),
      import("monaco-editor/languages/definitions/shell/register"),
      import("monaco-editor/languages/definitions/python/register"),
      import("monaco-editor/languages/definitions/markdown/register"),
      import("monaco-editor/languages/definitions/javascript/register"),
      import("monaco-editor/languages/definitions/typescript/register"),
    ]);
    registerDiffLanguage(monaco);
    defineMonacoThemes(monaco);
    loader.config({ monaco });
    await loader.init();
    return monaco;
  })();
  return loading;
}
