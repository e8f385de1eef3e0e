import { afterEach, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { disconnectDb } from "@/lib/db/client";
import { freePort } from "@/lib/db/embedded-postgres";
import { callRoute } from "@/lib/http/testing/call-route";
import * as health from "@/app/api/health/route";

afterEach(async () => {
  await disconnectDb();
  process.env.DATABASE_URL = inject("databaseUrl");
  resetEnvCache();
});

describe("GET /api/health", () => {
  it("reports the database as ok", async () => {
    const r = await callRoute(health.GET);
    expect(r).toEqual({ status: 200, json: { status: "ok", db: "ok" } });
  });

  it("answers 503 with the reason when the database is unreachable", async () => {
    await disconnectDb();
    process.env.DATABASE_URL = `postgresql://nobody:x@127.0.0.1:${await freePort()}/none`;
    resetEnvCache();
    const r = await callRoute(health.GET);
    expect(r.status).toBe(503);
    expect(r.json).toMatchObject({ status: "error", db: "error" });
    expect(String(r.json.reason)).toMatch(/can't reach database server at 127\.0\.0\.1/i);
  });
});
