/**
 * Prisma's schema engine, run as WebAssembly so migrations work offline. The CLI would download a
 * native engine from Prisma's CDN at start-up, which these machines cannot reach; the WASM build of
 * the very same engine ships in an npm package and produces identical SQL and `_prisma_migrations`
 * rows. The package version is pinned to the one matching the `prisma` CLI in package.json.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { createEngineAdapter } from "@/lib/db/migrations/engine-adapter";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";

const require = createRequire(import.meta.url);

let bindings: Promise<typeof import("@prisma/schema-engine-wasm/schema_engine_bg")> | undefined;

/** The engine reports Rust panics through this global before it aborts; keep the last message. */
const panicRegistry = {
  message: "",
  set_message(m: string) {
    this.message = m;
  },
};

export function lastEnginePanic(): string {
  return panicRegistry.message;
}

async function loadBindings() {
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY ??= panicRegistry;
  bindings ??= (async () => {
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmBytes = await readFile(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(wasmBytes, {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bg;
  })();
  return bindings;
}

export interface EngineOptions {
  url: string;
  schemaPath: string;
  schema: string;
}

export async function openSchemaEngine(opts: EngineOptions): Promise<SchemaEngine> {
  const bg = await loadBindings();
  const adapter = createEngineAdapter(opts.url);
  const log = () => {
    // The engine's tracing output is not useful to users; errors come back as rejected promises.
  };
  return bg.SchemaEngine.new(
    { datamodels: [[opts.schemaPath, opts.schema]] },
    log,
    bindMigrationAwareSqlAdapterFactory(adapter),
  );
}
