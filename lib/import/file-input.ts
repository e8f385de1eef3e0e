/**
 * A file on disk as a parser's input, reporting the furthest byte read so far (a parser may read a
 * file more than once). Shared by the import in the server thread and its parsing worker.
 */
import { createReadStream } from "node:fs";
import { Transform } from "node:stream";
import type { FormatInput } from "@/lib/formats/types";

export function fileInput(
  file: { path: string; name: string; size: number },
  onProgress?: (furthest: number) => void,
  extra: Pick<FormatInput, "warn" | "maxLineBytes"> = {},
): FormatInput {
  let furthest = 0;
  return {
    filename: file.name,
    size: file.size,
    path: file.path,
    ...extra,
    open() {
      const raw = createReadStream(file.path, { highWaterMark: 1024 * 1024 });
      if (!onProgress) return raw;
      let read = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          read += chunk.length;
          if (read > furthest) {
            furthest = read;
            onProgress(furthest);
          }
          cb(null, chunk);
        },
      });
      raw.on("error", (e) => counter.destroy(e));
      counter.on("close", () => raw.destroy());
      return raw.pipe(counter);
    },
  };
}
