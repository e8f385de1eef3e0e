// Sign-in floods (issue 17, Medium 4) at small scale: the per-account and per-address limits
// answer with a clear message, and password hashing is a bounded queue that refuses with 429
// instead of filling libuv's thread pool. The whole route is exercised by e2e/security.spec.ts.
import { describe, expect, it } from "vitest";
import { uid } from "@/lib/db/testing/factories";
import { recordFailedSignIn, recordSuccessfulSignIn, SIGN_IN_LIMITS, signInRefusal } from "@/lib/auth/sign-in-limits";
import { HASH_CONCURRENCY, HASH_QUEUE, hashQueueLength } from "@/lib/auth/hash-queue";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

describe("sign-in limits", () => {
  it("refuses an account after its failed attempts, from any address, until a success clears it", async () => {
    const email = `victim-${uid()}@test.local`;
    for (let i = 0; i < SIGN_IN_LIMITS.account.points; i++) {
      expect(await signInRefusal(email, `10.0.0.${i}`)).toBeNull();
      await recordFailedSignIn(email, `10.0.0.${i}`);
    }
    expect(await signInRefusal(email, "10.9.9.9")).toMatch(
      /^Too many failed sign-ins for this account\. Try again in \d+ minutes, or ask an administrator to reset the password\.$/,
    );
    expect(await signInRefusal(`other-${uid()}@test.local`, "10.9.9.9")).toBeNull();
    await recordSuccessfulSignIn(email);
    expect(await signInRefusal(email, "10.9.9.9")).toBeNull();
  });

  it("refuses an address that fails against many accounts", async () => {
    const address = `192.0.2.${Math.floor(Math.random() * 250)}-${uid()}`;
    for (let i = 0; i < SIGN_IN_LIMITS.address.points; i++)
      await recordFailedSignIn(`spray-${uid()}@test.local`, address);
    expect(await signInRefusal(`fresh-${uid()}@test.local`, address)).toMatch(
      /^Too many failed sign-ins from your address\. Try again in \d+ minutes\.$/,
    );
  });
});

describe("password hashing queue", () => {
  it("runs at most a few hashes at once and refuses with 429 beyond its queue", async () => {
    const stored = await hashPassword("queue-password-1");
    const flood = Array.from({ length: HASH_CONCURRENCY + HASH_QUEUE + 8 }, () =>
      verifyPassword("wrong-password", stored).then(
        () => "checked",
        (e: { code?: string; status?: number }) => `${e.code}:${e.status}`,
      ),
    );
    expect(hashQueueLength().active).toBeLessThanOrEqual(HASH_CONCURRENCY);
    const outcomes = await Promise.all(flood);
    expect(outcomes.filter((o) => o === "RATE_LIMITED:429")).toHaveLength(8);
    expect(outcomes.filter((o) => o === "checked")).toHaveLength(HASH_CONCURRENCY + HASH_QUEUE);
    expect(await verifyPassword("queue-password-1", stored)).toBe(true);
  });
});
