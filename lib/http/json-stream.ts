/**
 * A JSON response written piece by piece from an async source, so a document of hundreds of MB
 * (a trajectory's canonical JSON, a page of large step bodies) never exists as one string: the
 * server holds one batch of rows and the socket's buffer. Back-pressure comes from the stream's
 * `pull`: the next piece is read only when the client has taken the last one.
 */
import { logError } from "@/lib/log";

export function jsonStreamResponse(pieces: AsyncIterable<string>, headers: Record<string, string> = {}): Response {
  const it = pieces[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await it.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (e) {
        // Headers are gone already: the client sees a cut-off (invalid) document, the log says why.
        logError("a streamed JSON response failed", e);
        controller.error(e);
      }
    },
    async cancel() {
      await it.return?.();
    },
  });
  return new Response(stream, { headers: { "content-type": "application/json; charset=utf-8", ...headers } });
}

/**
 * `{"a":1,"b":[` … `]}` pieces: the head of an object whose last member is an array, its items
 * given as JSON text (already serialised, e.g. a jsonb column read as text, so never parsed here).
 */
export async function* jsonArrayMember(
  head: Record<string, unknown>,
  member: string,
  itemsJson: AsyncIterable<string>,
): AsyncGenerator<string> {
  const open = JSON.stringify(head);
  yield `${open.slice(0, -1)}${open.length > 2 ? "," : ""}${JSON.stringify(member)}:[`;
  let first = true;
  for await (const item of itemsJson) {
    yield first ? item : `,${item}`;
    first = false;
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
    yield `${first ? "" : ","}${JSON.stringify(k)}:${v}`;
    first = false;
  }
  yield "}}";
}
