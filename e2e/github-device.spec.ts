// GitHub sign-in on a deployment using Coder's default GitHub app (the device flow), keyboard
// only, through the mock's stand-in for GitHub's device page.
import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./fixtures.ts";
import { watchCsp } from "./helpers.ts";

test.beforeEach(async ({ mock }) => {
  await mock.setConfig({ githubDefaultProvider: true });
});

/** Presses Tab until `name` (a link or button) has focus. */
async function tabTo(page: Page, role: "link" | "button", name: string | RegExp, limit = 15) {
  const target = page.getByRole(role, { name });
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`${role} ${name} never got focus`);
}

/** From the sign-in page to the device page, keyboard only. */
async function startOnDevicePage(page: Page, redirect = "/settings/security") {
  await page.goto(`/login?redirect=${encodeURIComponent(redirect)}`);
  await tabTo(page, "link", "Sign in with GitHub");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/login\/device\?state=/);
  const code = page.locator(".device-code");
  await expect(code).toHaveText(/^[B-Z]{4}-[B-Z]{4}$/);
  return (await code.textContent()) ?? "";
}

/** The person on (the mock's) GitHub, in the tab the page opened, keyboard only. */
async function onGithub(popup: Page, userCode: string, decision: "authorize" | "cancel") {
  await popup.getByLabel("Code").fill(userCode);
  await popup.keyboard.press("Enter");
  const button =
    decision === "authorize"
      ? popup.getByRole("button", { name: "Authorize as github@coder.com" })
      : popup.getByRole("button", { name: "Cancel" });
  await button.focus();
  await popup.keyboard.press("Enter");
  await expect(popup.getByRole("heading", { level: 1 })).toHaveText(
    decision === "authorize" ? "Device connected" : "Authorization cancelled",
  );
}

test("a code to copy, GitHub in a new tab, and on to the page asked for, keyboard only", async ({
  page,
  context,
}) => {
  test.slow(); // GitHub's pace: a poll every five seconds
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const violations = await watchCsp(page);
  const userCode = await startOnDevicePage(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in with GitHub");
  await expect(page.getByText(/The code expires in 1[45]:\d\d\./)).toBeVisible();
  await expectNoAxeViolations(page);

  await tabTo(page, "button", "Copy code");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Copied.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(userCode);

  await page.keyboard.press("Tab");
  const github = page.getByRole("link", { name: "Open GitHub (opens in a new tab)" });
  await expect(github).toBeFocused();
  await expect(github).toHaveAttribute("rel", "noopener noreferrer");
  const [popup] = await Promise.all([page.waitForEvent("popup"), page.keyboard.press("Enter")]);
  expect(await popup.evaluate(() => window.opener)).toBeNull();
  await onGithub(popup, userCode, "authorize");

  // Back on the page: it notices at its next poll and loads the target.
  await expect(page).toHaveURL(/\/settings\/security$/, { timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
  expect(await violations()).toEqual([]);
});

test("cancelled on GitHub: says so, and a new code starts again", async ({ page }) => {
  test.slow();
  const userCode = await startOnDevicePage(page);
  const [popup] = await Promise.all([
    page.waitForEvent("popup"),
    page.getByRole("link", { name: /Open GitHub/ }).click(),
  ]);
  await onGithub(popup, userCode, "cancel");
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("GitHub says the request was cancelled", { timeout: 20_000 });
  await expect(alert).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Get a new code" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator(".device-code")).toHaveText(/^[B-Z]{4}-[B-Z]{4}$/);
  await expect(page.locator(".device-code")).not.toHaveText(userCode);
});

test("a code that runs out: says so, and offers a new one", async ({ page, mock }) => {
  test.slow();
  await startOnDevicePage(page);
  await mock.advanceClock(15 * 60 * 1000);
  await expect(page.getByRole("alert")).toContainText("The code ran out", { timeout: 20_000 });
  await expect(page.getByRole("button", { name: "Get a new code" })).toBeVisible();
});

test("narrow and dark: the code and the steps fit", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 320, height: 700 });
  await startOnDevicePage(page);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
});
