import { accounts, expect, signIn, test, waitForApp } from "./fixtures.ts";
import { watchCsp } from "./helpers.ts";

const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

test.describe("strict Content-Security-Policy", () => {
  for (const path of [
    "/login",
    "/reset-password",
    "/reset-password/change?otp=3f1c2a9e-5b7d-4e2f-9a1b-6c8d0e2f4a6b&email=member%40coder.com",
    "/reset-password/change",
    "/no-such-page",
  ]) {
    test(`${path} is served under the strict policy with zero violations`, async ({ page }) => {
      const violations = await watchCsp(page);
      const response = await page.goto(path);
      const headers = response?.headers() ?? {};
      expect(headers["content-security-policy"]).toBe(STRICT_CSP);
      expect(headers["referrer-policy"]).toBe("no-referrer");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      // Let the app start and render over the static page.
      await page.waitForLoadState("networkidle");
      expect(await violations()).toEqual([]);
    });
  }

  test("signed-in pages and the convert dialog run without violations", async ({ page }) => {
    const violations = await watchCsp(page);
    await signIn(page, accounts.admin);
    await page.getByRole("link", { name: "Account security" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /security/i })).toBeVisible();
    await page
      .getByRole("button", { name: /GitHub/ })
      .first()
      .click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await page.keyboard.press("Escape");
    await page.waitForLoadState("networkidle");
    expect(await violations()).toEqual([]);
  });
});

test("/.well-known/change-password leads to the security settings", async ({ page }) => {
  await signIn(page, accounts.member);
  await page.goto("/.well-known/change-password");
  await expect(page).toHaveURL(/\/settings\/security$/);
});

test("the prerendered page keeps what was typed before the app started, and an early Enter", async ({
  page,
}) => {
  // Hold the app's code back so the static HTML is all there is for a moment.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route("**/auth-ui/main-*.js", async (route) => {
    await held;
    await route.continue();
  });
  const leaks: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("password=")) leaks.push(request.url());
  });
  await page.goto("/login");
  const email = page.locator('input[name="email"]');
  await email.fill(accounts.member);
  await page.locator('input[name="password"]').fill("typed-early");
  // Before the app runs there is nothing to submit to: Enter is remembered, never sent as a
  // native submission (the form would POST, never a GET carrying the password in the URL).
  const logins: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/api/v2/users/login")) logins.push(request.method());
  });
  await expect(page.locator("form")).toHaveAttribute("method", "post");
  await page.locator('input[name="password"]').press("Enter");
  expect(page.url()).not.toContain("password");
  expect(logins).toEqual([]);
  // Shown as sent meanwhile, as the app will show it.
  await expect(page.getByRole("button", { name: "Signing in…" })).toHaveAttribute(
    "aria-disabled",
    "true",
  );
  release();
  // The app takes over with what was typed and sends the sign-in asked for, once.
  await expect(page.getByText("Incorrect email or password.")).toBeVisible();
  await waitForApp(page);
  await expect(page.getByLabel("Email")).toHaveValue(accounts.member);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("typed-early");
  await page.waitForLoadState("networkidle");
  expect(logins).toEqual(["POST"]);
  expect(leaks).toEqual([]);
});

test.describe("layout", () => {
  for (const width of [320, 375, 768, 1440]) {
    test(`no horizontal scrolling at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      for (const path of ["/login", "/reset-password", "/reset-password/change"]) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
      }
      await signIn(page, accounts.admin);
      await page.goto("/settings/security");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `/settings/security at ${width}px`).toBeLessThanOrEqual(0);
    });
  }

  test("the sign-in page is in Coder's default theme, dark, whatever the system prefers (as Coder's own)", async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/login");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(11, 15, 25)");
    await page.emulateMedia({ colorScheme: "light" });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      "rgb(11, 15, 25)",
    );
  });

  test("focus is visible", async ({ page }) => {
    await page.goto("/login");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    // A field with a Show button wears the ring around both, on the row that holds them.
    const outline = await page.evaluate(() => {
      const focused = document.activeElement as Element;
      return getComputedStyle(focused.closest(".input-row") ?? focused).outlineStyle;
    });
    expect(outline).toBe("solid");
  });
});
