// The sign-in page as a Coder user and Coder's tooling know it: Coder's own test helper, focus on
// load, the footer, and deployments with a single way in.
import { accounts, expect, expectNoAxeViolations, PASSWORD, test, waitForApp } from "./fixtures.ts";

// Sign-ins (the mock hashes as Coder does), full page loads through the provider and axe runs:
// more than the default 30 s on a busy machine.
test.beforeEach(() => test.slow());

test("Coder's own sign-in helper works unchanged and lands on /workspaces", async ({ page }) => {
  // site/e2e/helpers.ts `login`, step for step. The last step needs the front door's sign-in
  // target (Coder's /, which moves on to /workspaces).
  const ctx = page.context();
  await ctx.clearCookies();
  await page.goto("/login");
  await page.getByLabel("Email").fill(accounts.admin);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign In" }).click();
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe("/workspaces");
});

test.describe("password is the only way in", () => {
  test.beforeEach(async ({ mock }) => {
    await mock.setConfig({ github: false, oidc: false });
  });

  for (const { scheme, width } of [
    { scheme: "light", width: 1280 },
    { scheme: "dark", width: 320 },
  ] as const) {
    test(`${scheme}, ${width} px: the cursor starts in the email field; Tab, Enter sign in`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 800 });
      await page.goto("/login");
      await expect(page.getByLabel("Email")).toBeFocused();
      await expectNoAxeViolations(page);
      await page.keyboard.type(accounts.member);
      await page.keyboard.press("Tab");
      await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
      await page.keyboard.type(PASSWORD);
      await page.keyboard.press("Enter");
      await expect(page).not.toHaveURL(/\/login/, { timeout: 15_000 });
    });
  }
});

// Issue 21: the cursor starts where people type, as on Coder's page, also when the providers
// are on the page (they come after the form).
test("with providers, the cursor starts in Email; one Tab reaches the password", async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/login");
  await expect(page.getByRole("link", { name: "Sign in with GitHub" })).toBeVisible();
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
});

// Issue 21: the heading kept room for a second line ("Sign in to <a long name>"): 50 px of
// blank under "Sign in to Coder" on a phone. The name is the header's now.
test("375 px: the form starts right under the heading", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/login");
  await waitForApp(page);
  const heading = await page.getByRole("heading", { level: 1 }).boundingBox();
  const label = await page.getByText("Email", { exact: true }).boundingBox();
  const gap = (label?.y ?? 0) - ((heading?.y ?? 0) + (heading?.height ?? 0));
  expect(gap).toBeLessThanOrEqual(24);
});

// Issue 21: a focused heading wore the 3 px ring fields wear, and looked like one.
test("a heading that takes focus after a navigation doesn't wear a field's ring", async ({
  page,
  mock,
}) => {
  // Nothing to type on the sign-in page yet (the terms come first): its heading takes focus.
  await mock.setConfig({ termsOfServiceUrl: "https://acme.example/terms" });
  await page.goto("/reset-password");
  await waitForApp(page);
  await page.getByRole("link", { name: "Back to sign in" }).focus();
  await page.keyboard.press("Enter");
  const heading = page.getByRole("heading", { level: 1, name: "Sign in to Coder" });
  await expect(heading).toBeFocused();
  expect(await heading.evaluate((element) => getComputedStyle(element).outlineStyle)).toBe("none");
  // A field still wears it.
  await page.keyboard.press("Tab");
  const focused = page.locator(":focus");
  expect(await focused.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe(
    "none",
  );
});

// Issue 21: a refusal's alert used to push the whole form down (64 px, 88 for a suspended
// account) and the card and the version off an 800 px window.
for (const { who, text } of [
  { who: accounts.member, text: "Incorrect email or password." },
  { who: accounts.suspended, text: "suspended" },
]) {
  test(`a refusal (${who}) moves no control, and the page still fits 1280×800`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/login");
    await expect(page.getByRole("link", { name: "Sign in with GitHub" })).toBeVisible();
    const controls = [
      page.getByLabel("Email"),
      page.getByLabel("Password", { exact: true }),
      page.getByRole("button", { name: "Sign in", exact: true }),
      page.getByRole("link", { name: "Forgot password?" }),
    ];
    const positions = () => Promise.all(controls.map(async (c) => (await c.boundingBox())?.y));
    const before = await positions();
    await page.getByLabel("Email").fill(who);
    await page
      .getByLabel("Password", { exact: true })
      .fill(who === accounts.member ? "wrong" : PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.locator("main .alert")).toContainText(text);
    expect(await positions()).toEqual(before);
    const footer = await page.getByRole("contentinfo").boundingBox();
    const card = await page.getByRole("main").boundingBox();
    expect((card?.y ?? 0) + (card?.height ?? 0)).toBeLessThanOrEqual(800);
    expect((footer?.y ?? 0) + (footer?.height ?? 0)).toBeLessThanOrEqual(800);
    await expectNoAxeViolations(page);
  });
}

test("the footer names the server's version, and the terms once accepted", async ({
  page,
  mock,
}) => {
  await mock.setConfig({ termsOfServiceUrl: "https://acme.example/terms" });
  await page.goto("/login");
  const footer = page.getByRole("contentinfo");
  await expect(footer).toContainText("Coder v2.30.0-mock");
  await expect(footer.getByRole("link")).toHaveCount(0);
  await page.getByRole("button", { name: "I agree" }).click();
  await expect(
    footer.getByRole("link", { name: "Terms of Service (opens in a new tab)" }),
  ).toHaveAttribute("href", "https://acme.example/terms");
  await expectNoAxeViolations(page);
});

test.describe("one provider, no password", () => {
  test.beforeEach(async ({ mock }) => {
    await mock.setConfig({ passwordAuth: false, oidc: false });
  });

  test("goes straight to the provider, keeping where the visitor was heading", async ({ page }) => {
    await page.goto("/login?redirect=%2Fsettings%2Fsecurity");
    // The mock's identity provider page, reached without a click.
    await expect(page).toHaveURL(/\/__mock\//, { timeout: 15_000 });
    await page.getByRole("link", { name: `Continue as ${accounts.github}` }).click();
    await expect(page).toHaveURL(/\/settings\/security$/, { timeout: 15_000 });
  });

  test("after a failed round trip, shows the page and the message instead (no loop)", async ({
    page,
  }) => {
    await page.goto("/login?message=sso-failed-400");
    await expect(page.getByRole("link", { name: "Sign in with GitHub" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  test("?choose=1 shows the page", async ({ page }) => {
    await page.goto("/login?choose=1");
    await expect(page.getByRole("link", { name: "Sign in with GitHub" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(new URL(page.url()).pathname).toBe("/login");
    await expectNoAxeViolations(page);
  });

  test("Back from the provider shows the page rather than going round again", async ({ page }) => {
    await page.goto("/login");
    await expect(page).toHaveURL(/\/__mock\//, { timeout: 15_000 });
    await page.goBack();
    await expect(page.getByRole("link", { name: "Sign in with GitHub" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(new URL(page.url()).pathname).toBe("/login");
  });
});
