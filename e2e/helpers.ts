// Small helpers the specs share.
import type { Locator, Page } from "@playwright/test";
import { expect, PASSWORD } from "./fixtures.ts";

/** Record every CSP violation the page reports, from before any script of the page runs. */
export async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return async () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

/** Press Tab until `target` has focus (keyboard-only flows), failing after `max` presses. */
export async function tabTo(page: Page, target: Locator, max = 25) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

/** Sign in over the API (the page's context shares the cookie), not through any page. */
export async function signInByApi(page: Page, email: string, password = PASSWORD) {
  const response = await page.request.post("/api/v2/users/login", { data: { email, password } });
  expect(response.status()).toBe(201);
}

/** Who the browser's session belongs to, asked over the API. */
export async function whoAmI(page: Page): Promise<Record<string, unknown> | number> {
  const response = await page.request.get("/api/v2/users/me");
  return response.ok() ? response.json() : response.status();
}

/** Console errors and page errors of a page the fixture doesn't watch (a second tab). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !/^Failed to load resource/.test(message.text()))
      errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/**
 * Coder's "Sign out" in its dashboard (the mock's stand-in): the user menu, then Sign out, which
 * posts /users/logout and moves to /login in the page, as Coder does.
 */
export async function signOutOfDashboard(page: Page) {
  await page.getByRole("button", { name: "User menu" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
}
