// The parsing worker thread of large imports (lib/import/parse-off-thread.ts). Like the token
// counting worker, it runs the TypeScript sources through tsx, registered with the project's
// tsconfig so `@/` paths resolve.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
register({ tsconfig: path.join(root, "tsconfig.json") });
await import("./parse-worker-main.ts");
