/**
 * The secret that signs session tokens. NEXTAUTH_SECRET when set; otherwise one is generated on
 * first start and kept in the data folder, so sessions survive restarts of `npm start`. server.ts
 * calls `ensureAuthSecret()` before Next.js loads, so both read the same value from process.env.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env, resetEnvCache } from "@/lib/env";

export function ensureAuthSecret(): string {
  const e = env();
  if (e.NEXTAUTH_SECRET) return e.NEXTAUTH_SECRET;
  const file = path.join(e.dataDir, "auth-secret");
  let secret: string;
  if (existsSync(file)) {
    secret = readFileSync(file, "utf8").trim();
  } else {
    mkdirSync(e.dataDir, { recursive: true });
    secret = randomBytes(32).toString("base64url");
    writeFileSync(file, secret, { mode: 0o600 });
  }
  process.env.NEXTAUTH_SECRET = secret;
  resetEnvCache();
  return secret;
}

export function authSecret(): string {
  const s = env().NEXTAUTH_SECRET;
  if (!s) throw new Error("NEXTAUTH_SECRET is not set: ensureAuthSecret() must run at start-up");
  return s;
}
