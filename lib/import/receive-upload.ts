/**
 * Receives uploaded transcript files onto disk without holding them in memory: multipart bodies
 * (one or more `file` parts) are streamed part by part with busboy; a raw body (any other content
 * type) is one file named by `?filename=`. The caller imports the files and then removes them.
 * When the upload fails half-way (the client aborts, a part is over the limit, the body is
 * malformed), every part being written is stopped, its handle closed and its partial file removed.
 */
import { createWriteStream } from "node:fs";
import { unlink } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { AppError } from "@/lib/errors/app-error";
import { tempPath } from "@/lib/import/source-store";

export interface ReceivedFile {
  path: string;
  /** The name as the client sent it (folders kept, e.g. `sessions/a.jsonl`), for messages. */
  name: string;
  size: number;
}

export interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
}

const cleanName = (name: string) =>
  name
    .replace(/\\/g, "/")
    .split("/")
    .filter((p) => p && p !== ".." && p !== ".")
    .join("/") || "upload";

export async function removeReceived(files: readonly ReceivedFile[]): Promise<void> {
  await Promise.all(files.map((f) => unlink(f.path).catch(() => undefined)));
}

async function saveStream(stream: Readable, limits: UploadLimits, name: string): Promise<ReceivedFile> {
  const target = await tempPath(path.extname(name));
  let size = 0;
  stream.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > limits.maxFileBytes)
      stream.destroy(
        new AppError(
          "PAYLOAD_TOO_LARGE",
          `${name}: the file is over the upload limit of ${Math.round(limits.maxFileBytes / 1024 / 1024)} MiB`,
        ),
      );
  });
  try {
    await pipeline(stream, createWriteStream(target));
  } catch (e) {
    await unlink(target).catch(() => undefined);
    throw e;
  }
  return { path: target, name, size };
}

export async function receiveUpload(req: Request, limits: UploadLimits): Promise<ReceivedFile[]> {
  if (!req.body)
    throw new AppError(
      "BAD_REQUEST",
      "the request has no body; send files as multipart/form-data parts named `file`, or one file as the raw body with ?filename=",
    );
  const type = req.headers.get("content-type") ?? "";
  const body = Readable.fromWeb(req.body as unknown as WebReadableStream);
  if (!type.startsWith("multipart/form-data")) {
    const name = cleanName(new URL(req.url).searchParams.get("filename") ?? "");
    if (name === "upload")
      throw new AppError("VALIDATION", "a raw upload needs ?filename=<name> (the extension helps detection)", {
        location: { field: "filename" },
      });
    try {
      return [await saveStream(body, limits, name)];
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError("BAD_REQUEST", `the upload was interrupted before its end; nothing was imported`, {
        cause: e,
      });
    }
  }

  // Slots in upload order: parts are written concurrently and a small one finishes first, but
  // results must come back in the order the files were sent.
  const slots: Array<ReceivedFile | undefined> = [];
  const pending: Promise<void>[] = [];
  const parts = new Set<Readable>();
  let failure: unknown = null;
  let bb: busboy.Busboy;
  try {
    bb = busboy({ headers: { "content-type": type }, limits: { files: limits.maxFiles }, preservePath: true });
  } catch (e) {
    // busboy throws at once on a multipart type without a boundary.
    body.destroy();
    throw new AppError(
      "BAD_REQUEST",
      `the multipart body cannot be read (${e instanceof Error ? e.message : String(e)}); send multipart/form-data with its boundary, as browsers and curl -F do`,
      { location: { field: "content-type" } },
    );
  }
  try {
    await new Promise<void>((resolve, reject) => {
      bb.on("file", (field, stream, info) => {
        if (field !== "file") {
          stream.resume();
          return;
        }
        const name = cleanName(info.filename ?? "");
        const slot = slots.length;
        slots.push(undefined);
        parts.add(stream);
        stream.on("close", () => parts.delete(stream));
        pending.push(
          saveStream(stream, limits, name).then(
            (f) => void (slots[slot] = f),
            (e) => {
              failure ??= e;
              stream.resume();
            },
          ),
        );
      });
      bb.on(
        "filesLimit",
        () => (failure ??= new AppError("PAYLOAD_TOO_LARGE", `at most ${limits.maxFiles} files per request`)),
      );
      bb.on("error", (e) =>
        reject(
          new AppError(
            "BAD_REQUEST",
            `the multipart body could not be read (${e instanceof Error ? e.message : String(e)})`,
          ),
        ),
      );
      bb.on("close", () => resolve());
      body.on("error", (e) =>
        reject(
          new AppError(
            "BAD_REQUEST",
            `the upload was interrupted before its end (${e instanceof Error ? e.message : String(e)}); nothing was imported`,
          ),
        ),
      );
      body.pipe(bb);
    });
    await Promise.all(pending);
  } catch (e) {
    failure ??= e;
  }
  if (failure) {
    // Stop the parts still being written (their pipelines remove the partial files) and wait for them.
    body.unpipe(bb);
    body.destroy();
    for (const part of parts) part.destroy(new AppError("BAD_REQUEST", "the upload was interrupted"));
    await Promise.allSettled(pending);
  }
  const files = slots.filter((f): f is ReceivedFile => f !== undefined);
  if (failure) {
    await removeReceived(files);
    throw failure;
  }
  if (!files.length)
    throw new AppError("VALIDATION", "no file parts: send the files as multipart parts named `file`", {
      location: { field: "file" },
    });
  return files;
}
