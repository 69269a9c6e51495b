// The seam with Coder's dashboard: the mock's stand-in moves in the page as Coder's React router
// does, so every move below reaches our pages only through the seam script the front door puts
// into Coder's HTML. A "Coder's own …" heading on screen means the seam missed a move.
import { accounts, CODER_OWN_PAGES, expect, signIn, test } from "./fixtures.ts";

test("Coder's in-page moves to our pages become our pages; its own pages stay its own", async ({
  page,
  request,
}) => {
  await signIn(page, accounts.member);

  // Coder's account settings are Coder's: an in-page move, no page load.
  await page.getByRole("button", { name: "User menu" }).click();
  await page.getByRole("link", { name: "Account", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
  await expect(
    page.getByRole("heading", { level: 1, name: "Coder's own account page" }),
  ).toBeVisible();

  // Its sidebar's Security is ours.
  await page
    .getByRole("navigation", { name: "Settings" })
    .getByRole("link", { name: "Security" })
    .click();
  await expect(page).toHaveURL(/\/settings\/security$/);
  await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
  await expect(page.getByRole("heading", { name: CODER_OWN_PAGES })).toHaveCount(0);

  // Back is Coder's page again.
  await page.goBack();
  await expect(page).toHaveURL(/\/settings\/account$/);
  await expect(
    page.getByRole("heading", { level: 1, name: "Coder's own account page" }),
  ).toBeVisible();

  // The session ends elsewhere: the dashboard's next request gets a 401 and it moves to sign in,
  // in the page, remembering where it was.
  const suspend = await request.put(`/__mock/users/${accounts.member}`, {
    data: { status: "suspended" },
  });
  expect(suspend.ok()).toBe(true);
  await page
    .getByRole("navigation", { name: "Dashboard" })
    .getByRole("link", { name: "Templates" })
    .click();
  await expect(page).toHaveURL(/\/login\?redirect=%2Ftemplates$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Coder" })).toBeVisible();
  await expect(page.getByRole("heading", { name: CODER_OWN_PAGES })).toHaveCount(0);
});

test("the header's 'Account security' moves in the page, and lands on ours", async ({ page }) => {
  await signIn(page, accounts.admin);
  await page.getByRole("link", { name: "Account security" }).click();
  await expect(page).toHaveURL(/\/settings\/security$/);
  await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
  // Back to Coder's dashboard, which renders where it was.
  await page.goBack();
  await expect(page).toHaveURL(/\/workspaces$/);
  await expect(page.getByRole("heading", { level: 1, name: "Workspaces" })).toBeVisible();
});
