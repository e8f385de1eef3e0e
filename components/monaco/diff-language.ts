/** A highlighter for unified diffs and patches (git diff, apply_patch input), which Monaco lacks. */
import type { Monaco } from "@/components/monaco/load-monaco";

export function registerDiffLanguage(monaco: Monaco): void {
  if (monaco.languages.getLanguages().some((l) => l.id === "diff")) return;
  monaco.languages.register({ id: "diff", extensions: [".diff", ".patch"] });
  monaco.languages.setMonarchTokensProvider("diff", {
    tokenizer: {
      root: [
        [/^(diff --git|index |\+\+\+ |--- |\*\*\* (Begin|End|Update|Add|Delete) ).*$/, "keyword"],
        [/^@@.*@@.*$/, "type"],
        [/^\+.*$/, "inserted"],
        [/^-.*$/, "deleted"],
        [/^.*$/, ""],
      ],
    },
  });
}
