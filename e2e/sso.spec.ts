// Single sign-on round trips through the mock's fake identity provider, and how each ends on a
// page of ours. The specs under "through the front door" need the front door's mapping of the
// callback's error answers (303 to /login?message=sso-failed-<status>, or for a conversion to
// /settings/security?message=convert-failed-<status>), which the preview server gains with the
// front-door work of issue 9; the others need nothing but the app and the mock.
import type { Page } from "@playwright/test";
import { accounts, expect, expectNoAxeViolations, PASSWORD, test, waitForApp } from "./fixtures.ts";

/** Password sign-in that lands on the security settings (no assumption about a home page). */
async function openSecurity(page: Page, email: string = accounts.member) {
  await page.goto("/login?redirect=%2Fsettings%2Fsecurity");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Sign-in, then the settings page's own data: allow for a busy machine.
  await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible({
    timeout: 15_000,
  });
}

/** From the sign-in page to the fake provider's page. */
async function toProvider(page: Page, provider: "GitHub" | "OpenID Connect") {
  await page.goto("/login");
  await page.getByRole("link", { name: `Sign in with ${provider}` }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: `Sign in with ${provider}` }),
  ).toBeVisible();
}

/** Settings → Switch to …, confirmed with the password: ends on the fake provider's page. */
async function startSwitch(page: Page, provider: "GitHub" | "OpenID Connect" = "OpenID Connect") {
  await page.getByRole("button", { name: `Switch to ${provider}` }).click();
  const dialog = page.getByRole("dialog", { name: `Switch to ${provider}?` });
  await dialog.getByLabel("Current password").fill(PASSWORD);
  await dialog.getByRole("button", { name: `Switch to ${provider}` }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: `Sign in with ${provider}` }),
  ).toBeVisible();
}

/** Tab from the top of the page until the locator has focus; fails if it never does. */
async function tabTo(page: Page, target: ReturnType<Page["getByRole"]>) {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test.describe("messages on our pages", () => {
  test("sign-in explains each failed round trip, axe-clean, with every way out on the keyboard", async ({
    page,
  }) => {
    test.slow(); // page loads and an axe run on a shared machine
    // Every id's words are checked by the component tests; here, the page in a real browser.
    const copy: Array<[string, RegExp]> = [
      ["sso-failed-400", /cancelled at your identity provider/],
      ["sso-failed-403", /didn't let that account in/],
    ];
    for (const [id, text] of copy) {
      await page.goto(`/login?message=${id}`);
      await expect(page.getByRole("alert")).toHaveText(text);
    }
    await expectNoAxeViolations(page);
    await tabTo(page, page.getByRole("link", { name: "Sign in with GitHub" }));
    await tabTo(page, page.getByRole("link", { name: "Sign in with OpenID Connect" }));
  });

  test("security settings explain a failed switch once: focus on it, then gone from the URL, reload and Back", async ({
    page,
  }) => {
    test.slow(); // several page loads and an axe run on a shared machine
    await openSecurity(page);
    await page.goto("/settings/security?message=convert-failed-400");
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("Nothing changed: you still sign in with your password.");
    await expect(alert).toContainText(accounts.member);
    await expect(alert).toBeFocused();
    await expect(page).toHaveURL(/\/settings\/security$/);
    await expectNoAxeViolations(page);
    await tabTo(page, page.getByRole("button", { name: "Switch to OpenID Connect" }));

    await page.reload();
    await expect(page.getByRole("heading", { name: "Password" })).toBeVisible();
    await expect(page.getByRole("alert")).toHaveCount(0);

    await page.goto("/login?redirect=%2Fsettings%2Fsecurity");
    await page.goBack();
    await expect(page).toHaveURL(/\/settings\/security$/);
    await expect(page.getByRole("heading", { name: "Password" })).toBeVisible();
    await expect(page.getByRole("alert")).toHaveCount(0);
  });
});

test.describe("round trips that end on our pages by themselves", () => {
  test("a suspended GitHub account: Coder signs it in, the app says it is suspended", async ({
    page,
  }) => {
    test.slow(); // a password sign-in and a round trip through the provider
    await page.goto("/settings/security");
    await page.getByRole("link", { name: "Sign in with GitHub" }).click();
    await page.getByRole("link", { name: "Continue as suspended-sso@coder.com" }).click();
    await expect(page).toHaveURL(
      /\/login\?redirect=%2Fsettings%2Fsecurity&message=account-suspended$/,
    );
    await expect(page.getByRole("alert")).toHaveText(
      "Your account is suspended, so it can't sign in. Ask an administrator to reactivate it.",
    );
    // Not a loop: the page stays, and another account can still sign in here.
    await page.getByLabel("Email").fill(accounts.member);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
  });

  test("a suspended GitHub account from the sign-in page: back on it, it says so", async ({
    page,
  }) => {
    // Coder's callback signs the account in and sends it to the dashboard, whose check of the
    // session sends it back here with no word of why.
    await page.goto("/login");
    await page.getByRole("link", { name: "Sign in with GitHub" }).click();
    await page.getByRole("link", { name: "Continue as suspended-sso@coder.com" }).click();
    await expect(page).toHaveURL(/\/login(\?|$)/);
    await expect(page.getByRole("alert")).toHaveText(
      "Your account is suspended, so it can't sign in. Ask an administrator to reactivate it.",
    );
    // Said once: a reload, or coming back later, asks nobody and says nothing.
    const asked: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/api/v2/users/me")) asked.push(request.url());
    });
    await page.reload();
    await expect(page.getByLabel("Email")).toBeVisible();
    await waitForApp(page);
    await expect(page.getByRole("alert")).toHaveCount(0);

    // A trip that comes back saying how it failed made no session: nobody is asked.
    await page.getByRole("link", { name: "Sign in with GitHub" }).click();
    await page.getByRole("link", { name: "Cancel" }).click();
    await expect(page).toHaveURL(/\/login\?message=sso-failed-400$/);
    await waitForApp(page);
    await page.waitForLoadState("networkidle");
    expect(asked).toEqual([]);
  });

  test("a finished switch signs the browser out (Coder's way); signing in with the new method shows it", async ({
    page,
  }) => {
    test.slow(); // a password sign-in and a round trip through the provider
    await openSecurity(page);
    await startSwitch(page);
    await page.getByRole("link", { name: `Continue as ${accounts.member}` }).click();

    await expect(page).toHaveURL(/\/login\?message=login-type-changed-oidc$/);
    await expect(page.getByRole("status")).toHaveText(
      /now signs in with OpenID Connect\. Use "Sign in with OpenID Connect" below/,
    );
    expect(
      (await page.context().cookies()).find((c) => c.name === "coder_session_token"),
    ).toBeUndefined();
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Sign in with OpenID Connect" }).click();
    await page.getByRole("link", { name: `Continue as ${accounts.member}` }).click();
    await expect(page).toHaveURL(/\/settings\/security$/);
    await expect(page.getByText(/^Your account now signs in with OpenID Connect\./)).toBeVisible();
    await expect(page.getByText("Signed in with OpenID Connect")).toBeVisible();
    await expect(page.getByLabel("Current password")).toHaveCount(0);
  });

  test("a finished switch that Coder already signed in with: no second trip through the provider", async ({
    page,
  }) => {
    test.slow(); // a password sign-in and a round trip through the provider
    await openSecurity(page);
    const providerVisits: string[] = [];
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame() && new URL(frame.url()).pathname.startsWith("/__mock/idp/"))
        providerVisits.push(frame.url());
    });
    await startSwitch(page, "GitHub");
    // The password session ends while the user is at the provider: Coder then signs the
    // browser in with the new method instead of sending it back signed out.
    await page.context().clearCookies({ name: "coder_session_token" });
    await page.getByRole("link", { name: `Continue as ${accounts.member}` }).click();

    await expect(page).toHaveURL(/\/settings\/security$/);
    await expect(page.getByText(/^Your account now signs in with GitHub\./)).toBeVisible();
    await expect(page.getByText("Signed in with GitHub")).toBeVisible();
    expect(providerVisits).toHaveLength(1);
    await expectNoAxeViolations(page);
  });
});

// These need the front door to turn the callback's error answer into a redirect to our pages.
test.describe("through the front door", () => {
  const signInFailures: Array<[string, "GitHub" | "OpenID Connect", string, string]> = [
    ["cancelled at the provider", "GitHub", "Cancel and return to Coder", "sso-failed-400"],
    [
      "an error from the provider",
      "OpenID Connect",
      "Report an error from the provider",
      "sso-failed-400",
    ],
    [
      "a mismatched state",
      "GitHub",
      "Return with a state that doesn't match this browser's",
      "sso-failed-401",
    ],
    [
      "a lost state cookie",
      "OpenID Connect",
      "Return as if the sign-in had started in another browser (no state cookie)",
      "sso-failed-401",
    ],
    ["no state", "GitHub", "Return without the state parameter", "sso-failed-400"],
    [
      "an expired code",
      "OpenID Connect",
      "Return with an authorization code that has expired",
      "sso-failed-500",
    ],
    ["signups disabled", "OpenID Connect", "Continue as new-person@coder.com", "sso-failed-403"],
    ["a password account via GitHub", "GitHub", `Continue as ${accounts.admin}`, "sso-failed-403"],
    [
      "outside the GitHub organization",
      "GitHub",
      "Continue as outsider@coder.com",
      "sso-failed-401",
    ],
  ];
  for (const [what, provider, link, id] of signInFailures) {
    test(`sign-in, ${what}: ends on our sign-in page with ${id}`, async ({ page }) => {
      await toProvider(page, provider);
      await page.getByRole("link", { name: link }).click();
      await expect(page).toHaveURL(new RegExp(`/login\\?message=${id}$`));
      await expect(page.getByRole("alert")).toBeVisible();
      await expect(page.getByRole("link", { name: `Sign in with ${provider}` })).toBeVisible();
      expect(
        (await page.context().cookies()).find((c) => c.name === "coder_session_token"),
      ).toBeUndefined();
    });
  }

  test("converting, an identity with another email: settings say so, the password still works", async ({
    page,
  }) => {
    test.slow(); // a password sign-in and a round trip through the provider
    await openSecurity(page);
    await startSwitch(page);
    await page.getByRole("link", { name: "Continue as someone-else@coder.com" }).click();
    await expect(page).toHaveURL(/\/settings\/security$/);
    const alert = page.getByRole("alert");
    await expect(alert).toContainText(`an account whose email isn't ${accounts.member}`);
    await expect(alert).toBeFocused();
    // Still the password account, signed in, and the switch can be tried again at once.
    await expect(page.getByRole("heading", { name: "Password" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Switch to OpenID Connect" })).toBeEnabled();
  });

  test("converting, cancelled at the provider: settings say nothing changed", async ({ page }) => {
    test.slow(); // a password sign-in and a round trip through the provider
    await openSecurity(page);
    await startSwitch(page, "GitHub");
    await page.getByRole("link", { name: "Cancel and return to Coder" }).click();
    await expect(page).toHaveURL(/\/settings\/security$/);
    await expect(page.getByRole("alert")).toContainText("Nothing changed");
    await expect(page.getByRole("button", { name: "Switch to GitHub" })).toBeVisible();
  });
});
