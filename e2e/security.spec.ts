/**
 * Issue 17's attacks that need the real server and browser: security headers and a CSP that the
 * viewer and Monaco work under, the open redirect after sign-in, the sign-in flood (429 with its
 * message in the form), sign-out ending the session on the server, a disabled user losing their
 * session at once, and a cross-origin socket.io handshake with the cookie.
 */
import { io } from "socket.io-client";
import { expect, signIn, test } from "./support/fixtures";
import { assistant, importChat, user } from "./support/viewer-data";

async function cookieHeader(page: import("@playwright/test").Page): Promise<string> {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

test("pages answer with the security headers, and the viewer and Monaco run under the CSP", async ({
  page,
  factory,
  loginAs,
}) => {
  test.setTimeout(180_000); // a page load, hydration and Monaco on a shared 2-core machine
  const project = await factory.project();
  const lead = await factory.member(project.slug, "lead");
  await loginAs(page, lead);
  const id = await importChat(page.request, project.slug, "csp.jsonl", [
    user("Write the function"),
    assistant("```ts\nexport const x = 1;\n```"),
  ]);
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto(`/projects/${project.slug}/trajectories/${id}`);
  const headers = res!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("default-src 'self'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect((await page.request.get("/api/me")).headers()["x-content-type-options"]).toBe("nosniff");
  await expect(page.getByTestId("step").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("step-scroller").getByText("Write the function")).toBeVisible();
  // Monaco (its workers, styles and fonts) loads under the policy: the raw tab is a Monaco editor.
  await page.getByTestId("tab-raw").click();
  await expect(page.getByTestId("raw-json")).toContainText('"revision": 1', { timeout: 90_000 });
  await expect(page.getByTestId("raw-json").locator(".monaco-editor .view-lines")).toBeVisible();
  expect(violations).toEqual([]);
});

test("sign-in never redirects to another host (/login?next=/\\evil.example/x)", async ({ page, factory }) => {
  const project = await factory.project();
  const who = await factory.member(project.slug, "annotator");
  await page.goto("/login?next=/%5Cevil.example/x");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects$/);
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
});

test("a password-guessing flood on one account gets 429 with a clear message, also in the form", async ({
  page,
  factory,
  playwright,
  baseURL,
}) => {
  const project = await factory.project();
  const victim = await factory.member(project.slug, "annotator");
  const attacker = await playwright.request.newContext({ baseURL });
  const { csrfToken } = (await (await attacker.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    const r = await attacker.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: victim.email, password: `guess-${i}`, json: "true" },
    });
    statuses.push(r.status());
  }
  expect(statuses.slice(0, 10).every((s) => s !== 429)).toBe(true);
  expect(statuses.slice(10)).toEqual([429, 429]);
  await attacker.dispose();

  // Even the right password is refused now, with the reason shown in the sign-in form.
  await page.goto("/login");
  await page.getByLabel("Email").fill(victim.email);
  await page.getByLabel("Password").fill(victim.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toContainText("Too many failed sign-ins for this account");
});

test("a sign-in body over the limit is refused with 413 while it is read", async ({ playwright, baseURL }) => {
  const ctx = await playwright.request.newContext({ baseURL });
  const res = await ctx.post("/api/auth/callback/credentials", {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: Buffer.alloc(2 * 1024 * 1024, "a"),
  });
  expect(res.status()).toBe(413);
  await ctx.dispose();
});

test("signing out ends the session on the server: a copied cookie stops working", async ({ page, factory }) => {
  const project = await factory.project();
  const who = await factory.member(project.slug, "annotator");
  await signIn(page.request, who.email, who.password);
  const stolen = await cookieHeader(page);
  await page.goto("/projects");
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/login/);
  const replay = await page.request.get("/api/me", { headers: { cookie: stolen } });
  expect(replay.status()).toBe(401);
});

test("an instance admin disables a user in the UI: their session ends at once; enabling lets them sign in again", async ({
  page,
  factory,
  browser,
  loginAs,
}) => {
  const project = await factory.project();
  const who = await factory.member(project.slug, "annotator");
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await signIn(theirs.request, who.email, who.password);
  expect((await theirs.request.get("/api/me")).status()).toBe(200);

  await loginAs(page, { email: "admin@limi.local", password: "limi-demo" });
  await page.goto("/admin/users");
  await page.getByTestId("user-search").fill(who.email);
  await page.getByRole("button", { name: "Search" }).click();
  const row = page.getByTestId(`user-row-${who.email}`);
  await row.getByRole("button", { name: "Disable" }).click();
  await page.getByTestId("user-toggle-dialog-confirm").click();
  await expect(page.getByRole("status")).toContainText(`${who.email} is disabled and signed out everywhere.`);
  await expect(row).toContainText("Disabled");
  expect((await theirs.request.get("/api/me")).status()).toBe(401);

  await row.getByRole("button", { name: "Enable" }).click();
  await page.getByTestId("user-toggle-dialog-confirm").click();
  await expect(row).toContainText("Enabled");
  await signIn(theirs.request, who.email, who.password);
  await other.close();
});

test("a socket.io handshake with the session cookie from another origin is refused", async ({
  page,
  factory,
  baseURL,
}) => {
  const project = await factory.project();
  const who = await factory.member(project.slug, "annotator");
  await signIn(page.request, who.email, who.password);
  const cookie = await cookieHeader(page);
  const connect = (origin: string) =>
    new Promise<string>((resolve) => {
      const s = io(baseURL!, {
        path: "/socket.io",
        transports: ["websocket"],
        extraHeaders: { cookie, origin },
        reconnection: false,
        timeout: 10_000,
      });
      s.on("connect", () => {
        s.close();
        resolve("connected");
      });
      s.on("connect_error", (e) => {
        s.close();
        resolve(e.message);
      });
    });
  expect(await connect("http://127.0.0.1:4444")).toMatch(/^FORBIDDEN: the request came from another origin/);
  expect(await connect(new URL(baseURL!).origin)).toBe("connected");
});
