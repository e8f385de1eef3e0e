/**
 * Who the current request acts as, for the audit log: route handlers run inside `runAsActor`, so
 * every audit row written while handling a request made with an API key names that key
 * (`apiKeyId`) next to the key's creator, without each service passing it down.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Actor } from "@/lib/auth/actor";

const store = new AsyncLocalStorage<{ apiKeyId: string | null }>();

export function runAsActor<T>(actor: Actor, fn: () => Promise<T>): Promise<T> {
  return store.run({ apiKeyId: actor.kind === "apiKey" ? actor.keyId : null }, fn);
}

/** The API key the current request authenticated with, or null (a person, the CLI, a job). */
export function currentApiKeyId(): string | null {
  return store.getStore()?.apiKeyId ?? null;
}
