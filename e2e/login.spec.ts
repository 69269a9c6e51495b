import {
  accounts,
  CODER_OWN_PAGES,
  expect,
  expectDashboard,
  expectNoAxeViolations,
  PASSWORD,
  signIn,
  test,
  waitForApp,
} from "./fixtures.ts";
import { signOutOfDashboard } from "./helpers.ts";

const coderError = (message: string) => ({
  contentType: "application/json; charset=utf-8",
  body: `${JSON.stringify({ message })}\n`,
});

test.describe("sign-in", () => {
  test("signs in and out with email and password", async ({ page }) => {
    await signIn(page, accounts.admin);
    // Coder's dashboard, reached with a full page load: who is signed in, as Coder has it.
    await expect(page).toHaveTitle("Workspaces - Coder");
    const main = page.getByRole("main");
    await expect(main.getByText(accounts.admin).first()).toBeVisible();
    await expect(main.getByText("Owner")).toBeVisible();
    await expect(main.getByText("Password", { exact: true })).toBeVisible();

    // The session is an HttpOnly cookie and nothing else: no token in storage.
    const storage = await page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    expect(storage).not.toMatch(/[0-9A-Za-z]{10}-[0-9A-Za-z]{22}/);
    const cookie = (await page.context().cookies()).find((c) => c.name === "coder_session_token");
    expect(cookie?.httpOnly).toBe(true);

    // Coder's Sign out moves to /login in the page; the seam makes that a page load of ours.
    await signOutOfDashboard(page);
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in to Coder" })).toBeVisible();
    await expect(page.getByRole("heading", { name: CODER_OWN_PAGES })).toHaveCount(0);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("signs out from the app's own pages too, leaving the app", async ({ page }) => {
    await signIn(page, accounts.member);
    await page.getByRole("link", { name: "Account security" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login\?message=signed-out$/);
    await expect(page.getByText("You have signed out.")).toBeVisible();
    await page.goto("/settings/security");
    await expect(page).toHaveURL(/\/login\?redirect=%2Fsettings%2Fsecurity$/);
  });

  test("email is trimmed, checked, and password required, before any request", async ({ page }) => {
    const logins: string[] = [];
    page.on("request", (r) => r.url().endsWith("/api/v2/users/login") && logins.push(r.url()));
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter your email address.")).toBeVisible();
    await expect(page.getByText("Enter your password.")).toBeVisible();
    const email = page.getByLabel("Email");
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await email.fill("not-an-email");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(
      page.getByText("Enter a valid email address, like name@example.com."),
    ).toBeVisible();
    expect(logins).toEqual([]);

    await email.fill(`   ${accounts.member}  `);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    const request = page.waitForRequest("**/api/v2/users/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    expect((await request).postDataJSON()).toEqual({ email: accounts.member, password: PASSWORD });
    await expectDashboard(page);
  });

  test("wrong password: Coder's message, the cursor back in the password, typed values kept", async ({
    page,
  }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(accounts.member);
    await page.getByLabel("Password", { exact: true }).fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const password = page.getByLabel("Password", { exact: true });
    await expect(page.getByText("Incorrect email or password.")).toBeVisible();
    // Where it is fixed, selected (typing replaces it), with the message as its description.
    await expect(password).toBeFocused();
    await expect(password).toHaveAccessibleDescription("Incorrect email or password.");
    expect(
      await password.evaluate((input: HTMLInputElement) => [
        input.selectionStart,
        input.selectionEnd,
      ]),
    ).toEqual([0, "not-the-password".length]);
    await expect(page.getByLabel("Email")).toHaveValue(accounts.member);
    await expect(password).toHaveValue("not-the-password");
    await expectNoAxeViolations(page);
  });

  test("unknown accounts get the same answer as wrong passwords", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("nobody@coder.com");
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Incorrect email or password.")).toBeVisible();
  });

  test("suspended account is told so", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(accounts.suspended);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toContainText("suspended");
  });

  test("password login disabled: no form, only single sign-on", async ({ page, mock }) => {
    await mock.setConfig({ passwordAuth: false });
    await page.goto("/login");
    await expect(page.getByRole("link", { name: "Sign in with GitHub" })).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Sign in" })).toHaveCount(0);
  });

  test("one request per submit however often the button is pressed", async ({ page }) => {
    let logins = 0;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/api/v2/users/login", async (route) => {
      logins++;
      await held;
      await route.continue();
    });
    await page.goto("/login");
    await page.getByLabel("Email").fill(accounts.member);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    // The button's label changes while pending, so address it by what it is, not what it says.
    const button = page.locator('form button[type="submit"]');
    await button.click();
    await expect(button).toHaveAttribute("aria-disabled", "true");
    await button.click({ force: true });
    await page.getByLabel("Password", { exact: true }).press("Enter");
    await expect(button).toContainText("Signing in…");
    release();
    await expectDashboard(page);
    expect(logins).toBe(1);
  });

  test("429 shows a live countdown from Retry-After and blocks resubmitting", async ({ page }) => {
    await page.route("**/api/v2/users/login", (route) =>
      route.fulfill({
        status: 429,
        headers: { "Retry-After": "3" },
        ...coderError("You've been rate limited for sending more than 60 requests in 1m0s."),
      }),
    );
    await page.goto("/login");
    await page.getByLabel("Email").fill(accounts.member);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert");
    // Said once, with the whole wait; the seconds tick on the button, not in the alert.
    await expect(alert).toHaveText("Too many attempts. You can try again in 3 seconds.");
    const submit = page.locator('form button[type="submit"]');
    await expect(submit).toHaveAttribute("aria-disabled", "true");
    await expect(submit).toHaveText(/^Sign in\([1-3] s\)$/);
    await expect(submit).toHaveAccessibleName("Sign in");
    await expect(alert).toHaveText("The wait is over: you can try again now.", { timeout: 5000 });
    await expect(submit).toHaveText("Sign in");
    await page.unroute("**/api/v2/users/login");
    await submit.click();
    await expectDashboard(page);
  });

  test("network failure says so, keeps input, and a retry works", async ({ page }) => {
    await page.route("**/api/v2/users/login", (route) => route.abort("internetdisconnected"));
    await page.goto("/login");
    await page.getByLabel("Email").fill(accounts.member);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText(/Can't reach the server/);
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue(PASSWORD);
    await page.unroute("**/api/v2/users/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expectDashboard(page);
  });

  test("single sign-on through the fake GitHub lands where the visitor was going", async ({
    page,
  }) => {
    await page.goto("/settings/security");
    await expect(page).toHaveURL(/\/login\?redirect=%2Fsettings%2Fsecurity/);
    await page.getByRole("link", { name: "Sign in with GitHub" }).click();
    await page
      .getByRole("button", { name: accounts.github })
      .or(page.getByRole("link", { name: accounts.github }))
      .click();
    await expect(page).toHaveURL(/\/settings\/security$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });

  test("OIDC button uses the deployment's text, rendered as text", async ({ page, mock }) => {
    await mock.setConfig({ oidcSignInText: '<img src=x onerror="window.__xss=1">Acme SSO' });
    await page.goto("/login");
    await expect(
      page.getByRole("link", { name: 'Sign in with <img src=x onerror="window.__xss=1">Acme SSO' }),
    ).toBeVisible();
    expect(
      await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
    ).toBeUndefined();
  });

  test("terms of service must be accepted first", async ({ page, mock }) => {
    await mock.setConfig({ termsOfServiceUrl: "https://example.com/terms" });
    await page.goto("/login");
    await expect(page.getByRole("link", { name: /Terms of Service/ })).toHaveAttribute(
      "href",
      "https://example.com/terms",
    );
    await expect(page.getByLabel("Email")).toHaveCount(0);
    await page.getByRole("button", { name: "I agree" }).click();
    await expect(page.getByLabel("Email")).toBeVisible();
  });

  test("the redirect target is honoured after sign-in", async ({ page }) => {
    await page.goto("/login?redirect=%2Fsettings%2Fsecurity");
    await page.getByLabel("Email").fill(accounts.member);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/settings\/security$/);
  });

  for (const hostile of [
    "https://evil.example/phish",
    "//evil.example",
    "/\\evil.example",
    "/%2fevil.example",
    "javascript:alert(document.domain)",
    "/..//evil.example",
  ]) {
    test(`a hostile redirect ${JSON.stringify(hostile)} lands on Coder's /`, async ({
      page,
      baseURL,
    }) => {
      await page.goto(`/login?redirect=${encodeURIComponent(hostile)}`);
      await page.getByLabel("Email").fill(accounts.member);
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expectDashboard(page);
      expect(new URL(page.url()).host).toBe(new URL(baseURL ?? "").host);
    });
  }

  test("a signed-in visitor opening /login goes straight to the target", async ({ page }) => {
    await signIn(page, accounts.member);
    await page.goto("/login?redirect=%2Fsettings%2Fsecurity");
    await expect(page).toHaveURL(/\/settings\/security$/);
  });

  test("?message= shows only known messages, never URL text", async ({ page }) => {
    await page.goto("/login?message=password-changed");
    await expect(page.getByRole("status")).toContainText("Your password has been changed.");
    await page.goto("/login?message=Your+account+is+locked.+Call+555-0100");
    // The prerendered page can't know the query string: only once the app has rendered over it
    // does the absence of the text mean anything.
    await waitForApp(page);
    await expect(page.getByText("Call 555-0100")).toHaveCount(0);
    await expect(page.getByRole("status")).toHaveCount(0);
  });

  test("'Forgot password?' carries the typed email", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(accounts.member);
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page).toHaveURL(/\/reset-password/);
    await expect(page.getByLabel("Email")).toHaveValue(accounts.member);
  });

  // The caps-lock hint is covered by the PasswordField component test: headless Chromium can't
  // report a Caps Lock state to getModifierState.
  test("show-password toggle", async ({ page }) => {
    await page.goto("/login");
    const password = page.getByLabel("Password", { exact: true });
    await password.fill("secret");
    await page.getByRole("button", { name: "Show password" }).click();
    await expect(password).toHaveAttribute("type", "text");
    await page.getByRole("button", { name: "Hide password" }).click();
    await expect(password).toHaveAttribute("type", "password");
  });

  test("an expired session on a protected page returns to sign-in quietly", async ({
    page,
    mock,
  }) => {
    await signIn(page, accounts.member);
    await mock.advanceClock(25 * 60 * 60 * 1000);
    await page.goto("/settings/security");
    await expect(page).toHaveURL(/\/login\?redirect=%2Fsettings%2Fsecurity/);
  });

  test("keyboard only: the cursor in Email, then password, show/hide, Sign in, 'Forgot password?', the providers", async ({
    page,
  }) => {
    await page.goto("/login");
    await expect(page.getByRole("link", { name: "Sign in with GitHub" })).toBeVisible();
    // The cursor starts where people type, as on Coder's page (issue 21).
    await expect(page.getByLabel("Email")).toBeFocused();
    const order = [
      page.getByLabel("Password", { exact: true }),
      page.getByRole("button", { name: "Show password" }),
      page.getByRole("button", { name: "Sign in", exact: true }),
      page.getByRole("link", { name: "Forgot password?" }),
      page.getByRole("link", { name: "Sign in with GitHub" }),
      page.getByRole("link", { name: "Sign in with OpenID Connect" }),
    ];
    for (const next of order) {
      await page.keyboard.press("Tab");
      await expect(next).toBeFocused();
    }
    // The habit: email, Tab, password, Enter.
    await page.getByLabel("Email").focus();
    await page.keyboard.type(accounts.member);
    await page.keyboard.press("Tab");
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Enter");
    await expectDashboard(page);
  });

  test("axe finds nothing on /login, nor on the dashboard it leads to", async ({ page }) => {
    await page.goto("/login");
    await expect(page).toHaveTitle("Sign in to Coder");
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    await expectNoAxeViolations(page);
    await signIn(page, accounts.admin);
    await expect(page.getByRole("main")).toHaveCount(1);
    await expectNoAxeViolations(page);
  });
});
