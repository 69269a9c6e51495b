// The seam with Coder's dashboard, through the real front doors, with the mock's dashboard moving
// in the page as Coder's does. Every way into Coder's sign-in, reset, setup and security pages
// ends on ours behind nginx (the seam script in Coder's HTML); behind Caddy, which cannot add the
// script, the in-page moves show Coder's own pages (the mock's labelled stand-ins), as the README
// says. The pageErrors fixture fails any test whose pages log an error, CSP violations included.
import type { Page } from "@playwright/test";
import { accounts, CODER_OWN_PAGES, expect, expectDashboard, signIn, test } from "../fixtures.ts";
import { signOutOfDashboard } from "../helpers.ts";

/** Whether this front door adds the seam script (nginx and the image do; Caddy cannot). */
function hasSeam(): boolean {
  return !test.info().project.name.startsWith("caddy");
}

/** Our sign-in page (by its form: the heading names the deployment). */
async function expectOurSignIn(page: Page) {
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole("textbox", { name: "Email" })).toBeVisible();
  await expect(page.getByRole("heading", { name: CODER_OWN_PAGES })).toHaveCount(0);
}

async function expectCoderOwn(page: Page, heading: string) {
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
}

test("a signed-out deep link signs in on our page and comes back, query and all", async ({
  page,
}) => {
  await page.goto("/templates?filter=owner:me");
  if (!hasSeam()) {
    // Coder's dashboard moves to /login in the page: without the script, Coder's own page.
    await expectCoderOwn(page, "Coder's own sign-in page");
    return;
  }
  await expectOurSignIn(page);
  expect(new URL(page.url()).searchParams.get("redirect")).toBe("/templates?filter=owner:me");
  await page.getByRole("textbox", { name: "Email" }).fill(accounts.member);
  await page.getByLabel("Password", { exact: true }).fill("SomeSecurePassword!");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/templates\?filter=owner:me$/);
  await expect(page.getByRole("heading", { level: 1, name: "Templates" })).toBeVisible();
});

test("a signed-out visit to / or a workspace goes to our sign-in at the door", async ({ page }) => {
  for (const [path, redirect] of [
    ["/", null],
    ["/@admin/myws", "/@admin/myws"],
  ] as const) {
    await page.goto(path);
    await expectOurSignIn(page);
    expect(new URL(page.url()).searchParams.get("redirect")).toBe(redirect);
  }
});

test("Coder's own Sign out ends on our sign-in page", async ({ page }) => {
  await signIn(page, accounts.member);
  await expectDashboard(page);
  await signOutOfDashboard(page);
  if (hasSeam()) await expectOurSignIn(page);
  else await expectCoderOwn(page, "Coder's own sign-in page");
  // The session really ended.
  expect((await page.request.get("/api/v2/users/me")).status()).toBe(401);
});

test("a session that ends under Coder's dashboard moves to our sign-in, to come back", async ({
  page,
  mock,
}) => {
  await signIn(page, accounts.member);
  await expectDashboard(page);
  await mock.advanceClock(25 * 60 * 60 * 1000);
  // The dashboard's next request is refused; its router moves to /login?redirect=… in the page.
  await page
    .getByRole("navigation", { name: "Dashboard" })
    .getByRole("link", { name: "Templates" })
    .click();
  if (!hasSeam()) {
    await expectCoderOwn(page, "Coder's own sign-in page");
    return;
  }
  await expectOurSignIn(page);
  expect(new URL(page.url()).searchParams.get("redirect")).toBe("/templates");
});

test("Account → Security in Coder's settings opens our security page", async ({ page }) => {
  await signIn(page, accounts.member);
  await expectDashboard(page);
  await page.getByRole("button", { name: "User menu" }).click();
  await page.getByRole("link", { name: "Account", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
  await page
    .getByRole("navigation", { name: "Settings" })
    .getByRole("link", { name: "Security" })
    .click();
  await expect(page).toHaveURL(/\/settings\/security$/);
  if (!hasSeam()) {
    await expectCoderOwn(page, "Coder's own security page");
    return;
  }
  await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
  await expect(page.getByLabel("Current password")).toBeVisible();
  // And back again: Coder's settings are a page load away, its navigation around ours.
  await page.getByRole("link", { name: "Account", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
  await expectCoderOwn(page, "Coder's own account page");
});

test("/ on a deployment nobody has set up ends on our /setup", async ({ page, context }) => {
  expect((await page.request.post("/__mock/reset", { data: { users: "none" } })).status()).toBe(
    204,
  );
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: CODER_OWN_PAGES })).toHaveCount(0);
  // A browser still holding an old session cookie reaches Coder's dashboard, which moves to
  // /setup in the page.
  await context.addCookies([{ name: "coder_session_token", value: "stale", url: page.url() }]);
  await page.goto("/");
  if (hasSeam()) {
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByRole("heading", { name: CODER_OWN_PAGES })).toHaveCount(0);
  } else {
    await expectCoderOwn(page, "Coder's own setup page");
  }
});

test("Coder's \"Forgot password?\" behind Caddy: Coder's own pages, as documented", async ({
  page,
}) => {
  // Behind nginx Coder's own sign-in page never shows (see seam-script.spec.ts).
  if (hasSeam()) {
    await page.goto("/workspaces?x=1");
    await expectOurSignIn(page);
    return;
  }
  await page.goto("/workspaces?x=1");
  await expectCoderOwn(page, "Coder's own sign-in page");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expectCoderOwn(page, "Coder's own reset page");
});
