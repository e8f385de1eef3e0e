/**
 * Sign-in rate limits: failed attempts per account and per client address, in memory
 * (rate-limiter-flexible). Construction lives only here, so moving the counters to Redis for
 * several instances (RateLimiterRedis has the same interface) changes this file alone.
 * A success clears the account's count; the address count only decays.
 */
import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";

export const SIGN_IN_LIMITS = {
  /** Failed sign-ins to one account, from anywhere, per window. */
  account: { points: 10, duration: 15 * 60 },
  /** Failed sign-ins from one address, to any account, per window. */
  address: { points: 30, duration: 15 * 60 },
} as const;

interface Limiters {
  account: RateLimiterAbstract;
  address: RateLimiterAbstract;
}

function create(): Limiters {
  return {
    account: new RateLimiterMemory({ keyPrefix: "signin-account", ...SIGN_IN_LIMITS.account }),
    address: new RateLimiterMemory({ keyPrefix: "signin-address", ...SIGN_IN_LIMITS.address }),
  };
}

// One set per process, also across Next's module instances (route bundles and server.ts).
const holder = globalThis as { __limiSignInLimiters?: Limiters };
const limiters = () => (holder.__limiSignInLimiters ??= create());

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/** A message saying why sign-in is refused now, or null when it may be tried. */
export async function signInRefusal(email: string, address: string): Promise<string | null> {
  const { account, address: byAddress } = limiters();
  const [a, b] = await Promise.all([account.get(email), byAddress.get(address)]);
  if (a && a.consumedPoints >= SIGN_IN_LIMITS.account.points)
    return `Too many failed sign-ins for this account. Try again in ${minutes(a.msBeforeNext)} minutes, or ask an administrator to reset the password.`;
  if (b && b.consumedPoints >= SIGN_IN_LIMITS.address.points)
    return `Too many failed sign-ins from your address. Try again in ${minutes(b.msBeforeNext)} minutes.`;
  return null;
}

export async function recordFailedSignIn(email: string, address: string): Promise<void> {
  const { account, address: byAddress } = limiters();
  // consume() rejects once the limit is passed; the count is what matters here, not the rejection.
  await Promise.all([account.consume(email).catch(() => undefined), byAddress.consume(address).catch(() => undefined)]);
}

export async function recordSuccessfulSignIn(email: string): Promise<void> {
  await limiters().account.delete(email);
}
