// /setup: the first account of a deployment nobody has set up.
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
