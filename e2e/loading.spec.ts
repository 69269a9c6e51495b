// What the pages download: only what they use, and nothing meant for us alone.
import type { Page } from "@playwright/test";
import { accounts, expect, signIn, test } from "./fixtures.ts";

/** Every script the page downloads, with its text. */
function collectScripts(page: Page) {
  const pending: Array<Promise<{ url: string; text: string }>> = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script")
      pending.push(response.text().then((text) => ({ url: response.url(), text })));
  });
  return () => Promise.all(pending);
}

/** The static page's submit button is disabled until the app has taken over. */
async function appRunning(page: Page) {
  await expect(page.locator('form button[type="submit"]')).toBeEnabled({ timeout: 15_000 });
  await page.waitForLoadState("networkidle");
}

// Part of Coder's advice for a weak password, which only the rule itself (src/password) builds.
const PASSWORD_RULE = "including more special characters";

test("signing in or asking for a reset code never downloads the password rule", async ({
  page,
}) => {
  const scripts = collectScripts(page);
  await signIn(page, accounts.member);
  await page.waitForLoadState("networkidle");
  await page.goto("/reset-password");
  await appRunning(page);
  const downloaded = await scripts();
  expect(downloaded.length).toBeGreaterThan(0);
  expect(downloaded.filter((s) => s.text.includes(PASSWORD_RULE)).map((s) => s.url)).toEqual([]);
});

test("choosing a new password does download it (for the live strength check)", async ({ page }) => {
  const scripts = collectScripts(page);
  await page.goto("/reset-password/change?otp=3f1c2a9e-5b7d-4e2f-9a1b-6c8d0e2f4a6b");
  await appRunning(page);
  expect((await scripts()).some((s) => s.text.includes(PASSWORD_RULE))).toBe(true);
});

test("source maps are neither referenced nor served", async ({ page, request }) => {
  const scripts = collectScripts(page);
  await page.goto("/login");
  await appRunning(page);
  const downloaded = await scripts();
  expect(downloaded.length).toBeGreaterThan(0);
  for (const script of downloaded) {
    expect(script.text, script.url).not.toContain("sourceMappingURL");
    expect((await request.get(`${script.url}.map`)).status(), `${script.url}.map`).toBe(404);
  }
});
