// Every form against every way a server or network can fail: a clear message, nothing typed is
// lost, no page or console error (the fixture checks), and trying again works.
import type { Locator, Page, Route } from "@playwright/test";
import { accounts, expect, expectDashboard, PASSWORD, signIn, test } from "./fixtures.ts";

const STRONG = "Correct-Horse-Battery-42";
// Our words where Coder's say too little (the reset pages reword its bare "Internal error.").
const SERVER_WENT_WRONG = "Something went wrong on the server. Try again in a moment.";
const UNAVAILABLE = "The server is unavailable right now. Try again in a moment.";

interface Form {
  name: string;
  /** The endpoint the form posts to. */
  endpoint: string;
  open(page: Page): Promise<void>;
  /** Type realistic values; returns the fields and what they must still hold after a failure. */
  fill(page: Page): Promise<Array<[Locator, string]>>;
  submit(page: Page): Promise<void>;
  /** What success looks like once the fault is gone. */
  succeeded(page: Page): Promise<void>;
  /** The form itself: its alert is the one that must say what went wrong. */
  scope(page: Page): Locator;
  /** What the form says about Coder's 500 "Internal error." (its own text, or ours). */
  onInternalError: string;
  /**
   * Status for the malformed-body case. Endpoints that answer 204 ignore a success body, so for
   * them a garbled error body is what can go wrong.
   */
  malformedStatus?: number;
}

const forms: Form[] = [
  {
    name: "sign-in",
    endpoint: "**/api/v2/users/login",
    open: async (page) => {
      await page.goto("/login");
    },
    fill: async (page) => {
      const email = page.getByLabel("Email");
      const password = page.getByLabel("Password", { exact: true });
      await email.fill(accounts.member);
      await password.fill(PASSWORD);
      return [
        [email, accounts.member],
        [password, PASSWORD],
      ];
    },
    submit: (page) => page.locator('form button[type="submit"]').click(),
    succeeded: (page) => expectDashboard(page),
    scope: (page) => page.locator("form", { has: page.getByLabel("Email") }),
    onInternalError: "Internal error.",
  },
  {
    name: "change password (settings)",
    endpoint: "**/api/v2/users/me/password",
    open: async (page) => {
      await signIn(page, accounts.member);
      await page.goto("/settings/security");
    },
    fill: async (page) => {
      const current = page.getByLabel("Current password");
      const next = page.getByLabel("New password", { exact: true });
      const confirm = page.getByLabel("Confirm new password");
      await current.fill(PASSWORD);
      await next.fill(STRONG);
      await confirm.fill(STRONG);
      return [
        [current, PASSWORD],
        [next, STRONG],
        [confirm, STRONG],
      ];
    },
    submit: (page) =>
      page.getByRole("button", { name: /Change password|Try again in|Changing/ }).click(),
    succeeded: (page) => expect(page).toHaveURL(/\/login\?message=password-updated/),
    scope: (page) =>
      page.locator("form", { has: page.getByLabel("New password", { exact: true }) }),
    onInternalError: "Internal error.",
    malformedStatus: 400,
  },
  {
    name: "convert to single sign-on",
    endpoint: "**/api/v2/users/me/convert-login",
    open: async (page) => {
      await signIn(page, accounts.member);
      await page.goto("/settings/security");
      await page.getByRole("button", { name: "Switch to OpenID Connect" }).click();
    },
    fill: async (page) => {
      const password = page.getByRole("dialog").getByLabel("Current password");
      await password.fill(PASSWORD);
      return [[password, PASSWORD]];
    },
    submit: (page) => page.getByRole("dialog").locator('button[type="submit"]').click(),
    // Success leaves for the identity provider's page.
    succeeded: (page) => expect(page).toHaveURL(/\/__mock\/idp\//),
    scope: (page) => page.getByRole("dialog").locator("form"),
    onInternalError: "Internal error.",
  },
];

/** A fresh passcode for member@coder.com, from the mock's mailbox. */
async function mailedLink(page: Page): Promise<string> {
  const sent = await page.request.post("/api/v2/users/otp/request", {
    data: { email: accounts.member },
  });
  expect(sent.status()).toBe(204);
  const mail = (await (await page.request.get("/__mock/mail")).json()) as Array<{ link: string }>;
  const last = mail.at(-1);
  if (!last) throw new Error("no mail");
  return last.link;
}

forms.push(
  {
    name: "request a reset code",
    endpoint: "**/api/v2/users/otp/request",
    open: async (page) => {
      await page.goto("/reset-password");
    },
    fill: async (page) => {
      const email = page.getByLabel("Email");
      await email.fill(accounts.member);
      return [[email, accounts.member]];
    },
    submit: (page) => page.locator('form button[type="submit"]').click(),
    succeeded: (page) =>
      expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible(),
    scope: (page) => page.locator("form", { has: page.getByLabel("Email") }),
    onInternalError: SERVER_WENT_WRONG,
    malformedStatus: 400,
  },
  {
    name: "choose a new password with a code",
    endpoint: "**/api/v2/users/otp/change-password",
    open: async (page) => {
      await page.goto(await mailedLink(page));
    },
    fill: async (page) => {
      const next = page.getByLabel("New password", { exact: true });
      const confirm = page.getByLabel("Confirm new password", { exact: true });
      await next.fill(STRONG);
      await confirm.fill(STRONG);
      return [
        [next, STRONG],
        [confirm, STRONG],
      ];
    },
    submit: (page) => page.locator('form button[type="submit"]').click(),
    succeeded: (page) => expect(page).toHaveURL(/\/login\?message=password-changed/),
    scope: (page) =>
      page.locator("form", { has: page.getByLabel("New password", { exact: true }) }),
    onInternalError: SERVER_WENT_WRONG,
    malformedStatus: 400,
  },
);

const html502 =
  "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><script>window.__proxy=1</script></body></html>";

const faults = (
  form: Form,
): Array<{
  name: string;
  handle: (route: Route) => Promise<void>;
  /** Exactly what the form's alert says. */
  message: string | RegExp;
}> => [
  {
    name: "500 from Coder",
    handle: (route) =>
      route.fulfill({
        status: 500,
        contentType: "application/json",
        body: '{"message":"Internal error.","detail":"pq: connection refused"}',
      }),
    message: form.onInternalError,
  },
  {
    name: "502 with a proxy's HTML page",
    handle: (route) => route.fulfill({ status: 502, contentType: "text/html", body: html502 }),
    message: UNAVAILABLE,
  },
  {
    name: "503 with an empty body",
    handle: (route) => route.fulfill({ status: 503, body: "" }),
    message: UNAVAILABLE,
  },
  {
    name: "a dropped connection",
    handle: (route) => route.abort("connectionreset"),
    message: "Can't reach the server. Check your connection and try again.",
  },
  {
    name: "a malformed JSON body",
    handle: (route) =>
      route.fulfill({
        status: form.malformedStatus ?? 201,
        contentType: "application/json",
        body: '{"session_token": "abc',
      }),
    // A 2xx body we can't read, or a 400 without Coder's envelope: our words for each.
    message:
      form.malformedStatus === 400
        ? "The request failed (HTTP 400). Try again."
        : "The server sent an answer we couldn't read. Try again; if it keeps happening, contact your administrator.",
  },
  {
    name: "429 with Retry-After",
    handle: (route) =>
      route.fulfill({
        status: 429,
        headers: { "Retry-After": "2" },
        contentType: "application/json",
        body: JSON.stringify({
          message: "You've been rate limited for sending more than 60 requests in 1m0s.",
        }),
      }),
    // Counting down from Retry-After: 2.
    message: /^Too many attempts\. You can try again in [12] seconds?\.$/,
  },
];

for (const form of forms) {
  test.describe(`${form.name} survives failures`, () => {
    // One page for all of them, as someone retrying through a bad hour would: each failure says
    // what happened and keeps what was typed; the 429 comes last (it blocks the form until its
    // Retry-After is over); then the server is back and the same submit works.
    test("every failure is said in its own words, nothing typed is lost, and trying again works", async ({
      page,
    }) => {
      await form.open(page);
      const typed = await form.fill(page);
      for (const fault of faults(form)) {
        await test.step(fault.name, async () => {
          let answered = 0;
          await page.route(form.endpoint, async (route) => {
            answered++;
            await fault.handle(route);
          });
          await form.submit(page);
          // Two faults can share a message: wait for this one's answer before reading the page.
          await expect.poll(() => answered).toBe(1);
          await expect(form.scope(page).getByRole("alert")).toHaveText(fault.message);
          await expect(page.locator("body")).not.toContainText("502 Bad Gateway");
          for (const [field, value] of typed) await expect(field).toHaveValue(value);
          expect(
            await page.evaluate(() => (window as unknown as { __proxy?: number }).__proxy),
          ).toBeUndefined();
          await page.unroute(form.endpoint);
        });
      }
      await expect(form.scope(page).getByRole("alert")).toHaveText(
        "The wait is over: you can try again now.",
        { timeout: 5000 },
      );
      await form.submit(page);
      await form.succeeded(page);
    });

    test("an answer that never comes: pending state, then a timeout, and a retry works", async ({
      page,
    }) => {
      await page.clock.install();
      await form.open(page);
      const typed = await form.fill(page);
      let sent = 0;
      await page.route(form.endpoint, () => {
        sent++; // and never answer
      });
      await form.submit(page);
      await expect(form.scope(page).locator('button[aria-disabled="true"]').first()).toBeVisible();
      // The prerendered page shows the pending state too, for a press before the app is in, and
      // the app sends (and starts its 15 s timer) only once it has taken over: time runs on
      // from the request, not from the press.
      await expect.poll(() => sent).toBe(1);
      await page.clock.fastForward(16_000);
      await expect(form.scope(page).getByRole("alert")).toHaveText(
        "The server is taking too long to answer. Try again in a moment.",
      );
      for (const [field, value] of typed) await expect(field).toHaveValue(value);
      await page.unroute(form.endpoint);
      await form.submit(page);
      await form.succeeded(page);
    });

    test("double and rapid submits send one request", async ({ page }) => {
      await form.open(page);
      await form.fill(page);
      let count = 0;
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route(form.endpoint, async (route) => {
        count++;
        await held;
        await route.continue();
      });
      const submit = form.scope(page).locator('button[type="submit"]').last();
      await submit.dblclick();
      await submit.click({ force: true });
      await page.keyboard.press("Enter");
      release();
      await form.succeeded(page);
      expect(count).toBe(1);
    });
  });
}
