// Text from the server (error messages, the OIDC button text, names, role names) is shown as
// text: markup and script in it stay inert.
import { accounts, expect, PASSWORD, test } from "./fixtures.ts";

const PAYLOAD = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script><b>bold</b>`;

const pwned = (page: import("@playwright/test").Page) =>
  page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);

test("an error message with markup is shown as text", async ({ page }) => {
  await page.route("**/api/v2/users/login", (route) =>
    route.fulfill({
      status: 401,
      contentType: "application/json",
      body: JSON.stringify({ message: PAYLOAD }),
    }),
  );
  await page.goto("/login");
  await page.getByLabel("Email").fill(accounts.member);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // As text, ended as a sentence (src/lib/sentence.ts).
  await expect(page.getByRole("alert")).toHaveText(`${PAYLOAD}.`);
  await expect(page.locator("main b, main img")).toHaveCount(0);
  expect(await pwned(page)).toBeUndefined();
});

test("a field validation with markup is shown as text", async ({ page }) => {
  await page.route("**/api/v2/users/login", (route) =>
    route.fulfill({
      status: 400,
      contentType: "application/json",
      body: JSON.stringify({
        message: "Validation failed.",
        validations: [{ field: "email", detail: PAYLOAD }],
      }),
    }),
  );
  await page.goto("/login");
  await page.getByLabel("Email").fill(accounts.member);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(PAYLOAD)).toBeVisible();
  await expect(page.locator("main b, main img")).toHaveCount(0);
  expect(await pwned(page)).toBeUndefined();
});

test("the OIDC button text and icon from the deployment are inert", async ({ page, mock }) => {
  await mock.setConfig({ oidcSignInText: PAYLOAD, oidcIconUrl: "javascript:window.__pwned=1" });
  await page.goto("/login");
  await expect(page.getByRole("link", { name: `Sign in with ${PAYLOAD}` })).toBeVisible();
  // Only same-origin or data: icons are used; anything else falls back to the built-in icon.
  await expect(page.locator('img[src^="javascript"]')).toHaveCount(0);
  expect(await pwned(page)).toBeUndefined();
});
