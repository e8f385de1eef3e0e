/**
 * The environment, read and validated once. Nothing else reads `process.env` for configuration;
 * README.md's "Configuration" table lists the same variables.
 */
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** PostgreSQL URL. When unset, an embedded PostgreSQL is started with its data in LIMI_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Tests only: a server on which each run creates (and drops) its own fresh database. */
  TEST_DATABASE_URL: z.string().url().optional(),
  HOST: z.string().default("0.0.0.0"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Where the embedded database and generated secrets live. Git-ignored. */
  LIMI_DATA_DIR: z.string().default(".data"),
  /**
   * Model folders offered as tokenizers (`hf:<name>` for each `<name>/tokenizer.json`); requests
   * name a model, never a path. Default: LIMI_DATA_DIR/models.
   */
  LIMI_MODELS_DIR: z.string().optional(),
  /** Preferred port of the embedded PostgreSQL; a free one is picked when it is taken. */
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
  /** Signs session tokens. When unset, one is generated once and kept in LIMI_DATA_DIR/secret. */
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  /** Public URL of the app (next-auth callback base). */
  NEXTAUTH_URL: z.string().url().optional(),
  /**
   * Behind a reverse proxy: honour X-Forwarded-Proto/-Host/-For from it (origin checks, next-auth's
   * URLs and Secure cookies, client address for sign-in limits). Off: those headers are ignored.
   */
  LIMI_TRUST_PROXY: bool.default(false),
  /** Session lifetime in seconds (default 12 hours). */
  SESSION_MAX_AGE: z.coerce
    .number()
    .int()
    .min(60)
    .default(12 * 60 * 60),
  /** Create the demo project and admin on an empty database (default true; false in tests). */
  LIMI_DEMO: bool.default(true),
  /** Largest whole-document JSON import, in MiB. */
  IMPORT_MAX_DOCUMENT_MB: z.coerce.number().int().min(1).default(64),
  /** Inflated bytes an archive (Inspect `.eval` zip) may hold in all, in MiB: a zip bomb stops here. */
  IMPORT_MAX_ARCHIVE_MB: z.coerce.number().int().min(1).default(512),
  /** Members an archive may hold. */
  IMPORT_MAX_ARCHIVE_MEMBERS: z.coerce.number().int().min(1).default(20_000),
  /** Files imported at once by this process; further imports wait their turn (their place is reported). */
  IMPORT_MAX_RUNNING: z.coerce.number().int().min(1).max(64).default(2),
  /** Largest uploaded file, in MiB. */
  IMPORT_MAX_UPLOAD_MB: z.coerce.number().int().min(1).default(2048),
  /** Redis for several instances: socket.io rooms, presence (docker-compose sets it). */
  REDIS_URL: z.string().url().optional(),
  /** Prefix of every Redis key and stream of this app, so instances of two apps can share a Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/)
    .default("limi"),
  /**
   * V8 heap cap of the export's child process, in MiB (`--max-old-space-size`). The export holds a
   * row group or a line at a time; without a cap V8 lets garbage grow far past that.
   */
  LIMI_EXPORT_HEAP_MB: z.coerce.number().int().min(64).max(16_384).default(192),
  /** How long a running job is held without a heartbeat before another instance takes it over. */
  JOB_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
  /** OpenAI-compatible LLM used for PR-to-query synthesis. */
  LLM_BASE_URL: z.string().url().optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().default("gpt-5"),
  /** Per-request timeout of LLM calls, in milliseconds. */
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  /** Prices for the cost tally of synthesis runs, USD per million tokens (0: unknown). */
  LLM_PROMPT_USD_PER_MTOK: z.coerce.number().min(0).default(0),
  LLM_COMPLETION_USD_PER_MTOK: z.coerce.number().min(0).default(0),
});

export type Env = z.infer<typeof EnvSchema> & { dataDir: string; modelsDir: string };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  // An empty variable means unset (docker-compose's `${VAR:-}` passes empty strings).
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const dataDir = path.resolve(parsed.data.LIMI_DATA_DIR);
  const modelsDir = path.resolve(parsed.data.LIMI_MODELS_DIR ?? path.join(dataDir, "models"));
  cached = { ...parsed.data, dataDir, modelsDir };
  return cached;
}

/** Tests change the environment between setups; this forgets the cached copy. */
export function resetEnvCache(): void {
  cached = undefined;
}
