// The export job's child process (started by lib/export/export-child.ts; named apart from it so
// that no resolver takes this file for that module). Like the `limi` bin, it runs the
// TypeScript sources through tsx, registered with the project's tsconfig so `@/` paths resolve.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
register({ tsconfig: path.join(root, "tsconfig.json") });
await import("./export-child-main.ts");
