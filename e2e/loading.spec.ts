// What the pages download: only what they use, and nothing meant for us alone.
import type { Page } from "@playwright/test";
import {
  accounts,
  expect,
  expectDashboard,
  expectNoAxeViolations,
  PASSWORD,
  signIn,
  test,
  waitForApp,
  watchLayoutShifts,
} from "./fixtures.ts";

/** Every script the page downloads, with its text. */
function collectScripts(page: Page) {
  const pending: Array<Promise<{ url: string; text: string }>> = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script")
      pending.push(response.text().then((text) => ({ url: response.url(), text })));
  });
  return () => Promise.all(pending);
}

/** The app has taken over the prerendered page and fetched what it needs. */
async function appRunning(page: Page) {
  await waitForApp(page);
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
  // With the form's code, on its first use.
  await page.getByRole("textbox", { name: "New password", exact: true }).click();
  // (networkidle would not wait: the page reached it once already.)
  await expect
    .poll(async () => (await scripts()).some((s) => s.text.includes(PASSWORD_RULE)))
    .toBe(true);
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

// Issue 12: a signed-out page's form code (react-hook-form and the form itself) downloads on the
// first interaction with the form, not with the page.
const FORM_LIBRARY = "react-hook-form";

for (const path of [
  "/login",
  "/reset-password",
  "/reset-password/change?otp=3f1c2a9e-5b7d-4e2f-9a1b-6c8d0e2f4a6b&email=member%40coder.com",
  "/setup",
  "/login/device",
]) {
  test(`${path.split("?")[0]} downloads no form code before it is used`, async ({
    page,
    request,
  }) => {
    // /setup is itself only on a deployment nobody has set up.
    if (path === "/setup")
      expect((await request.post("/__mock/reset", { data: { users: "none" } })).status()).toBe(204);
    const scripts = collectScripts(page);
    await page.goto(path);
    await waitForApp(page);
    await page.waitForLoadState("networkidle");
    expect(new URL(page.url()).pathname).toBe(path.split("?")[0]);
    const downloaded = await scripts();
    expect(downloaded.length).toBeGreaterThan(0);
    // The forms chunk is named after the group, and react-hook-form's own code names itself.
    expect(
      downloaded
        .filter((s) => /\/forms-[\w-]+\.js$/.test(s.url) || s.text.includes("useFormContext"))
        .map((s) => s.url),
      FORM_LIBRARY,
    ).toEqual([]);
  });
}

test("typing before the form code arrives is kept, and an early Enter signs in once", async ({
  page,
}) => {
  // Hold the form's code back until the whole sign-in has been typed and Enter pressed.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/auth-ui\/(LoginForm|forms)-[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  const logins: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/api/v2/users/login")) logins.push(request.method());
  });
  await page.goto("/login");
  await waitForApp(page);
  await page.getByLabel("Email").fill(accounts.member);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Password", { exact: true }).press("Enter");
  await page.getByLabel("Password", { exact: true }).press("Enter");
  expect(logins).toEqual([]);
  await expect(page.getByLabel("Email")).toHaveValue(accounts.member);
  release();
  await expectDashboard(page);
  expect(logins).toEqual(["POST"]);
});

// The Tab's key down is the first use, so it starts the download; the code arrives while the key
// is down or just after, and the real form replaces the stand-in. The Tab is the browser's own
// (its default action, which a unit test can only imitate): it must end in the next field.
for (const arrives of ["while the key is down", "after the key is up"] as const)
  test(`a Tab pressed as the sign-in form's code arrives (${arrives}) lands on Password`, async ({
    page,
  }) => {
    const release = await holdRequests(page, /\/auth-ui\/(LoginForm|forms)-[\w-]+\.js$/);
    await page.goto("/login");
    await waitForApp(page);
    const email = page.locator('main input[name="email"]');
    // The page put the cursor there without downloading anything.
    await expect(email).toBeFocused();
    const standIn = await email.elementHandle();
    const loaded = page.waitForResponse(/\/auth-ui\/LoginForm-[\w-]+\.js$/);
    await page.keyboard.down("Tab");
    if (arrives === "while the key is down") {
      release();
      await loaded;
    }
    await page.keyboard.up("Tab");
    if (arrives === "after the key is up") {
      release();
      await loaded;
    }
    await expect.poll(() => standIn?.evaluate((el) => el.isConnected)).toBe(false);
    await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  });

/** Holds back the requests for `url` until `release()`. */
async function holdRequests(page: Page, url: RegExp | string) {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(url, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** Holds the app's code back; the prerendered page is all there is until `release()`. */
const holdApp = (page: Page) => holdRequests(page, /\/auth-ui\/main-[\w-]+\.js$/);

test.describe("Show password before the app has started", () => {
  test("works on the prerendered page, and the app keeps the password shown", async ({ page }) => {
    const release = await holdApp(page);
    await page.goto("/login");
    const password = page.getByLabel("Password", { exact: true });
    await password.fill("secret");
    await page.getByRole("button", { name: "Show password" }).click();
    await expect(password).toHaveAttribute("type", "text");
    await expect(page.locator("#root")).toHaveCount(1);
    release();
    await waitForApp(page);
    await expect(password).toHaveAttribute("type", "text");
    await expect(password).toHaveValue("secret");
    await page.getByRole("button", { name: "Hide password" }).click();
    await expect(password).toHaveAttribute("type", "password");
  });

  test("a click pressed before the app took over and released after still counts", async ({
    page,
    mock,
  }) => {
    // No sign-in providers: the app's copy of the form is where the prerendered one was, so the
    // pointer is still on the button when it comes up.
    await mock.setConfig({ github: false, oidc: false });
    const release = await holdApp(page);
    await page.goto("/login");
    const password = page.getByLabel("Password", { exact: true });
    await password.fill("secret");
    await page.getByRole("button", { name: "Show password" }).hover();
    await page.mouse.down();
    release();
    await waitForApp(page);
    await page.mouse.up();
    await expect(page.getByRole("button", { name: "Hide password" })).toBeVisible();
    await expect(password).toHaveAttribute("type", "text");
  });
});

test("'Forgot password?' before the app has started takes the typed address along", async ({
  page,
}) => {
  const release = await holdApp(page);
  await page.goto("/login");
  await page.getByLabel("Email").fill(accounts.member);
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/reset-password\?email=member%40coder\.com$/);
  release();
  await waitForApp(page);
  await expect(page.getByLabel("Email")).toHaveValue(accounts.member);
});

/** Where every control of the sign-in form is (x, y of its box), in the main landmark. */
async function formPositions(page: Page) {
  const controls = [
    page.getByLabel("Email"),
    page.getByLabel("Password", { exact: true }),
    page.getByRole("button", { name: "Show password" }),
    page.getByRole("button", { name: "Sign in", exact: true }),
    page.getByRole("link", { name: "Forgot password?" }),
  ];
  return Promise.all(
    controls.map(async (control) => {
      const box = await control.boundingBox();
      return box && { x: box.x, y: box.y };
    }),
  );
}

// Issue 21: the prerendered page can't know the deployment's providers, and on a first visit on
// a phone the form moved 161 px down when the app brought them, so a tap aimed at Email started
// a GitHub sign-in. CLS can't see that move (the app's copy replaces the page's nodes rather than
// moving them), so these compare positions across the takeover, with the app's code held back.
for (const { what, config, search } of [
  { what: "with providers", config: {}, search: "" },
  { what: "with providers and a message", config: {}, search: "?message=session-expired" },
  { what: "without providers", config: { github: false, oidc: false }, search: "" },
]) {
  test(`375 px, ${what}: no control moves when the app takes over, first visit or second`, async ({
    page,
    mock,
  }) => {
    await mock.setConfig(config);
    await page.setViewportSize({ width: 375, height: 740 });
    for (const visit of ["first", "second"]) {
      const release = await holdApp(page);
      await page.goto(`/login${search}`);
      await expect(page.locator("#root")).toHaveCount(1);
      const painted = await formPositions(page);
      release();
      await waitForApp(page);
      if (what !== "without providers")
        await expect(page.getByRole("link", { name: "Sign in with GitHub" })).toBeVisible();
      await page.waitForLoadState("networkidle");
      expect(await formPositions(page), `${visit} visit`).toEqual(painted);
      await page.unrouteAll();
    }
  });
}

test("a first visit: the sign-in providers arrive below the form, and nothing moves", async ({
  page,
}) => {
  // What moves, by where it is: only the footer's version line, below the card, may.
  await page.addInitScript(() => {
    const w = window as unknown as { __moved: string[] };
    w.__moved = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<
        PerformanceEntry & { sources: Array<{ node: Node | null }> }
      >)
        for (const { node } of entry.sources) {
          const element = node instanceof Element ? node : node?.parentElement;
          w.__moved.push(element?.closest("footer") ? "footer" : (element?.outerHTML ?? "?"));
        }
    }).observe({ type: "layout-shift", buffered: true });
  });
  // The providers answer a while after the page's code is in (a slow API, a busy server).
  const release = await holdRequests(page, "**/api/v2/users/authmethods");
  const pageCode = page.waitForResponse(/\/auth-ui\/LoginPage-[\w-]+\.js$/);
  await page.goto("/login");
  await pageCode;
  await waitForApp(page);
  const before = await formPositions(page);
  release();
  const github = page.getByRole("link", { name: "Sign in with GitHub" });
  await expect(github).toBeVisible();
  expect(await formPositions(page)).toEqual(before);
  // Below the whole form, "Forgot password?" included.
  const forgot = await page.getByRole("link", { name: "Forgot password?" }).boundingBox();
  expect((await github.boundingBox())?.y).toBeGreaterThan((forgot?.y ?? 0) + (forgot?.height ?? 0));
  await page.waitForLoadState("networkidle");
  const moved = await page.evaluate(() => (window as unknown as { __moved: string[] }).__moved);
  expect(moved.filter((where) => where !== "footer")).toEqual([]);
  await expectNoAxeViolations(page);
});

test("a message for the sign-in page is there from the first frame, and nothing moves after", async ({
  page,
  mock,
}) => {
  // Where the providers go does not matter here: only the message is under test.
  await mock.setConfig({ github: false, oidc: false });
  const shifts = await watchLayoutShifts(page);
  const release = await holdApp(page);
  // Coder's own words when it sends an expired session here, as a full page load.
  const coderText =
    "You are signed out or your session has expired. Please sign in again to continue.";
  await page.goto(`/login?${new URLSearchParams({ message: coderText, redirect: "/workspaces" })}`);
  const notice = page.getByRole("status");
  await expect(notice).toHaveText("Your session has ended. Sign in again to continue.");
  await expect(page.locator("#root")).toHaveCount(1);
  const before = await page.getByLabel("Email").boundingBox();
  release();
  await waitForApp(page);
  await expect(notice).toHaveText("Your session has ended. Sign in again to continue.");
  expect((await page.getByLabel("Email").boundingBox())?.y).toBe(before?.y);
  await page.waitForLoadState("networkidle");
  expect(await shifts()).toBe(0);
  await expectNoAxeViolations(page);

  // A message the page does not know says nothing, on the prerendered page as in the app.
  const unknown = await holdApp(page);
  await page.goto("/login?message=Your+account+was+hacked%2C+call+us");
  await expect(page.getByLabel("Email")).toBeVisible();
  await expect(page.getByRole("status")).toHaveCount(0);
  await expect(page.getByRole("alert")).toHaveCount(0);
  unknown();
  await waitForApp(page);
  await expect(page.getByRole("status")).toHaveCount(0);
});
