// The seam script at work in Coder's pages (nginx and the image add it; Caddy cannot, so its
// project leaves this file out): Coder's router moving in the page to any of our pages, and
// sign-out crossing between Coder's tabs and ours.
import type { Page } from "@playwright/test";
import { accounts, CODER_OWN_PAGES, expect, expectDashboard, signIn, test } from "../fixtures.ts";
import { signOutOfDashboard } from "../helpers.ts";

/** Our sign-in page (by its form: the heading names the deployment). */
async function expectOurSignIn(page: Page) {
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole("textbox", { name: "Email" })).toBeVisible();
  await expect(page.getByRole("heading", { name: CODER_OWN_PAGES })).toHaveCount(0);
}

test('Coder\'s "Forgot password?" and any other in-page move to our pages end on ours', async ({
  page,
}) => {
  await signIn(page, accounts.member);
  await expectDashboard(page);
  // What Coder's router does for a link to one of our pages: pushState, then render.
  for (const [target, heading] of [
    ["/reset-password", "Reset your password"],
    ["/cli-auth", "Sign in to the Coder CLI"],
    ["/Settings/Security/", "Security"],
  ] as const) {
    await page.evaluate((to) => {
      window.history.pushState({}, "", to);
      window.dispatchEvent(new PopStateEvent("popstate"));
    }, target);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole("heading", { name: CODER_OWN_PAGES })).toHaveCount(0);
    await page.goBack();
    await expectDashboard(page);
  }
});

test("sign-out crosses the seam both ways", async ({ page, context }) => {
  await signIn(page, accounts.member);
  await expectDashboard(page);
  const ours = await context.newPage();
  await ours.goto("/settings/security");
  await expect(ours.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();

  // Coder's "Sign out" reaches our open tab.
  await signOutOfDashboard(page);
  await expectOurSignIn(page);
  await expectOurSignIn(ours);

  // Ours reaches Coder's open tab: it goes to our sign-in, to come back to where it was.
  await signIn(page, accounts.member);
  await expectDashboard(page);
  await page.goto("/templates");
  await ours.goto("/settings/security");
  await ours.getByRole("button", { name: "Sign out" }).click();
  await expectOurSignIn(ours);
  await expectOurSignIn(page);
  expect(new URL(page.url()).searchParams.get("redirect")).toBe("/templates");
});
