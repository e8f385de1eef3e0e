/**
 * A one-line title without its markdown (titles are often an agent's or a person's first line:
 * "# Fix the **parser**", "`npm test` fails"): marks stripped, text kept, whitespace folded. Kept
 * to a handful of patterns rather than a markdown parser, so the trajectory list does not load one.
 */
export function plainTitle(title: string): string {
  return title
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, "")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[^\w*])[*_]([^*_\s][^*_]*?)[*_](?=[^\w*]|$)/g, "$1$2")
    .replace(/~~(.+?)~~/g, "$1")
    .replace(/`+([^`]+)`+/g, "$1")
    .replace(/<\/?[a-z][^>]*>/gi, "")
    .replace(/\s+/g, " ")
    .trim();
}
