import type { Locator, Page } from "@playwright/test";
import {
  accounts,
  expect,
  expectDashboard,
  expectNoAxeViolations,
  PASSWORD,
  signIn,
  test,
} from "./fixtures.ts";

const NEW_PASSWORD = "a brand new passphrase 42";

async function openSecurity(page: Page, email: string) {
  await signIn(page, email);
  // From Coder's dashboard (the mock's) into the app.
  await page.getByRole("link", { name: "Account security" }).click();
  await expect(page).toHaveURL(/\/settings\/security$/);
  await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
}

/** "METHOD /path" of every API request the page sends from now on. */
function apiRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/api/v2/")) seen.push(`${request.method()} ${url.pathname}`);
  });
  return seen;
}

async function signInExpectingFailure(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Incorrect email or password.")).toBeVisible();
}

async function openConvertDialog(page: Page, provider = "OpenID Connect") {
  const opener = page.getByRole("button", { name: `Switch to ${provider}` });
  await opener.click();
  const dialog = page.getByRole("dialog", { name: `Switch to ${provider}?` });
  await expect(dialog).toBeVisible();
  return { opener, dialog };
}

async function expectFocusInside(dialog: Locator) {
  expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
}

test("a full load of the security settings asks nothing that Coder refuses", async ({ page }) => {
  await openSecurity(page, accounts.admin);
  const refused: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 400) refused.push(`${response.status()} ${response.url()}`);
  });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
  // The permissions decide what is offered; they must have arrived.
  await expect(page.getByRole("button", { name: "Switch to GitHub" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(refused).toEqual([]);
});

test.describe("change password", () => {
  test("a weak new password is refused as it is typed, before any request", async ({ page }) => {
    await openSecurity(page, accounts.member);
    const requests = apiRequests(page);
    await page.getByLabel("Current password").fill(PASSWORD);
    await page.getByLabel("New password", { exact: true }).fill("password1");
    // Live, before submitting.
    await expect(page.getByText("Too easy to guess.", { exact: true })).toBeVisible();
    await page.getByLabel("Confirm new password").fill("password1");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText(/too easy to guess/)).toBeVisible();
    await expect(page.getByLabel("New password", { exact: true })).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    expect(requests.filter((r) => r.startsWith("PUT "))).toEqual([]);
  });

  test("a wrong current password lands on its field, and nothing typed is lost", async ({
    page,
  }) => {
    await openSecurity(page, accounts.member);
    await page.getByLabel("Current password").fill("not my password");
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    const current = page.getByLabel("Current password");
    await expect(page.getByText("That isn't your current password.")).toBeVisible();
    await expect(current).toHaveAttribute("aria-invalid", "true");
    await expect(current).toBeFocused();
    await expect(current).toHaveValue("not my password");
    await expect(page.getByLabel("Confirm new password")).toHaveValue(NEW_PASSWORD);
    await expect(page).toHaveURL(/\/settings\/security$/);
  });

  test("success signs out everywhere; the new password works and the old one doesn't", async ({
    page,
  }) => {
    await signIn(page, accounts.member);
    // A fresh page load: the sign-in page's code is not loaded yet when the change succeeds.
    await page.goto("/settings/security");
    await page.getByLabel("Current password").fill(PASSWORD);
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();

    await expect(page).toHaveURL(/\/login\?message=password-updated$/);
    await expect(
      page.getByText(/Your password was updated and every session was signed out/),
    ).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(accounts.member);
    // The session really is gone.
    await page.goto("/settings/security");
    await expect(page).toHaveURL(/\/login\?redirect=%2Fsettings%2Fsecurity/);

    await signInExpectingFailure(page, accounts.member, PASSWORD);
    await signIn(page, accounts.member, NEW_PASSWORD);
  });
});

test.describe("convert to single sign-on", () => {
  test("a wrong password is an error in the dialog, and the user stays signed in", async ({
    page,
  }) => {
    await openSecurity(page, accounts.member);
    const { dialog } = await openConvertDialog(page);
    await dialog.getByLabel("Current password").fill("not my password");
    await dialog.getByRole("button", { name: "Switch to OpenID Connect" }).click();
    await expect(dialog.getByText("That isn't your current password.")).toBeVisible();
    await expect(dialog.getByLabel("Current password")).toBeFocused();
    await expect(page).toHaveURL(/\/settings\/security$/);

    await page.goto("/");
    await expectDashboard(page);
    await expect(page.getByRole("main").getByText(accounts.member)).toBeVisible();
  });

  test("through the provider; afterwards password sign-in is refused and SSO works", async ({
    page,
  }) => {
    await openSecurity(page, accounts.member);
    const { dialog } = await openConvertDialog(page);
    await expect(dialog).toContainText("can't be undone");
    await expect(dialog).toContainText("signed out");
    await expect(dialog).toContainText(accounts.member);
    await dialog.getByLabel("Current password").fill(PASSWORD);
    const convert = page.waitForResponse("**/api/v2/users/me/convert-login");
    await dialog.getByRole("button", { name: "Switch to OpenID Connect" }).click();
    expect((await convert).status()).toBe(201);

    // The mock's identity provider: be the identity with the account's own email.
    await expect(page.getByRole("heading", { name: "Sign in with OpenID Connect" })).toBeVisible();
    await page.getByRole("link", { name: `Continue as ${accounts.member}` }).click();

    await expect(page).toHaveURL(/\/login\?message=login-type-changed-oidc$/);
    await expect(
      page.getByText(/now signs in with OpenID Connect\. Use "Sign in with OpenID Connect" below/),
    ).toBeVisible();
    const session = (await page.context().cookies()).find((c) => c.name === "coder_session_token");
    expect(session).toBeUndefined();

    await signInExpectingFailure(page, accounts.member, PASSWORD);

    await page.getByRole("link", { name: "Sign in with OpenID Connect" }).click();
    await page.getByRole("link", { name: `Continue as ${accounts.member}` }).click();
    await expectDashboard(page);
    await page.getByRole("link", { name: "Account security" }).click();
    await expect(page.getByText("Signed in with OpenID Connect")).toBeVisible();
    await expect(page.getByLabel("Current password")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Switch to/ })).toHaveCount(0);
  });
});

test.describe("what each account is offered", () => {
  test("owners and user admins, and only they, learn how to turn single sign-on on", async ({
    page,
    mock,
  }) => {
    await mock.setConfig({ github: false, oidc: false });
    const docs = page.getByRole("link", { name: /How to set up OpenID Connect/ });
    for (const [email, told] of [
      [accounts.admin, true],
      [accounts.userAdmin, true],
      [accounts.member, false],
      [accounts.auditor, false],
      [accounts.templateAdmin, false],
    ] as const) {
      await page.context().clearCookies();
      await openSecurity(page, email);
      await expect(page.getByText(/no single sign-on provider set up/)).toBeVisible();
      await expect(docs).toHaveCount(told ? 1 : 0);
      await expect(page.getByLabel("Current password")).toBeVisible();
    }
    await expect(docs).toHaveCount(0);
  });

  test("with providers, owner and member both get one switch per provider", async ({ page }) => {
    for (const email of [accounts.admin, accounts.member]) {
      await page.context().clearCookies();
      await openSecurity(page, email);
      await expect(page.getByRole("button", { name: "Switch to GitHub" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Switch to OpenID Connect" })).toBeVisible();
      await expect(page.getByRole("link", { name: /How to set up OpenID Connect/ })).toHaveCount(0);
    }
  });

  test("an account on GitHub sees that, and no password form or switch", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("link", { name: "Sign in with GitHub" }).click();
    await page.getByRole("link", { name: `Continue as ${accounts.github}` }).click();
    await expectDashboard(page);
    await page.getByRole("link", { name: "Account security" }).click();
    await expect(page.getByText("Signed in with GitHub")).toBeVisible();
    await expect(page.getByLabel("Current password")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Switch to/ })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });
});

test.describe("accessibility", () => {
  test("axe finds nothing on the page, with the dialog open, or with an error in it", async ({
    page,
  }) => {
    await openSecurity(page, accounts.admin);
    await page.getByLabel("New password", { exact: true }).fill("short");
    await expectNoAxeViolations(page);
    const { dialog } = await openConvertDialog(page);
    await expectNoAxeViolations(page);
    const field = dialog.getByLabel("Current password");
    const top = (await field.boundingBox())?.y;
    await field.fill("not my password");
    await dialog.getByRole("button", { name: "Switch to OpenID Connect" }).click();
    await expect(dialog.getByText("That isn't your current password.")).toBeVisible();
    await expectNoAxeViolations(page);
    // The dialog grows downwards: the field being fixed stays under the pointer.
    expect((await field.boundingBox())?.y).toBe(top);
  });

  test("keyboard only: open, stay trapped, close with Escape, convert with Enter", async ({
    page,
  }) => {
    await openSecurity(page, accounts.member);
    const opener = page.getByRole("button", { name: "Switch to OpenID Connect" });
    // From the page's heading, Tab through the page until the switch is reached.
    for (let i = 0; i < 30 && !(await opener.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press("Tab");
    await expect(opener).toBeFocused();

    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Switch to OpenID Connect?" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel("Current password")).toBeFocused();
    // Focus never leaves the dialog, forwards or backwards.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      await expectFocusInside(dialog);
    }
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Shift+Tab");
      await expectFocusInside(dialog);
    }

    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();

    await page.keyboard.press("Enter");
    await expect(dialog.getByLabel("Current password")).toBeFocused();
    await page.keyboard.type("not my password");
    await page.keyboard.press("Enter");
    await expect(dialog.getByText("That isn't your current password.")).toBeVisible();
    await expect(dialog.getByLabel("Current password")).toBeFocused();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Sign in with OpenID Connect" })).toBeVisible();
  });
});

// Issue 21: on a phone the header cut a long address short ("template-adm…"), with no way to
// read the rest (a tooltip needs a pointer). Now it wraps after its @.
test("375 px: the signed-in header shows the whole address", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await openSecurity(page, accounts.templateAdmin);
  const address = page.getByRole("banner").locator(".email-address");
  await expect(address).toHaveText(accounts.templateAdmin);
  const cut = await address.evaluate(
    (element) =>
      element.scrollWidth > element.clientWidth ||
      element.getBoundingClientRect().right > document.documentElement.clientWidth,
  );
  expect(cut).toBe(false);
  await expectNoAxeViolations(page);
});
