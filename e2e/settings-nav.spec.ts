// The security page as one of Coder's account settings pages: Coder's settings navigation around
// it (plain links, a full page load to Coder's pages), and the user's theme from the very first
// frame, so that coming from Coder's settings doesn't flash another theme. The signed-out pages
// show Coder's default theme and mark, as Coder's own sign-in page does.
import type { Page } from "@playwright/test";
import {
  accounts,
  CODER_OWN_PAGES,
  expect,
  expectNoAxeViolations,
  signIn,
  test,
} from "./fixtures.ts";

/** styles.css's page backgrounds. */
const DARK_BG = "#0b0f19";
const LIGHT_BG = "#f6f7f9";

/** The settings pages every deployment has (no licence, experiment or newer build needed), in Coder's order. */
const EVERY_DEPLOYMENTS_ITEMS = [
  "Account",
  "Appearance",
  "External Authentication",
  "Security",
  "SSH Keys",
  "Tokens",
  "Notifications",
];

const settingsNav = (page: Page) => page.getByRole("navigation", { name: "Account settings" });

/**
 * Records, from before any of the page's own scripts, the theme of the first frame the browser
 * renders (animation frame callbacks run with each rendering, and not while the page's
 * render-blocking script and stylesheet hold it) and every theme the page shows afterwards.
 */
async function watchFrames(page: Page) {
  await page.addInitScript(() => {
    const record = { first: "", seen: [] as string[] };
    const theme = () => getComputedStyle(document.documentElement).getPropertyValue("--bg").trim();
    (window as unknown as { themeRecord: typeof record }).themeRecord = record;
    const firstFrame = () => {
      if (!document.documentElement) return requestAnimationFrame(firstFrame);
      record.first = theme();
      record.seen.push(record.first);
    };
    requestAnimationFrame(firstFrame);
    // On the document: the init script runs before <html> is parsed.
    new MutationObserver(() => {
      if (record.first) record.seen.push(theme());
    }).observe(document, { attributes: true, attributeFilter: ["data-theme"], subtree: true });
  });
  return async () =>
    page.evaluate(
      () => (window as unknown as { themeRecord: { first: string; seen: string[] } }).themeRecord,
    );
}

/** Sets the signed-in user's theme the way Coder's Appearance page does. */
async function preferTheme(page: Page, theme_preference: string) {
  const session = (await page.context().cookies()).find((c) => c.name === "coder_session_token");
  expect(session).toBeDefined();
  const response = await page.request.put("/api/v2/users/me/appearance", {
    headers: { "Coder-Session-Token": session?.value ?? "" },
    data: { theme_preference, terminal_font: "geist-mono" },
  });
  expect(response.status()).toBe(200);
}

async function openSecurity(page: Page) {
  await page.goto("/settings/security");
  // Not prerendered (it needs the account): the app has to start first, on a busy machine too.
  await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByLabel("Current password")).toBeVisible();
}

test.describe("Coder's account settings navigation", () => {
  test("surrounds the security page, which it marks as current, and leaves for Coder's pages with a full load", async ({
    page,
  }) => {
    await signIn(page, accounts.member);
    await openSecurity(page);
    const nav = settingsNav(page);
    await expect(nav.getByRole("link")).toHaveText(EVERY_DEPLOYMENTS_ITEMS);
    await expect(nav.getByRole("link", { name: "Security" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);

    // A marker in this document: a full page load forgets it, in-app navigation would not.
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    await nav.getByRole("link", { name: "Account" }).click();
    await expect(page).toHaveURL(/\/settings\/account$/);
    // Coder's page (the mock's stand-in for it), in a new document.
    await expect(page.getByRole("heading", { level: 1, name: CODER_OWN_PAGES })).toBeVisible();
    expect(
      await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
    ).toBeUndefined();
  });

  test("works from the keyboard: Tab reaches each item, Enter follows it", async ({ page }) => {
    await signIn(page, accounts.member);
    await openSecurity(page);
    const nav = settingsNav(page);
    await nav.getByRole("link", { name: "Account" }).focus();
    const reached: string[] = [];
    for (let i = 0; i < EVERY_DEPLOYMENTS_ITEMS.length; i++) {
      reached.push(await page.evaluate(() => document.activeElement?.textContent ?? ""));
      await page.keyboard.press("Tab");
    }
    expect(reached).toEqual(EVERY_DEPLOYMENTS_ITEMS);
    await nav.getByRole("link", { name: "Tokens" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/settings\/tokens$/);
  });

  test("fits a 375 px phone: one row that scrolls sideways, this page's item in view, nothing wider than the screen", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await signIn(page, accounts.member);
    await openSecurity(page);
    const nav = settingsNav(page);
    const security = nav.getByRole("link", { name: "Security" });
    await expect(security).toBeInViewport({ ratio: 1 });
    const boxes = await nav
      .getByRole("link")
      .evaluateAll((links) => links.map((link) => link.getBoundingClientRect().top));
    expect(new Set(boxes).size).toBe(1);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    // The last item comes into view when it gets focus.
    await nav.getByRole("link", { name: "Notifications" }).focus();
    await expect(nav.getByRole("link", { name: "Notifications" })).toBeInViewport({ ratio: 1 });
    await expectNoAxeViolations(page);
  });
});

test.describe("the user's theme", () => {
  test("a dark preference: /settings/security is dark from the first frame, even where the system is light", async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await signIn(page, accounts.member);
    await preferTheme(page, "dark");
    const frames = await watchFrames(page);
    await openSecurity(page);
    const record = await frames();
    expect(record.first).toBe(DARK_BG);
    expect(new Set(record.seen)).toEqual(new Set([DARK_BG]));
    await expectNoAxeViolations(page);
  });

  test("a light preference: after one visit, the page is light from the first frame (no flash of Coder's dark default)", async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await signIn(page, accounts.member);
    await preferTheme(page, "light");
    await openSecurity(page);
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");

    // Back from Coder's settings (a full page load), as after changing a setting there.
    await settingsNav(page).getByRole("link", { name: "Appearance" }).click();
    await expect(page).toHaveURL(/\/settings\/appearance$/);
    await expect(page.getByRole("heading", { level: 1, name: CODER_OWN_PAGES })).toBeVisible();
    const frames = await watchFrames(page);
    await page.getByRole("link", { name: "Account security" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible({
      timeout: 15_000,
    });
    const record = await frames();
    expect(record.first).toBe(LIGHT_BG);
    expect(new Set(record.seen)).toEqual(new Set([LIGHT_BG]));
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      "rgb(246, 247, 249)",
    );
    await expectNoAxeViolations(page);
  });

  test("auto follows the system", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await signIn(page, accounts.member);
    await preferTheme(page, "auto");
    await openSecurity(page);
    await expect(page.locator("html")).toHaveAttribute("data-theme", "auto");
    const background = () =>
      page.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue("--bg").trim(),
      );
    expect(await background()).toBe(LIGHT_BG);
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await background()).toBe(DARK_BG);
  });
});

test.describe("the signed-out pages look like Coder's sign-in page", () => {
  test("Coder's default theme, dark, from the first frame whatever the system says, and Coder's mark", async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: "light" });
    const frames = await watchFrames(page);
    await page.goto("/login");
    await page.waitForFunction(() => document.querySelector("[data-prerendered]") === null);
    const record = await frames();
    expect(record.first).toBe(DARK_BG);
    expect(new Set(record.seen)).toEqual(new Set([DARK_BG]));
    const mark = page.getByRole("banner").locator(".coder-mark");
    await expect(mark).toBeVisible();
    expect(await mark.evaluate((el) => getComputedStyle(el).maskImage)).toContain("data:image/svg");
    await expect(page.getByRole("banner")).toHaveText("Coder");
    await expectNoAxeViolations(page);
  });
});
