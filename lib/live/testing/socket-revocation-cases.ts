/**
 * The socket rows of the authorization matrix (lib/auth/authorization-matrix.int.test.ts): access
 * taken away while a socket is open ends it. Revoking a key, removing a member and changing a role
 * go through their routes (which publish the eviction); disabling is a database change here
 * (refused on the next event by the ≤ 1 s re-check) and an eviction (disconnected at once).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createApiKey } from "@/lib/auth/api-keys";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { evictActor } from "@/lib/live/evict-actor";
import { ACTOR_RECHECK_MS } from "@/lib/live/socket-actor";
import { clientOf, connected, disconnected, emit, startLiveTestServer } from "@/lib/live/testing/live-test-server";
import * as apiKeyRoute from "@/app/api/projects/[slug]/api-keys/[keyId]/route";
import * as memberRoute from "@/app/api/projects/[slug]/members/[userId]/route";

export function describeSocketRevocation(): void {
  describe("sockets when access is taken away", () => {
    let server: Awaited<ReturnType<typeof startLiveTestServer>>;
    beforeAll(async () => {
      server = await startLiveTestServer();
    });
    afterAll(async () => {
      await server.close();
    });

    async function setup() {
      const project = await makeProject();
      const admin = await makeMember(project.id, "admin");
      return { project, admin, adminCookie: await sessionCookie(admin.id) };
    }

    it("a revoked API key's socket is disconnected at once and cannot come back", async () => {
      const { project, admin, adminCookie } = await setup();
      const key = await createApiKey({
        projectId: project.id,
        name: "recorder",
        role: "annotator",
        creatorId: admin.id,
        creatorRole: "admin",
      });
      const s = server.client({ token: key.secret });
      await connected(s);
      expect((await emit(s, "project:join", { project: project.slug })).ok).toBe(true);
      const gone = disconnected(s, 1000);
      const res = await callRoute(apiKeyRoute.DELETE, {
        method: "DELETE",
        params: { slug: project.slug, keyId: key.id },
        cookie: adminCookie,
      });
      expect(res.status).toBe(204);
      expect(await gone).toBe("io server disconnect");
      await expect(connected(server.client({ token: key.secret }))).rejects.toThrow(/UNAUTHENTICATED/);
    });

    it("a disabled user's next event is refused within a second, and an eviction disconnects at once", async () => {
      const { project } = await setup();
      const user = await makeMember(project.id, "annotator");
      const cookie = await sessionCookie(user.id);
      const s = server.client({ cookie });
      await connected(s);
      expect((await emit(s, "project:join", { project: project.slug })).ok).toBe(true);
      await db().user.update({ where: { id: user.id }, data: { disabled: true } });
      await new Promise((r) => setTimeout(r, ACTOR_RECHECK_MS + 50));
      const reply = await emit(s, "project:join", { project: project.slug });
      expect(reply.error?.code).toBe("UNAUTHENTICATED");
      await disconnected(s, 1000);

      const other = await makeMember(project.id, "reviewer");
      const t = server.client({ cookie: await sessionCookie(other.id) });
      await connected(t);
      const gone = disconnected(t, 1000);
      await evictActor({ userId: other.id, reason: "disabled" });
      expect(await gone).toBe("io server disconnect");
    });

    it("a removed member is disconnected, stops receiving the project's events and cannot join again", async () => {
      const { project, adminCookie } = await setup();
      const user = await makeMember(project.id, "annotator");
      const cookie = await sessionCookie(user.id);
      const s = server.client({ cookie });
      await connected(s);
      expect((await emit(s, "project:join", { project: project.slug })).ok).toBe(true);
      const gone = disconnected(s, 1000);
      const res = await callRoute(memberRoute.DELETE, {
        method: "DELETE",
        params: { slug: project.slug, userId: user.id },
        cookie: adminCookie,
      });
      expect(res.status).toBe(204);
      await gone;
      const again = clientOf(server.base, { cookie });
      await connected(again);
      expect((await emit(again, "project:join", { project: project.slug })).error?.code).toBe("NOT_FOUND");
      again.disconnect();
    });

    it("a role change disconnects the member's sockets and their keys'; back in, the new role applies", async () => {
      const { project, adminCookie } = await setup();
      const lead = await makeMember(project.id, "lead");
      const cookie = await sessionCookie(lead.id);
      const key = await createApiKey({
        projectId: project.id,
        name: "lead-key",
        role: "lead",
        creatorId: lead.id,
        creatorRole: "lead",
      });
      const s = server.client({ cookie });
      const k = server.client({ token: key.secret });
      await Promise.all([connected(s), connected(k)]);
      expect((await emit(s, "project:join", { project: project.slug })).data).toMatchObject({ role: "lead" });
      const gone = Promise.all([disconnected(s, 1000), disconnected(k, 1000)]);
      const res = await callRoute(memberRoute.PATCH, {
        method: "PATCH",
        params: { slug: project.slug, userId: lead.id },
        body: { role: "annotator" },
        cookie: adminCookie,
      });
      expect(res.status).toBe(200);
      await gone;
      const again = clientOf(server.base, { cookie });
      await connected(again);
      expect((await emit(again, "project:join", { project: project.slug })).data).toMatchObject({
        role: "annotator",
      });
      again.disconnect();
    });
  });
}
