/**
 * A JSON response written piece by piece from an async source, so a document of hundreds of MB
 * (a trajectory's canonical JSON, a page of large step bodies) never exists as one string: the
 * server holds one batch of rows and the socket's buffer. Back-pressure comes from the stream's
 * `pull`: the next chunk is made only when the client has taken the last one. Pieces are joined
 * into chunks of about CHUNK_CHARS (a step per write costs a syscall each) and a longer piece is
 * cut into such chunks, so no string or buffer of the response is larger than one chunk beyond
 * what the source holds; after each chunk the stream waits a turn of the event loop, so a
 * fast client of a large document cannot hold the thread between I/O callbacks.
 */
import { logError } from "@/lib/log";

/** About 256 KB of text per chunk written. */
export const CHUNK_CHARS = 256 * 1024;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The end of a slice that does not cut a surrogate pair in half. */
function cutAt(s: string, end: number): number {
  if (end >= s.length) return s.length;
  const c = s.charCodeAt(end - 1);
  return c >= 0xd800 && c <= 0xdbff ? end - 1 : end;
}

export interface JsonStreamOptions {
  headers?: Record<string, string>;
  /** Called once when the stream ends, fails or is cancelled (e.g. to give back a read slot). */
  onClose?: () => void;
}

export function jsonStreamResponse(pieces: AsyncIterable<string>, opts: JsonStreamOptions = {}): Response {
  const it = pieces[Symbol.asyncIterator]();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    opts.onClose?.();
  };
  // What is left of a piece longer than a chunk, and where it starts.
  let rest = "";
  let at = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const parts: string[] = [];
        let size = 0;
        let done = false;
        while (size < CHUNK_CHARS) {
          if (at < rest.length) {
            let end = cutAt(rest, Math.min(rest.length, at + CHUNK_CHARS - size));
            // One character of room left before a surrogate pair: take the pair.
            if (end <= at) end = Math.min(rest.length, at + 2);
            parts.push(rest.slice(at, end));
            size += end - at;
            at = end;
            continue;
          }
          rest = "";
          at = 0;
          const next = await it.next();
          if (next.done) {
            done = true;
            break;
          }
          rest = next.value;
        }
        // A client that went away while this chunk was made has cancelled the stream already.
        if (closed) return;
        if (size) controller.enqueue(Buffer.from(parts.join(""), "utf8"));
        if (done) {
          controller.close();
          close();
        } else await nextTurn();
      } catch (e) {
        if (closed) return;
        // Headers are gone already: the client sees a cut-off (invalid) document, the log says why.
        logError("a streamed JSON response failed", e);
        controller.error(e);
        close();
      }
    },
    async cancel() {
      close();
      await it.return?.();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "application/json; charset=utf-8", ...opts.headers },
  });
}

/**
 * `{"a":1,"b":[` … `]}` pieces: the head of an object whose last member is an array, its items
 * given as JSON text (already serialised, e.g. a jsonb column read as text, so never parsed here);
 * an item may come as several pieces, so a large one is never joined into one string.
 */
export async function* jsonArrayMember(
  head: Record<string, unknown>,
  member: string,
  itemsJson: AsyncIterable<string | readonly string[]>,
): AsyncGenerator<string> {
  const open = JSON.stringify(head);
  yield `${open.slice(0, -1)}${open.length > 2 ? "," : ""}${JSON.stringify(member)}:[`;
  let first = true;
  for await (const item of itemsJson) {
    if (!first) yield ",";
    first = false;
    if (typeof item === "string") yield item;
    else yield* item;
  }
  yield "]}";
}

/** `{"member":{"k":v,…}}` pieces from [key, JSON text of the value] entries. */
export async function* jsonObjectMember(
  member: string,
  entriesJson: AsyncIterable<[string, string]>,
): AsyncGenerator<string> {
  yield `{${JSON.stringify(member)}:{`;
  let first = true;
  for await (const [k, v] of entriesJson) {
    yield `${first ? "" : ","}${JSON.stringify(k)}:`;
    yield v;
    first = false;
  }
  yield "}}";
}
