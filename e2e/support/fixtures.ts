/**
 * E2E fixtures: sign-in through the API (no form typing outside the sign-in test) and factories
 * that create each test's own projects and members through the app's API as the demo admin.
 */
import { randomBytes } from "node:crypto";
import { test as base, expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";

export const DEMO_ADMIN = { email: "admin@limi.local", password: "limi-demo" };
export const uid = () => randomBytes(3).toString("hex");

export async function signIn(request: APIRequestContext, email: string, password: string): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  expect(res.ok()).toBe(true);
  const me = await request.get("/api/me");
  expect(me.status(), `sign-in as ${email} failed`).toBe(200);
}

export interface Factory {
  project(): Promise<{ slug: string; name: string }>;
  member(slug: string, role: "annotator" | "reviewer" | "lead" | "admin"): Promise<{ email: string; password: string }>;
}

/** Two people on one new project, each signed in in a browser context of their own: an annotator (Ana) and a reviewer (Rui). */
export async function twoPeople(browser: Browser, factory: Factory) {
  const project = await factory.project();
  const ana = await factory.member(project.slug, "annotator");
  const rui = await factory.member(project.slug, "reviewer");
  const a = await browser.newContext();
  const b = await browser.newContext();
  const pa = await a.newPage();
  const pb = await b.newPage();
  await signIn(pa.request, ana.email, ana.password);
  await signIn(pb.request, rui.email, rui.password);
  return { project, ana, rui, a, b, pa, pb };
}

export const test = base.extend<{
  factory: Factory;
  loginAs: (page: Page, who: { email: string; password: string }) => Promise<void>;
}>({
  factory: async ({ playwright, baseURL }, use) => {
    const admin = await playwright.request.newContext({ baseURL });
    await signIn(admin, DEMO_ADMIN.email, DEMO_ADMIN.password);
    await use({
      async project() {
        const slug = `e2e-${uid()}`;
        const res = await admin.post("/api/projects", { data: { slug, name: `E2E ${slug}` } });
        expect(res.status()).toBe(201);
        return { slug, name: `E2E ${slug}` };
      },
      async member(slug, role) {
        const who = { email: `${role}-${uid()}@e2e.local`, password: "e2e-password-1" };
        const res = await admin.post(`/api/projects/${slug}/members`, { data: { ...who, role, name: `E2E ${role}` } });
        expect(res.status()).toBe(201);
        return who;
      },
    });
    await admin.dispose();
  },
  loginAs: async ({}, use) => {
    await use((page, who) => signIn(page.request, who.email, who.password));
  },
});

export { expect };
