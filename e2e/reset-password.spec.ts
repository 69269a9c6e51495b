import type { Locator, Page } from "@playwright/test";
import {
  accounts,
  expect,
  expectDashboard,
  expectNoAxeViolations,
  type MockControl,
  PASSWORD,
  test,
} from "./fixtures.ts";

const NEW_PASSWORD = "Correct-Horse-Battery-Staple-42";
const OTHER_PASSWORD = "Another-Strong-Passphrase-77";
const WEAK_PASSWORD = "password1";
const RATE_LIMITED = "You've been rate limited for sending more than 60 requests in 1m0s.";

const coderError = (status: number, message: string, headers: Record<string, string> = {}) => ({
  status,
  headers,
  contentType: "application/json; charset=utf-8",
  body: `${JSON.stringify({ message })}\n`,
});

/**
 * Waits until the app has taken over from the prerendered static page. A click before that lands
 * on static HTML (a native form submission), which is not what these tests are about.
 */
async function appReady(page: Page) {
  await page.waitForFunction(() => document.querySelector("[data-prerendered]") === null);
}

async function open(page: Page, url: string) {
  await page.goto(url);
  await appReady(page);
}

/** Every API call the page makes to one endpoint, by path. */
function watchRequests(page: Page, path: string): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === `/api/v2${path}`) seen.push(request.method());
  });
  return seen;
}

async function requestCode(page: Page, email: string) {
  await open(page, "/reset-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
}

async function latestMail(mock: MockControl, email: string) {
  const mail = (await mock.mail()).filter((m) => m.to === email);
  const latest = mail.at(-1);
  if (!latest) throw new Error(`no mail to ${email}`);
  return latest;
}

const newPassword = (page: Page) => page.getByLabel("New password", { exact: true });
const confirmPassword = (page: Page) => page.getByLabel("Confirm new password", { exact: true });

async function fillPasswords(page: Page, password: string) {
  await newPassword(page).fill(password);
  await confirmPassword(page).fill(password);
}

const changeButton = (page: Page) => page.getByRole("button", { name: "Change password" });

async function expectSignInFails(page: Page, email: string, password: string) {
  await page.context().clearCookies();
  await open(page, "/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Incorrect email or password.")).toBeVisible();
}

/** Presses Tab until `target` has focus (at most `limit` times): the keyboard-only way there. */
async function tabTo(page: Page, target: Locator, limit = 12) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error("never reached the element with Tab");
}

/** The outline an element wears now (its focus ring, when focused). */
const outlineOf = (locator: Locator) =>
  locator.evaluate((element) => getComputedStyle(element).outlineStyle);

test.describe("forgot password", () => {
  test("request a code, open the mailed link, set a new password, sign in with it", async ({
    page,
    mock,
  }) => {
    const changes = watchRequests(page, "/users/otp/change-password");
    await requestCode(page, accounts.member);
    await expect(page.getByRole("status")).toContainText(
      `If an account uses ${accounts.member}, a one-time code is on its way`,
    );
    await expect(
      page.getByText(/works for 20 minutes, and only the newest one works/),
    ).toBeVisible();

    const mail = await latestMail(mock, accounts.member);
    expect(mail.link).toBe(
      `/reset-password/change?otp=${mail.otp}&email=${encodeURIComponent(accounts.member)}`,
    );
    await open(page, mail.link);
    await expect(
      page.getByRole("heading", { level: 1, name: "Choose a new password" }),
    ).toBeVisible();
    await expect(page.getByText(`For the account ${accounts.member}.`)).toBeVisible();
    expect(await page.evaluate(() => location.href)).not.toContain(mail.otp);

    // Too weak: the rule says so while typing, and nothing is sent.
    await newPassword(page).fill(WEAK_PASSWORD);
    await expect(page.getByText("Too easy to guess.")).toBeVisible();
    await confirmPassword(page).fill(WEAK_PASSWORD);
    await changeButton(page).click();
    await expect(page.getByText(/This password is too easy to guess/)).toBeVisible();
    await expect(newPassword(page)).toBeFocused();
    expect(changes).toEqual([]);

    await fillPasswords(page, NEW_PASSWORD);
    await changeButton(page).click();
    await expect(page).toHaveURL(/\/login\?message=password-changed$/);
    await expect(
      page.getByText("Your password has been changed. Sign in with your new password."),
    ).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(accounts.member);
    expect(changes).toEqual(["POST"]);

    await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expectDashboard(page);

    await expectSignInFails(page, accounts.member, PASSWORD);
  });

  test("the passcode leaves the address bar and history at once", async ({ page, mock }) => {
    await requestCode(page, accounts.member);
    const { link, otp } = await latestMail(mock, accounts.member);
    await open(page, link);
    await expect(newPassword(page)).toBeVisible();
    await expect(page).toHaveURL(
      `/reset-password/change?email=${encodeURIComponent(accounts.member)}`,
    );
    expect(await page.evaluate(() => location.href)).not.toContain(otp);
    expect(await page.evaluate(() => JSON.stringify(history.state))).not.toContain(otp);
    expect(await page.content()).not.toContain(otp);

    // Back leaves the page for the one before; Forward returns to an entry without the code.
    await page.goBack();
    await expect(page).toHaveURL(/\/reset-password(\?.*)?$/);
    await page.goForward();
    await appReady(page);
    await expect(page).toHaveURL(
      `/reset-password/change?email=${encodeURIComponent(accounts.member)}`,
    );
    expect(await page.evaluate(() => location.href)).not.toContain(otp);
    // A reload (or a restore) has nothing to read the code from, so it asks for it.
    await page.reload();
    await appReady(page);
    await expect(page.getByLabel("One-time code")).toBeVisible();
    await expect(page.getByLabel("One-time code")).toHaveValue("");
  });

  test("the link works once; a new code is one click away and the passwords stay", async ({
    page,
    mock,
  }) => {
    // The browser's clock runs normally, but can skip the resend wait below.
    await page.clock.install();
    await requestCode(page, accounts.member);
    const { link } = await latestMail(mock, accounts.member);
    await open(page, link);
    await fillPasswords(page, NEW_PASSWORD);
    await changeButton(page).click();
    await expect(page).toHaveURL(/\/login\?message=password-changed$/);

    // The same link again.
    await open(page, link);
    await fillPasswords(page, OTHER_PASSWORD);
    await changeButton(page).click();
    // One sentence on the code's own field, which is shown, marked and focused.
    const code = page.getByLabel("One-time code");
    await expect(code).toBeFocused();
    await expect(code).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(/^This code doesn't work: .*already used/)).toBeVisible();
    await expect(page.getByRole("alert")).toHaveCount(0);
    await expect(newPassword(page)).toHaveValue(OTHER_PASSWORD);
    await expect(confirmPassword(page)).toHaveValue(OTHER_PASSWORD);
    await expectNoAxeViolations(page);

    // The code was requested moments ago in this tab: a new one only after the minute.
    await expect(page.getByText(/sent to this address less than a minute ago/)).toBeVisible();
    const newCode = page.getByRole("button", { name: "Email me a code" });
    await expect(newCode).toHaveAttribute("aria-disabled", "true");
    await page.clock.fastForward("01:01");
    await newCode.click();
    await expect(
      page.getByRole("status").filter({ hasText: "a new code is on its way" }),
    ).toContainText(accounts.member);
    const fresh = await latestMail(mock, accounts.member);
    expect((await mock.mail()).length).toBe(2);
    await page.getByLabel("One-time code").fill(fresh.otp);
    await expect(newPassword(page)).toHaveValue(OTHER_PASSWORD);
    await changeButton(page).click();
    await expect(page).toHaveURL(/\/login\?message=password-changed$/);

    await page.getByLabel("Password", { exact: true }).fill(OTHER_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expectDashboard(page);
  });

  test("an expired code is refused, with a way to get a new one", async ({ page, mock }) => {
    await requestCode(page, accounts.member);
    const { link } = await latestMail(mock, accounts.member);
    await mock.advanceClock(21 * 60 * 1000);
    await open(page, link);
    await fillPasswords(page, NEW_PASSWORD);
    await changeButton(page).click();
    await expect(page.getByText(/more than 20 minutes old/)).toBeVisible();
    // Requested moments ago in this tab, so the one-click resend is there, waiting its minute.
    await expect(page.getByRole("button", { name: "Email me a code" })).toHaveAttribute(
      "aria-disabled",
      "true",
    );
    await expectSignInFails(page, accounts.member, NEW_PASSWORD);
  });

  test("an unknown address gets the same screen as a known one", async ({ page, mock }) => {
    await requestCode(page, accounts.member);
    const known = (await page.getByRole("main").innerText()).replaceAll(accounts.member, "<email>");
    await requestCode(page, "nobody@example.com");
    const unknown = (await page.getByRole("main").innerText()).replaceAll(
      "nobody@example.com",
      "<email>",
    );
    expect(unknown).toBe(known);
    expect((await mock.mail()).map((m) => m.to)).toEqual([accounts.member]);
  });

  test("the code typed by hand, with spaces and capitals", async ({ page, mock }) => {
    await requestCode(page, accounts.member);
    const { otp } = await latestMail(mock, accounts.member);
    await page.getByRole("link", { name: "Enter the code here" }).click();
    const code = page.getByLabel("One-time code");
    await expect(code).toHaveAttribute("autocomplete", "one-time-code");
    await code.fill(`  ${otp.slice(0, 13).toUpperCase()}  ${otp.slice(13)} `);
    await fillPasswords(page, NEW_PASSWORD);
    await changeButton(page).click();
    await expect(page).toHaveURL(/\/login\?message=password-changed$/);
    await expect(page.getByLabel("Email")).toHaveValue(accounts.member);
  });

  test("a link without otp asks for the code, and checks it before sending", async ({ page }) => {
    const changes = watchRequests(page, "/users/otp/change-password");
    await open(page, `/reset-password/change?email=${encodeURIComponent(accounts.member)}`);
    const code = page.getByLabel("One-time code");
    await expect(code).toBeVisible();
    await fillPasswords(page, NEW_PASSWORD);
    await changeButton(page).click();
    await expect(page.getByText("Enter the code from the email.")).toBeVisible();
    await expect(code).toBeFocused();
    await code.fill("1234-abcd");
    await changeButton(page).click();
    await expect(page.getByText(/That isn't a whole code/)).toBeVisible();
    expect(changes).toEqual([]);
    await expectNoAxeViolations(page);
  });

  test("a link without email asks for the address and says why", async ({ page, mock }) => {
    await requestCode(page, accounts.member);
    const { otp } = await latestMail(mock, accounts.member);
    await open(page, `/reset-password/change?otp=${otp}`);
    await expect(page.getByText("This link doesn't say which account it's for.")).toBeVisible();
    expect(await page.evaluate(() => location.href)).not.toContain(otp);
    await page.getByLabel("Email").fill(accounts.member);
    await fillPasswords(page, NEW_PASSWORD);
    await changeButton(page).click();
    await expect(page).toHaveURL(/\/login\?message=password-changed$/);
  });

  test("typing a new password on a phone: what follows the field stays put as the advice changes", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await open(page, "/reset-password/change?email=member%40coder.com&otp=123456");
    const tops = new Set<number>();
    await newPassword(page).click();
    await page.keyboard.type("C");
    // While refused ("Too easy to guess.", "Too short.") the advice changes on every key.
    for (const key of "orrect-Horse-42") {
      await page.keyboard.type(key);
      // After the advice has had its say on this key.
      await page.waitForTimeout(50);
      if ((await page.locator(".strength.refused").count()) === 0) break;
      tops.add(Math.round((await confirmPassword(page).boundingBox())?.y ?? -1));
    }
    // It keeps room for its longest advice but one line.
    expect(tops.size, [...tops].join(", ")).toBeLessThanOrEqual(2);
  });

  // Issue 21: about 45 px of blank sat under "Strong." (room for advice it never has).
  test("an accepted password keeps no empty lines under its verdict", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await open(page, "/reset-password/change?email=member%40coder.com&otp=123456");
    await newPassword(page).fill("correct-horse-battery-staple-42-Zebra!");
    const verdict = page.locator(".strength > p").first();
    await expect(verdict).toHaveText("Strong.");
    // From the words' last line (not the paragraph's box, which may keep room) to what follows.
    const gap = await verdict.evaluate((paragraph) => {
      const range = document.createRange();
      range.selectNodeContents(paragraph);
      const words = range.getBoundingClientRect();
      const figures = paragraph.parentElement?.querySelector("summary")?.getBoundingClientRect();
      return (figures?.top ?? 0) - words.bottom;
    });
    expect(gap).toBeLessThan(10);
  });

  test("the tab still saying 'Check your email' hears when the link was used in another", async ({
    page,
    mock,
  }) => {
    await requestCode(page, accounts.member);
    const { link } = await latestMail(mock, accounts.member);
    const other = await page.context().newPage();
    await open(other, link);
    await fillPasswords(other, NEW_PASSWORD);
    await changeButton(other).click();
    await expect(other).toHaveURL(/\/login\?message=password-changed$/);

    const news = page.getByRole("status").filter({ hasText: "changed in another tab" });
    await expect(news).toBeVisible();
    await news.getByRole("link", { name: "Sign in" }).click();
    await expect(page.getByRole("textbox", { name: "Email" })).toHaveValue(accounts.member);
    await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expectDashboard(page);
  });

  test("the change form can be completed with the keyboard alone", async ({ page, mock }) => {
    await requestCode(page, accounts.member);
    const { link } = await latestMail(mock, accounts.member);
    await open(page, link);
    await expect(newPassword(page)).toBeVisible();
    await tabTo(page, newPassword(page));
    await page.keyboard.type(NEW_PASSWORD);
    await tabTo(page, confirmPassword(page));
    await page.keyboard.type(NEW_PASSWORD);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/login\?message=password-changed$/);
  });

  test("the request form can be completed with the keyboard alone", async ({ page }) => {
    await open(page, "/reset-password");
    const email = page.getByLabel("Email");
    await tabTo(page, email);
    await page.keyboard.type(accounts.member);
    await tabTo(page, page.getByRole("button", { name: "Email me a code" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
    await expect(page.getByRole("status")).toBeFocused();
    // A message is read from, not typed into: no control's ring, even from the keyboard.
    expect(await outlineOf(page.getByRole("status"))).toBe("none");
  });

  test("with a pointer, the message takes focus without wearing a control's ring", async ({
    page,
  }) => {
    await open(page, "/reset-password");
    await page.getByLabel("Email").fill(accounts.member);
    await page.getByRole("button", { name: "Email me a code" }).click();
    const sent = page.getByRole("status");
    await expect(sent).toBeFocused();
    expect(await outlineOf(sent)).toBe("none");
  });

  test("the address comes along from the sign-in page", async ({ page }) => {
    await open(page, "/login");
    await page.getByLabel("Email").fill(accounts.member);
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Reset your password" }),
    ).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(accounts.member);
    await expect(page.getByLabel("Email")).toHaveAttribute("autocomplete", "email");
  });

  test("the resend wait is shown and survives a reload", async ({ page }) => {
    const requests = watchRequests(page, "/users/otp/request");
    await requestCode(page, accounts.member);
    const resend = page.getByRole("button", { name: "Email me a code" });
    await expect(resend).toHaveAttribute("aria-disabled", "true");
    await expect(resend).toHaveText(/^Email me a code\(\d+ s\)$/);
    await resend.click({ force: true });
    await page.reload();
    await appReady(page);
    await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Email me a code" })).toHaveText(
      /^Email me a code\(\d+ s\)$/,
    );
    expect(requests).toEqual(["POST"]);
    // Nothing secret was stored: a time per (hashed) address.
    const stored = await page.evaluate(() =>
      JSON.stringify({ ...sessionStorage, ...localStorage }),
    );
    expect(stored).not.toContain(accounts.member);
  });
});

test.describe("forgot password: accessibility", () => {
  for (const scheme of ["light", "dark"] as const) {
    test(`both pages and their alerts pass axe (${scheme})`, async ({ page, mock }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await open(page, "/reset-password");
      await expect(page.getByLabel("Email")).toBeVisible();
      await expectNoAxeViolations(page);

      await page.getByRole("button", { name: "Email me a code" }).click();
      await expect(page.getByText("Enter your email address.")).toBeVisible();
      await expectNoAxeViolations(page);

      await page.route("**/api/v2/users/otp/request", (route) =>
        route.fulfill(coderError(500, "Internal error.")),
      );
      await page.getByLabel("Email").fill(accounts.member);
      await page.getByRole("button", { name: "Email me a code" }).click();
      await expect(page.getByRole("alert")).toBeVisible();
      await expectNoAxeViolations(page);
      await page.unroute("**/api/v2/users/otp/request");

      await page.getByRole("button", { name: "Email me a code" }).click();
      await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
      await expectNoAxeViolations(page);

      const { link } = await latestMail(mock, accounts.member);
      await open(page, link);
      await expect(newPassword(page)).toBeVisible();
      await expectNoAxeViolations(page);
      await newPassword(page).fill(WEAK_PASSWORD);
      await changeButton(page).click();
      await expect(page.getByText(/This password is too easy to guess/)).toBeVisible();
      await expectNoAxeViolations(page);

      await open(page, "/reset-password/change");
      await expect(page.getByLabel("One-time code")).toBeVisible();
      await expectNoAxeViolations(page);
    });
  }
});

test.describe("forgot password: failures", () => {
  test("password sign-in turned off: 403 on request, and said up front on the next visit", async ({
    page,
    mock,
  }) => {
    await open(page, "/reset-password");
    await page.getByLabel("Email").fill(accounts.member);
    await mock.setConfig({ passwordAuth: false });
    await page.getByRole("button", { name: "Email me a code" }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("Password sign-in is turned off for this deployment");
    await expect(alert).toBeFocused();
    await expect(page.getByLabel("Email")).toHaveValue(accounts.member);
    await expectNoAxeViolations(page);

    await page.reload();
    await appReady(page);
    await expect(page.getByText(/Password sign-in is turned off/)).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveCount(0);
  });

  test("password sign-in turned off: 403 on change keeps the passwords", async ({ page, mock }) => {
    await requestCode(page, accounts.member);
    const { link } = await latestMail(mock, accounts.member);
    await open(page, link);
    await fillPasswords(page, NEW_PASSWORD);
    await mock.setConfig({ passwordAuth: false });
    await changeButton(page).click();
    await expect(page.getByRole("alert")).toContainText(
      "Password sign-in is turned off for this deployment",
    );
    await expect(newPassword(page)).toHaveValue(NEW_PASSWORD);
    await expect(confirmPassword(page)).toHaveValue(NEW_PASSWORD);
  });

  test("429 on request: a countdown from Retry-After, the address kept, then it works", async ({
    page,
  }) => {
    await page.route("**/api/v2/users/otp/request", (route) =>
      route.fulfill(coderError(429, RATE_LIMITED, { "Retry-After": "5" })),
    );
    await open(page, "/reset-password");
    await page.getByLabel("Email").fill(accounts.member);
    await page.getByRole("button", { name: "Email me a code" }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toHaveText("Too many attempts. You can try again in 5 seconds.");
    const submit = page.getByRole("button", { name: "Email me a code" });
    await expect(submit).toHaveAttribute("aria-disabled", "true");
    await expect(submit).toHaveText(/^Email me a code\([1-5] s\)$/);
    await expect(page.getByLabel("Email")).toHaveValue(accounts.member);
    await expect(alert).toContainText("you can try again now.", { timeout: 7_000 });
    await page.unroute("**/api/v2/users/otp/request");
    await page.getByRole("button", { name: "Email me a code" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  });

  test("429 on change: a countdown, passwords kept, no resubmit meanwhile", async ({
    page,
    mock,
  }) => {
    await requestCode(page, accounts.member);
    const { link } = await latestMail(mock, accounts.member);
    const changes = watchRequests(page, "/users/otp/change-password");
    await page.route("**/api/v2/users/otp/change-password", (route) =>
      route.fulfill(coderError(429, RATE_LIMITED, { "Retry-After": "5" })),
    );
    await open(page, link);
    await fillPasswords(page, NEW_PASSWORD);
    await changeButton(page).click();
    await expect(page.getByRole("alert")).toContainText("You can try again in 5 seconds.");
    // Pressed during the wait (force: Playwright won't press an aria-disabled button itself).
    await expect(changeButton(page)).toHaveAttribute("aria-disabled", "true");
    await changeButton(page).click({ force: true });
    expect(changes).toEqual(["POST"]);
    await expect(newPassword(page)).toHaveValue(NEW_PASSWORD);
    await page.unroute("**/api/v2/users/otp/change-password");
    await expect(changeButton(page)).not.toHaveAttribute("aria-disabled", { timeout: 7_000 });
    await changeButton(page).click();
    await expect(page).toHaveURL(/\/login\?message=password-changed$/);
  });

  test("lost network: a clear message, values kept, and a retry works", async ({ page, mock }) => {
    await page.route("**/api/v2/users/otp/request", (route) => route.abort());
    await open(page, "/reset-password");
    await page.getByLabel("Email").fill(accounts.member);
    await page.getByRole("button", { name: "Email me a code" }).click();
    await expect(page.getByRole("alert")).toHaveText(
      "Can't reach the server. Check your connection and try again.",
    );
    await expect(page.getByLabel("Email")).toHaveValue(accounts.member);
    await page.unroute("**/api/v2/users/otp/request");
    await page.getByRole("button", { name: "Email me a code" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();

    const { link } = await latestMail(mock, accounts.member);
    await page.route("**/api/v2/users/otp/change-password", (route) => route.abort());
    await open(page, link);
    await fillPasswords(page, NEW_PASSWORD);
    await changeButton(page).click();
    await expect(page.getByRole("alert")).toHaveText(
      "Can't reach the server. Check your connection and try again.",
    );
    await expect(newPassword(page)).toHaveValue(NEW_PASSWORD);
    await page.unroute("**/api/v2/users/otp/change-password");
    await changeButton(page).click();
    await expect(page).toHaveURL(/\/login\?message=password-changed$/);
  });

  test("server error: our words, not 'Internal error.'", async ({ page }) => {
    await page.route("**/api/v2/users/otp/request", (route) =>
      route.fulfill(coderError(500, "Internal error.")),
    );
    await open(page, "/reset-password");
    await page.getByLabel("Email").fill(accounts.member);
    await page.getByRole("button", { name: "Email me a code" }).click();
    await expect(page.getByRole("alert")).toHaveText(
      "Something went wrong on the server. Try again in a moment.",
    );
    await expect(page.getByLabel("Email")).toHaveValue(accounts.member);
  });
});
