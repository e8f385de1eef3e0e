/** Inside a counting worker: counts the texts of each request with the tokenizer it names. */
import { parentPort } from "node:worker_threads";
import { loadTokenizer } from "@/lib/tokens/registry";
import type { CountReply, CountRequest } from "@/lib/tokens/count-pool";

parentPort?.on("message", async (req: CountRequest) => {
  let reply: CountReply;
  try {
    const tokenizer = await loadTokenizer(req.spec);
    reply = { id: req.id, counts: req.texts.map((t) => (t.length === 0 ? 0 : tokenizer.count(t))) };
  } catch (e) {
    reply = { id: req.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(reply);
});
