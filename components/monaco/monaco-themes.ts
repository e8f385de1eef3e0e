/** The app's two Monaco themes: Monaco's own, with colours for the diff language's added and removed lines. */
import type { Monaco } from "@/components/monaco/load-monaco";

export const MONACO_THEMES = { light: "limi-light", dark: "limi-dark" } as const;

export function defineMonacoThemes(monaco: Monaco): void {
  monaco.editor.defineTheme(MONACO_THEMES.light, {
    base: "vs",
    inherit: true,
    colors: {},
    rules: [
      { token: "inserted", foreground: "116329" },
      { token: "deleted", foreground: "b31d28" },
    ],
  });
  monaco.editor.defineTheme(MONACO_THEMES.dark, {
    base: "vs-dark",
    inherit: true,
    colors: {},
    rules: [
      { token: "inserted", foreground: "7ee787" },
      { token: "deleted", foreground: "ffa198" },
    ],
  });
}
