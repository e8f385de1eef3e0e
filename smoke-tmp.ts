import { fileInput, collect } from "@/lib/formats/testing/input";
import { parseFile } from "@/lib/formats/detect";
const [t] = await collect(await parseFile(fileInput(process.argv[2]), { format: "auto", maxDocumentBytes: 1e8 }));
for (const s of t.steps) {
  const { kind, ...rest } = s as Record<string, unknown>;
  const o = JSON.stringify(rest, (k, v) => (typeof v === "string" && v.length > 70 ? v.slice(0, 70) + "…" : v));
  console.log(kind, o.length > 400 ? o.slice(0, 400) + "…" : o);
}
console.log(JSON.stringify(t.source), t.title);
