import { DEMO_ADMIN, expect, test, uid } from "./support/fixtures";

test("signs in through the form after a wrong password, and lists the demo trajectories", async ({ page }) => {
  await page.goto("/projects/demo/trajectories");
  await expect(page).toHaveURL(/\/login\?next=%2Fprojects%2Fdemo/);
  await page.getByLabel("Email").fill(DEMO_ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("Wrong email or password.");
  await page.getByLabel("Password").fill(DEMO_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects\/demo\/trajectories/);
  const rows = page.getByTestId("trajectory-row");
  await expect(rows).toHaveCount(5);
  await expect(page.getByTestId("trajectory-table")).toContainText("Gomoku web game");
});

test("navigation fits each role, and pages check access on the server", async ({ page, factory, loginAs }) => {
  const project = await factory.project();
  const expected = {
    annotator: ["Queries", "Trajectories", "Review", "Live"],
    reviewer: ["Queries", "Trajectories", "Review", "Live"],
    lead: ["Queries", "Trajectories", "Review", "Curation", "Live", "Exports", "Settings"],
    admin: ["Queries", "Trajectories", "Review", "Curation", "Live", "Exports", "Settings"],
  } as const;
  for (const role of ["annotator", "reviewer", "lead", "admin"] as const) {
    await page.context().clearCookies();
    await loginAs(page, await factory.member(project.slug, role));
    await page.goto(`/projects/${project.slug}/trajectories`);
    await expect(page.getByTestId("current-role")).toHaveText(role);
    await expect(page.getByTestId("project-nav").getByRole("link")).toHaveText(
      [...expected[role]].map((l) => new RegExp(`^${l}`)),
    );
    await page.goto(`/projects/${project.slug}/settings`);
    if (role === "annotator" || role === "reviewer") await expect(page.getByTestId("forbidden")).toBeVisible();
    else await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  }
});

test("an admin creates a project and adds a new member, who can then sign in", async ({ page, loginAs, browser }) => {
  await loginAs(page, DEMO_ADMIN);
  await page.goto("/projects");
  await page.getByRole("button", { name: "New project" }).click();
  const name = `Curation ${uid()}`;
  await page.getByTestId("create-project-form").getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/curation-[0-9a-f]+\/trajectories/);
  await expect(page.getByTestId("empty-state")).toContainText("No trajectories yet");
  const slug = page.url().split("/projects/")[1].split("/")[0];

  await page
    .getByTestId("project-nav")
    .getByRole("link", { name: /Settings/ })
    .click();
  const form = page.getByTestId("add-member-form");
  const email = `new-${uid()}@e2e.local`;
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption("reviewer");
  await form.getByRole("button", { name: "Add member" }).click();
  await expect(form).toContainText("No account has this email");
  await form.getByLabel("Name (new account)").fill("Rita Reviewer");
  await form.getByLabel("Initial password").fill("rita-password-1");
  await form.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByTestId("members-table")).toContainText(email);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await loginAs(otherPage, { email, password: "rita-password-1" });
  await otherPage.goto("/projects");
  await expect(otherPage.getByTestId("project-list")).toContainText(name);
  await otherPage.goto(`/projects/${slug}/trajectories`);
  await expect(otherPage.getByTestId("current-role")).toHaveText("reviewer");
  await other.close();
});

test("signing out ends the session and protected pages redirect to sign-in", async ({ page, loginAs }) => {
  await loginAs(page, DEMO_ADMIN);
  await page.goto("/projects/demo/trajectories");
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/projects/demo/settings");
  await expect(page).toHaveURL(/\/login\?next=/);
  expect((await page.request.get("/api/projects")).status()).toBe(401);
});

test("dark mode can be switched on and is remembered", async ({ page, loginAs }) => {
  await loginAs(page, DEMO_ADMIN);
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/projects");
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  await page.getByRole("button", { name: "Toggle dark mode" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
});
