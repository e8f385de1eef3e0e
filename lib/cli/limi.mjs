#!/usr/bin/env node
// The `limi` command. The CLI is TypeScript run through tsx, registered here with the project's
// tsconfig so the `@/` paths resolve from any working directory.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
register({ tsconfig: path.join(root, "tsconfig.json") });
await import("./main.ts");
