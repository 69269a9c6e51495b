// /cli-auth: `coder login` opens it to get a session token for the terminal.
import { accounts, expect, expectNoAxeViolations, PASSWORD, test } from "./fixtures.ts";
import { signInByApi, tabTo, watchCsp } from "./helpers.ts";

const TOKEN = /^[0-9A-Za-z]{10}-[0-9A-Za-z]{22}$/;

test("signed out: sign in with the keyboard, come back, copy a token that works for the CLI", async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const keyRequests: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/api/v2/users/me/keys"))
      keyRequests.push(r.url());
  });
  await page.goto("/cli-auth");
  await expect(page).toHaveURL(/\/login\?redirect=%2Fcli-auth$/);
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(accounts.member);
  await tabTo(page, page.getByLabel("Password", { exact: true }));
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/cli-auth$/);
  const field = page.getByLabel("Session token");
  await expect(field).toHaveValue(TOKEN);
  await expect(field).toHaveAttribute("readonly", "");
  const token = await field.inputValue();
  await expect(page.getByText(/paste it into your terminal/)).toBeVisible();

  await tabTo(page, page.getByRole("button", { name: "Copy" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

  // The CLI sends it as a header, with no cookie.
  const me = await request.get("/api/v2/users/me", { headers: { "Coder-Session-Token": token } });
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe(accounts.member);
  expect(keyRequests).toHaveLength(1);
});

test("the token never reaches the URL, history, storage, cookies or the console", async ({
  page,
}) => {
  const consoleLines: string[] = [];
  page.on("console", (message) => consoleLines.push(message.text()));
  await signInByApi(page, accounts.member);
  await page.goto("/cli-auth");
  const token = await page.getByLabel("Session token").inputValue();
  expect(token).toMatch(TOKEN);
  const traces = await page.evaluate(() =>
    JSON.stringify({
      url: location.href,
      history: history.state,
      local: { ...localStorage },
      session: { ...sessionStorage },
      cookie: document.cookie,
      title: document.title,
    }),
  );
  expect(traces).not.toContain(token);
  const cookies = await page.context().cookies();
  expect(cookies.map((c) => c.value)).not.toContain(token);
  expect(consoleLines.join("\n")).not.toContain(token);
});

test("copying refused: the token is selected and the keys to press are given", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "clipboard", {
      value: { writeText: () => Promise.reject(new DOMException("denied", "NotAllowedError")) },
    });
    document.execCommand = () => false;
  });
  await signInByApi(page, accounts.member);
  await page.goto("/cli-auth");
  const field = page.getByLabel("Session token");
  await expect(field).toHaveValue(TOKEN);
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByRole("status")).toContainText("press Ctrl+C (⌘C on a Mac)");
  await expect(field).toBeFocused();
  const selection = await field.evaluate((el: HTMLInputElement) => [
    el.selectionStart,
    el.selectionEnd,
    el.value.length,
  ]);
  expect(selection).toEqual([0, selection[2], selection[2]]);
});

test("without the Clipboard API (plain http), the copy command still copies", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "clipboard", { value: undefined });
  });
  await signInByApi(page, accounts.member);
  await page.goto("/cli-auth");
  const token = await page.getByLabel("Session token").inputValue();
  const after = page.locator("main .field + *").first();
  const before = await after.boundingBox();
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByRole("status")).toHaveText("Copied");
  // Said in room kept for it: what follows the token stays where it was.
  expect((await after.boundingBox())?.y).toBe(before?.y);
  // Read the system clipboard back through the API the page was denied.
  const copied = await page.evaluate(() => {
    const getter = Object.getOwnPropertyDescriptor(Navigator.prototype, "clipboard")?.get;
    if (!getter) throw new Error("this browser has no Clipboard API at all");
    return (getter.call(navigator) as Clipboard).readText();
  });
  expect(copied).toBe(token);
});

test("is prerendered as a card that waits, then is axe clean and CSP clean with the token", async ({
  page,
}) => {
  const violations = await watchCsp(page);
  await signInByApi(page, accounts.member);
  const response = await page.goto("/cli-auth");
  const html = (await response?.text()) ?? "";
  expect(html).toContain("Sign in to the Coder CLI");
  expect(html).toContain("Making a session token for the CLI");
  await expect(page.getByLabel("Session token")).toHaveValue(TOKEN);
  await expect(page).toHaveTitle("CLI sign-in · Coder");
  await expect(page.getByRole("main")).toHaveCount(1);
  await page.getByRole("button", { name: "Copy" }).click();
  await expectNoAxeViolations(page);
  await page.waitForLoadState("networkidle");
  expect(await violations()).toEqual([]);
});

test("a failure to make the token says so, and trying again works", async ({ page }) => {
  await signInByApi(page, accounts.member);
  await page.route("**/api/v2/users/me/keys", (route) =>
    route.fulfill({
      status: 500,
      contentType: "application/json",
      body: '{"message":"Failed to create API key.","detail":"insert API key: boom"}',
    }),
  );
  await page.goto("/cli-auth");
  await expect(page.getByRole("alert")).toContainText("Failed to create API key.");
  await expectNoAxeViolations(page);
  await page.unroute("**/api/v2/users/me/keys");
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByLabel("Session token")).toHaveValue(TOKEN);
});
