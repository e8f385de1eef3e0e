/**
 * Hardening: one socket flooding events is refused past its rate and its handlers in flight, and
 * disconnected when it keeps on; other sockets are unaffected. Small scale: the mechanism, not a
 * memory or time figure (those are bench/abuse.ts's).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { SOCKET_LIMITS } from "@/lib/live/socket-guard";
import { connected, disconnected, emit, startLiveTestServer, type Reply } from "@/lib/live/testing/live-test-server";

let server: Awaited<ReturnType<typeof startLiveTestServer>>;
beforeAll(async () => {
  server = await startLiveTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("socket flood control", () => {
  it("refuses events past the rate with RATE_LIMITED and disconnects a socket that keeps flooding", async () => {
    const project = await makeProject();
    const user = await makeMember(project.id, "annotator");
    const cookie = await sessionCookie(user.id);
    const flooder = server.client({ cookie });
    const bystander = server.client({ cookie });
    await Promise.all([connected(flooder), connected(bystander)]);

    const replies: Reply[] = [];
    const gone = disconnected(flooder, 5000);
    const total = SOCKET_LIMITS.eventsPerSecond + SOCKET_LIMITS.strikes + 20;
    for (let i = 0; i < total; i++)
      flooder.emit("project:join", { project: project.slug }, (r: Reply) => replies.push(r));
    expect(await gone).toBe("io server disconnect");

    const refused = replies.filter((r) => r.error?.code === "RATE_LIMITED");
    expect(refused.length).toBeGreaterThanOrEqual(SOCKET_LIMITS.strikes - 1);
    expect(refused[0].error?.message).toMatch(/too many events/);
    // Never more admitted than the rate allows in the window the flood took.
    expect(replies.filter((r) => r.ok).length).toBeLessThanOrEqual(SOCKET_LIMITS.eventsPerSecond * 2);
    // The same user's other connection is untouched.
    expect((await emit(bystander, "project:join", { project: project.slug })).ok).toBe(true);
  });

  it("caps handlers in flight per socket", async () => {
    const project = await makeProject();
    const user = await makeMember(project.id, "annotator");
    const s = server.client({ cookie: await sessionCookie(user.id) });
    await connected(s);
    // A burst within the rate but above the in-flight cap: the excess is refused, not queued.
    const burst = SOCKET_LIMITS.inFlight + 6;
    const replies = await Promise.all(
      Array.from({ length: burst }, () => emit(s, "project:join", { project: project.slug })),
    );
    const refused = replies.filter((r) => r.error?.code === "RATE_LIMITED");
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0].error?.message).toMatch(/in progress/);
    expect(replies.filter((r) => r.ok).length).toBeGreaterThanOrEqual(SOCKET_LIMITS.inFlight);
    expect(s.connected).toBe(true);
  });

  it("counts events nobody handles against the limit too", async () => {
    const project = await makeProject();
    const user = await makeMember(project.id, "annotator");
    const s = server.client({ cookie: await sessionCookie(user.id) });
    await connected(s);
    const gone = disconnected(s, 5000);
    for (let i = 0; i < SOCKET_LIMITS.eventsPerSecond + SOCKET_LIMITS.strikes + 20; i++) s.emit("no:such:event", i);
    expect(await gone).toBe("io server disconnect");
  });
});
