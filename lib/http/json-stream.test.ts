import { describe, expect, it } from "vitest";
import { CHUNK_CHARS, jsonArrayMember, jsonStreamResponse } from "@/lib/http/json-stream";

async function* from(pieces: readonly string[]) {
  for (const p of pieces) yield p;
}

async function chunksOf(res: Response): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  const reader = res.body!.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) out.push(r.value);
  return out;
}

describe("streamed JSON responses", () => {
  it("cuts a long piece into chunks of about CHUNK_CHARS without splitting a surrogate pair, and joins short ones", async () => {
    const long = `a${"🙂".repeat(CHUNK_CHARS)}`; // odd offsets: every cut falls next to a pair
    const small = Array.from({ length: 100 }, (_, i) => `"${i}"`);
    let closes = 0;
    const res = jsonStreamResponse(jsonArrayMember({ n: 1 }, "items", from([...small, JSON.stringify(long)])), {
      onClose: () => closes++,
    });
    const chunks = await chunksOf(res);
    const text = Buffer.concat(chunks).toString("utf8");
    expect(JSON.parse(text)).toEqual({ n: 1, items: [...small.map((s) => JSON.parse(s) as string), long] });
    expect(text).not.toContain("\ufffd");
    // The 100 short items share the first chunk; the long one spans several, none much over a chunk.
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    for (const c of chunks) expect(c.byteLength).toBeLessThanOrEqual((CHUNK_CHARS + 2) * 3);
    expect(closes).toBe(1);
  });

  it("calls onClose once when the client cancels, and stops reading the source", async () => {
    let closes = 0;
    let produced = 0;
    async function* endless() {
      for (;;) {
        produced++;
        yield "x".repeat(CHUNK_CHARS);
      }
    }
    const res = jsonStreamResponse(endless(), { onClose: () => closes++ });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    const after = produced;
    await new Promise((r) => setTimeout(r, 20));
    expect(closes).toBe(1);
    expect(produced).toBeLessThanOrEqual(after + 1);
  });
});
