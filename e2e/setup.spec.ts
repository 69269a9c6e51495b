// /setup: the first account of a deployment nobody has set up.
import type { Page } from "@playwright/test";
import { expect, expectDashboard, expectNoAxeViolations, test, waitForApp } from "./fixtures.ts";
import { tabTo, watchCsp, whoAmI } from "./helpers.ts";

const STRONG = "Correct-Horse-Battery-42";

test.describe("a deployment without users", () => {
  test.beforeEach(async ({ request }) => {
    expect((await request.post("/__mock/reset", { data: { users: "none" } })).status()).toBe(204);
  });

  test("sign-in sends to /setup; the owner is made with the keyboard alone and lands on Coder", async ({
    page,
  }) => {
    await page.goto("/login");
    await expect(page).toHaveURL(/\/setup$/);
    await expect(
      page.getByRole("heading", { level: 1, name: "Create the first account" }),
    ).toBeVisible();

    const email = page.getByLabel("Email");
    await tabTo(page, email);
    await page.keyboard.type("ada.lovelace@example.com");
    // The username follows the email.
    await expect(page.getByLabel("Username")).toHaveValue("ada-lovelace");
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Username")).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Full name (optional)")).toBeFocused();
    await page.keyboard.type("Ada Lovelace");
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
    await page.keyboard.type(STRONG);
    await page.keyboard.press("Enter");

    // Coder's dashboard, loaded in full for the new session.
    await expectDashboard(page);
    expect(await whoAmI(page)).toMatchObject({
      email: "ada.lovelace@example.com",
      username: "ada-lovelace",
      name: "Ada Lovelace",
      login_type: "password",
      roles: [{ name: "owner" }],
    });
    // Set up now: /setup is gone for good.
    await page.goto("/setup");
    await page.waitForURL((url) => url.pathname !== "/setup" && url.pathname !== "/login");
  });

  test("every owned page leads to /setup", async ({ page }) => {
    for (const path of ["/reset-password", "/settings/security", "/cli-auth"]) {
      await page.goto(path);
      // Once the app has started over the page (a busy machine may take a while).
      await expect(page).toHaveURL(/\/setup$/, { timeout: 15_000 });
    }
  });

  test("is prerendered, axe clean and without CSP violations, errors shown too", async ({
    page,
  }) => {
    const violations = await watchCsp(page);
    const response = await page.goto("/setup");
    expect(await response?.text()).toContain("Create the first account");
    await expect(page.getByLabel("Email")).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expectNoAxeViolations(page);
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Username").fill("-ada");
    await page.getByLabel("Password", { exact: true }).fill("weak");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByLabel("Username")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await expectNoAxeViolations(page);
    expect(await violations()).toEqual([]);
  });

  test("someone else finishing first is said, with a way to sign in", async ({ page, request }) => {
    await page.goto("/setup");
    // The app has asked whether anyone set the deployment up (nobody yet) before Bob does.
    await waitForApp(page);
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Password", { exact: true }).fill(STRONG);
    const other = await request.post("/api/v2/users/first", {
      data: { email: "bob@example.com", username: "bob", password: STRONG },
    });
    expect(other.status()).toBe(201);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("alert")).toContainText("Someone else finished setting up");
    await expect(page.getByLabel("Email")).toHaveValue("ada@example.com");
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Go to sign in" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in to Coder" })).toBeVisible();
  });

  test("a failing server keeps everything typed, and trying again works", async ({ page }) => {
    await page.goto("/setup");
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Full name (optional)").fill("Ada");
    await page.getByLabel("Password", { exact: true }).fill(STRONG);
    await page.route("**/api/v2/users/first", (route) =>
      route.request().method() === "POST"
        ? route.fulfill({ status: 502, contentType: "text/html", body: "<h1>502 Bad Gateway</h1>" })
        : route.continue(),
    );
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("alert")).toContainText("server is unavailable right now");
    await expect(page.locator("body")).not.toContainText("502 Bad Gateway");
    await expect(page.getByLabel("Username")).toHaveValue("ada");
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue(STRONG);
    await page.unroute("**/api/v2/users/first");
    await page.getByRole("button", { name: "Create account" }).click();
    await expectDashboard(page);
  });

  test("with password sign-in off, offers Coder's GitHub app, which may make the first owner", async ({
    page,
    mock,
  }) => {
    await mock.setConfig({ passwordAuth: false, githubDefaultProvider: true });
    await page.goto("/setup");
    await waitForApp(page);
    await expect(page.getByLabel("Email")).toHaveCount(0);
    // The device flow behind it is the /login/device page's (the mock's tests cover the sign-up).
    await expect(page.getByRole("link", { name: "Continue with GitHub" })).toHaveAttribute(
      "href",
      "/api/v2/users/oauth2/github/callback?redirect=%2F",
    );
    await expectNoAxeViolations(page);
  });
});

test("a deployment with users sends /setup to sign-in", async ({ page }) => {
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Coder" })).toBeVisible();
});

// Issue 21: Coder's own setup page offers an Enterprise trial; the mock's licensor grants it or
// refuses (mock-seam, /__mock/config firstUserTrial).
test.describe("the Enterprise trial", () => {
  test.beforeEach(async ({ request }) => {
    expect((await request.post("/__mock/reset", { data: { users: "none" } })).status()).toBe(204);
  });

  async function fillTrial(page: Page) {
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Password", { exact: true }).fill(STRONG);
    await page.getByRole("checkbox", { name: "Start a 30-day trial of Coder Premium" }).check();
    await page.getByLabel("First name").fill("Ada");
    await page.getByLabel("Last name").fill("Lovelace");
    await page.getByLabel("Phone number").fill("+44 20 7946 0000");
    await page.getByLabel("Job title").fill("Engineer");
    await page.getByLabel("Company", { exact: true }).fill("Analytical Engines");
    await page.getByLabel("Country").fill("United Kingdom");
    await page.getByLabel("Developers at your company").selectOption("101-500");
  }

  test("ticked and filled in, the owner gets the trial licence", async ({ page }) => {
    await page.goto("/setup");
    await waitForApp(page);
    await expect(page.getByLabel("Email")).toBeFocused();
    await fillTrial(page);
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Create account" }).click();
    await expectDashboard(page);
    const entitlements = await page.request.get("/api/v2/entitlements");
    expect(await entitlements.json()).toMatchObject({ trial: true, has_license: true });
  });

  test("refused by the licensor: no account, the way on said, and unticked it goes through", async ({
    page,
    mock,
  }) => {
    await mock.setConfig({ firstUserTrial: "licensor-error" });
    await page.goto("/setup");
    await waitForApp(page);
    await fillTrial(page);
    await page.getByRole("button", { name: "Create account" }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toContainText(
      "Coder couldn't start the trial, so no account was created yet. Untick the trial to create the account without it",
    );
    await expect(alert.getByRole("link", { name: /Contact Coder's sales team/ })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("checkbox", { name: "Start a 30-day trial of Coder Premium" }).uncheck();
    await page.getByRole("button", { name: "Create account" }).click();
    await expectDashboard(page);
  });
});
