/**
 * An import error as the upload page shows it. The server's messages serve the CLI too: they start
 * with the file name (the page shows it once, in its own column), may name a command-line flag,
 * and list every known format inline. Here the name is dropped, the flag becomes the page's own
 * option, and the format list goes behind a "which formats?" link.
 */
export interface WebMessage {
  text: string;
  /** The message listed the known formats (shown behind a link). */
  listsFormats: boolean;
}

export function webMessage(message: string, filename: string): WebMessage {
  let text = message;
  for (const prefix of [`${filename}: `, `${filename} `]) if (text.startsWith(prefix)) text = text.slice(prefix.length);
  text = text.replace(/\(pass --format to force one\)/, "(choose one under Format in the options to force it)");
  text = text.replace(/--format\b/g, "the Format option");
  text = text.replace(/--domain\b/g, "the Domain option");
  text = text.replace(/--query\b/g, "the Query option");
  const listed = /;?\s*known formats: [a-z0-9-]+(, [a-z0-9-]+)*/;
  const listsFormats = listed.test(text);
  text = text.replace(listed, "");
  return { text: text.charAt(0).toUpperCase() + text.slice(1), listsFormats };
}
