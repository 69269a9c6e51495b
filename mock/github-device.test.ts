// GitHub sign-in through the device flow (Coder's default GitHub app): the device code, the
// callback polled with it, the mock's verification page, and the authmethods switch.
import { describe, expect, it } from "vitest";
import type { MockCoder } from "./coder.ts";
import {
  type Browser,
  browserFor,
  CALLBACKS,
  type CallResult,
  call,
  newMock,
  ORIGIN,
  ssoFlow,
} from "./test-helpers.ts";

const DEVICE = "/api/v2/users/oauth2/github/device";
const PAGE = "/__mock/github/login/device";
const JSON_TYPE = "application/json; charset=utf-8";
const FAILED = "Failed exchanging Oauth code.";

interface Device {
  device_code: string;
  user_code: string;
  verification_uri: string;
  expires_in: number;
  interval: number;
}

function deviceMock(): MockCoder {
  const mock = newMock();
  mock.config.githubDefaultProvider = true;
  return mock;
}

/** What Coder's /login/device page does: the callback sends it there, then it asks for a code. */
async function startDeviceFlow(browser: Browser, query: Record<string, string> = {}) {
  const qs = new URLSearchParams(query).toString();
  const start = await browser.request("GET", `${CALLBACKS.github}${qs ? `?${qs}` : ""}`);
  const location = new URL(start.headers.get("location") ?? "", ORIGIN);
  const state = location.searchParams.get("state") ?? "";
  const res = await browser.request("GET", DEVICE);
  return { start, location, state, device: res.json<Device>() };
}

function poll(browser: Browser, deviceCode: string, state: string): Promise<CallResult> {
  const qs = new URLSearchParams({ code: deviceCode, state });
  return browser.request("GET", `${CALLBACKS.github}?${qs}`);
}

/** A person on the verification page: type the code, then authorize as `email` (or cancel). */
async function verify(browser: Browser, userCode: string, email: string | "cancel") {
  const select = await browser.request(
    "GET",
    `${PAGE}/select?${new URLSearchParams({ user_code: userCode })}`,
  );
  const form = { "content-type": "application/x-www-form-urlencoded" };
  const decision =
    email === "cancel"
      ? await browser.request("POST", `${PAGE}/cancel`, {
          headers: form,
          body: new URLSearchParams({ user_code: userCode }).toString(),
        })
      : await browser.request("POST", `${PAGE}/authorize`, {
          headers: form,
          body: new URLSearchParams({ user_code: userCode, email }).toString(),
        });
  return { select, decision };
}

describe("users/authmethods", () => {
  it("reports github.default_provider_configured from the switch, and only with GitHub on", async () => {
    const mock = newMock();
    const github = async () =>
      (await call(mock, "GET", "/api/v2/users/authmethods")).json<{ github: unknown }>().github;
    expect(await github()).toEqual({ enabled: true, default_provider_configured: false });
    const config = await call(mock, "PUT", "/__mock/config", {
      json: { githubDefaultProvider: true },
    });
    expect(config.json()).toMatchObject({ githubDefaultProvider: true });
    expect(await github()).toEqual({ enabled: true, default_provider_configured: true });
    await call(mock, "PUT", "/__mock/config", { json: { github: false } });
    expect(await github()).toEqual({ enabled: false, default_provider_configured: false });
  });
});

describe("GET /users/oauth2/github/device", () => {
  it("answers a GitHub device code in codersdk.ExternalAuthDevice's shape", async () => {
    const res = await call(deviceMock(), "GET", DEVICE);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(JSON_TYPE);
    const device = res.json<Device>();
    expect(Object.keys(device)).toEqual([
      "device_code",
      "user_code",
      "verification_uri",
      "expires_in",
      "interval",
    ]);
    expect(device.device_code).toMatch(/^[0-9a-f]{40}$/);
    expect(device.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(device).toMatchObject({
      verification_uri: `${ORIGIN}/__mock/github/login/device`,
      expires_in: 900,
      interval: 5,
    });
  });

  it("gives every request its own codes", async () => {
    const mock = deviceMock();
    const a = (await call(mock, "GET", DEVICE)).json<Device>();
    const b = (await call(mock, "GET", DEVICE)).json<Device>();
    expect(a.device_code).not.toBe(b.device_code);
    expect(a.user_code).not.toBe(b.user_code);
  });

  it("refuses with 400 when the device flow is off, or GitHub is", async () => {
    const mock = newMock();
    const off = await call(mock, "GET", DEVICE);
    expect(off.status).toBe(400);
    expect(off.json()).toEqual({ message: "Device flow is not enabled for Github OAuth2." });
    mock.config.githubDefaultProvider = true;
    mock.config.github = false;
    const disabled = await call(mock, "GET", DEVICE);
    expect(disabled.status).toBe(400);
    expect(disabled.json()).toEqual({ message: "Github OAuth2 is not enabled." });
  });

  it("counts against the sign-in rate limit (60 a minute per address)", async () => {
    const mock = deviceMock();
    for (let i = 0; i < 60; i++) await call(mock, "GET", DEVICE);
    const res = await call(mock, "GET", DEVICE);
    expect(res.status).toBe(429);
  });
});

describe("the callback in device mode", () => {
  it("without a code: the usual cookies, then a 307 to Coder's /login/device page", async () => {
    const browser = browserFor(deviceMock());
    const { start, location, state } = await startDeviceFlow(browser, {
      redirect: "/settings/security",
    });
    expect(start.status).toBe(307);
    expect(location.pathname).toBe("/login/device");
    expect(state).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(start.headers.get("location")).toBe(`/login/device?state=${state}`);
    expect(start.cookies).toContain(`oauth_state=${state}; Path=/; HttpOnly; SameSite=Lax`);
    expect(start.cookies).toContain(
      "oauth_redirect=/settings/security; Path=/; HttpOnly; SameSite=Lax",
    );
    expect(start.cookies.some((c) => /^oauth_pkce_verifier=[A-Za-z0-9]{43};/.test(c))).toBe(true);
  });

  it("signs in once GitHub says yes: pending (400) until authorized, then 200 with redirect_url", async () => {
    const mock = deviceMock();
    const browser = browserFor(mock);
    const { state, device } = await startDeviceFlow(browser, {
      redirect: "https://evil.example/settings/security?tab=1",
    });

    const pending = await poll(browser, device.device_code, state);
    expect(pending.status).toBe(400);
    expect(pending.headers.get("content-type")).toBe(JSON_TYPE);
    expect(pending.json()).toEqual({ message: FAILED, detail: "authorization_pending" });

    const { select, decision } = await verify(browser, device.user_code, "github@coder.com");
    expect(select.status).toBe(200);
    expect(decision.status).toBe(200);
    expect(decision.text).toContain("github@coder.com");

    mock.advanceClock(5_000);
    const done = await poll(browser, device.device_code, state);
    expect(done.status).toBe(200);
    expect(done.headers.get("content-type")).toBe(JSON_TYPE);
    expect(done.text).toBe('{"redirect_url":"/settings/security?tab=1"}\n');
    const token = browser.jar.get("coder_session_token");
    expect(done.cookies).toContain(
      `coder_session_token=${token}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`,
    );
    const me = await browser.request("GET", "/api/v2/users/me");
    expect(me.json()).toMatchObject({ email: "github@coder.com", login_type: "github" });
  });

  it("uses a device code once", async () => {
    const mock = deviceMock();
    const browser = browserFor(mock);
    const { state, device } = await startDeviceFlow(browser);
    await verify(browser, device.user_code, "github@coder.com");
    expect((await poll(browser, device.device_code, state)).status).toBe(200);
    mock.advanceClock(5_000);
    const again = await poll(browser, device.device_code, state);
    expect(again.status).toBe(500);
    expect(again.json()).toEqual({ message: FAILED, detail: "incorrect_device_code" });
  });

  it("answers slow_down (500) to a poll inside the interval, and adds five seconds to it", async () => {
    const mock = deviceMock();
    const browser = browserFor(mock);
    const { state, device } = await startDeviceFlow(browser);
    expect((await poll(browser, device.device_code, state)).status).toBe(400);
    mock.advanceClock(4_999);
    const fast = await poll(browser, device.device_code, state);
    expect(fast.status).toBe(500);
    expect(fast.json()).toEqual({ message: FAILED, detail: "slow_down" });
    // The interval is 10 s now: 5 s later is still too early, 10 s is fine.
    mock.advanceClock(5_000);
    expect((await poll(browser, device.device_code, state)).json()).toMatchObject({
      detail: "slow_down",
    });
    mock.advanceClock(15_000);
    expect((await poll(browser, device.device_code, state)).json()).toMatchObject({
      detail: "authorization_pending",
    });
  });

  it("answers expired_token (500) once the code's 15 minutes are over, on the mock clock", async () => {
    const mock = deviceMock();
    const browser = browserFor(mock);
    const { state, device } = await startDeviceFlow(browser);
    mock.advanceClock(899_000);
    expect((await poll(browser, device.device_code, state)).status).toBe(400);
    mock.advanceClock(1_000);
    const expired = await poll(browser, device.device_code, state);
    expect(expired.status).toBe(500);
    expect(expired.json()).toEqual({ message: FAILED, detail: "expired_token" });
    // Too late to authorize on the page, too.
    const { select } = await verify(browser, device.user_code, "github@coder.com");
    expect(select.status).toBe(410);
    expect(select.text).toContain("That code has expired.");
  });

  it("answers access_denied (500) when the person cancels on GitHub", async () => {
    const mock = deviceMock();
    const browser = browserFor(mock);
    const { state, device } = await startDeviceFlow(browser);
    const { decision } = await verify(browser, device.user_code, "cancel");
    expect(decision.status).toBe(200);
    expect(decision.text).toContain("<h1>Authorization cancelled</h1>");
    const denied = await poll(browser, device.device_code, state);
    expect(denied.status).toBe(500);
    expect(denied.json()).toEqual({ message: FAILED, detail: "access_denied" });
    expect(browser.jar.get("coder_session_token")).toBeUndefined();
  });

  it("answers an unknown device code with incorrect_device_code (500)", async () => {
    const browser = browserFor(deviceMock());
    const { state } = await startDeviceFlow(browser);
    const res = await poll(browser, "0".repeat(40), state);
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ message: FAILED, detail: "incorrect_device_code" });
  });

  it("checks state and its cookies before asking GitHub, as in the redirect flow", async () => {
    const browser = browserFor(deviceMock());
    const { state, device } = await startDeviceFlow(browser);
    const noState = await browser.request("GET", `${CALLBACKS.github}?code=${device.device_code}`);
    expect(noState.status).toBe(400);
    expect(noState.json()).toEqual({ message: "State must be provided." });

    const mismatch = await poll(browser, device.device_code, "somethingelse");
    expect(mismatch.status).toBe(401);
    expect(mismatch.json()).toEqual({ message: "State mismatched." });

    browser.jar.delete("oauth_pkce_verifier");
    const noPkce = await poll(browser, device.device_code, state);
    expect(noPkce.status).toBe(400);
    expect(noPkce.json()).toEqual({ message: "PKCE challenge must be provided." });

    browser.jar.delete("oauth_state");
    const noCookie = await poll(browser, device.device_code, state);
    expect(noCookie.status).toBe(401);
    expect(noCookie.json()).toEqual({ message: 'Cookie "oauth_state" must be provided.' });
  });

  it.each([
    [
      "admin@coder.com",
      {
        message: "Incorrect login type",
        detail:
          'Attempting to use login type "github", but the user has the login type "password". You can convert your account to use this login type by visiting your account settings.',
      },
    ],
    [
      "new-person@coder.com",
      {
        message: "Signups are disabled",
        detail: "Please contact your Coder administrator to request access.",
      },
    ],
  ])("answers a refused identity (%s) with JSON even to a browser", async (email, body) => {
    const mock = deviceMock();
    const browser = browserFor(mock);
    const { state, device } = await startDeviceFlow(browser);
    await verify(browser, device.user_code, email);
    const qs = new URLSearchParams({ code: device.device_code, state });
    const res = await browser.request("GET", `${CALLBACKS.github}?${qs}`, {
      headers: { accept: "text/html,application/xhtml+xml" },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toBe(JSON_TYPE);
    expect(res.json()).toEqual(body);
    expect(browser.jar.get("coder_session_token")).toBeUndefined();
  });

  it("keeps the provider's ?error= and 'not configured' answers of the redirect flow", async () => {
    const mock = deviceMock();
    const error = await call(mock, "GET", `${CALLBACKS.github}?error=access_denied`);
    expect(error.status).toBe(400);
    expect(error.json()).toEqual({ message: "Encountered error in oidc process: access_denied" });
    mock.config.github = false;
    const off = await call(mock, "GET", CALLBACKS.github);
    expect(off.status).toBe(400);
    expect(off.json()).toEqual({ message: "The oauth2 method requested is not configured!" });
  });

  it("leaves the redirect flow alone while the switch is off", async () => {
    const res = await call(newMock(), "GET", CALLBACKS.github);
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toMatch(/^\/__mock\/idp\/github\?/);
  });

  it("forgets pending codes on reset", async () => {
    const mock = deviceMock();
    const browser = browserFor(mock);
    const { device } = await startDeviceFlow(browser);
    mock.reset();
    mock.config.githubDefaultProvider = true;
    const fresh = browserFor(mock);
    const { state } = await startDeviceFlow(fresh);
    const res = await poll(fresh, device.device_code, state);
    expect(res.json()).toMatchObject({ detail: "incorrect_device_code" });
  });
});

describe("the first account of an empty deployment", () => {
  it("may sign up through Coder's GitHub app, and becomes the owner; nobody after it", async () => {
    const mock = deviceMock();
    mock.reset({ users: "none" });
    mock.config.githubDefaultProvider = true;
    const signUp = async (email: string) => {
      const browser = browserFor(mock);
      const { state, device } = await startDeviceFlow(browser, { redirect: "/" });
      await verify(browser, device.user_code, email);
      return { browser, done: await poll(browser, device.device_code, state) };
    };
    const first = await signUp("new-person@coder.com");
    expect(first.done.status).toBe(200);
    const me = await first.browser.request("GET", "/api/v2/users/me");
    expect(me.json()).toMatchObject({
      email: "new-person@coder.com",
      username: "new-person",
      login_type: "github",
      roles: [{ name: "owner", display_name: "Owner" }],
    });
    expect((await call(mock, "GET", "/api/v2/users/first")).status).toBe(200);
    mock.advanceClock(5_000);
    const second = await signUp("someone-else@coder.com");
    expect(second.done.status).not.toBe(200);
    expect(second.browser.jar.get("coder_session_token")).toBeUndefined();
  });

  it("may not without Coder's GitHub app (signups stay off)", async () => {
    const mock = newMock();
    mock.reset({ users: "none" });
    const browser = browserFor(mock);
    const { done } = await ssoFlow(browser, "github", "new-person@coder.com");
    expect(done.status).toBe(403);
    expect((await call(mock, "GET", "/api/v2/users/first")).status).toBe(404);
  });
});

describe("the mock GitHub verification page", () => {
  it("is a labelled code form without script or inline style", async () => {
    const res = await call(newMock(), "GET", PAGE);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.text).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(res.text).toContain("<h1>Device activation</h1>");
    expect(res.text).toContain('<label for="user_code">Code</label>');
    expect(res.text).toContain('<form method="get" action="/__mock/github/login/device/select">');
    expect(res.text).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  });

  it("accepts the code in lower case, spaced or without its dash, and lists every identity", async () => {
    const mock = deviceMock();
    const device = (await call(mock, "GET", DEVICE)).json<Device>();
    const typed = ` ${device.user_code.replace("-", "").toLowerCase()} `;
    const res = await call(
      mock,
      "GET",
      `${PAGE}/select?${new URLSearchParams({ user_code: typed })}`,
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<strong>${device.user_code}</strong>`);
    for (const email of [
      "admin@coder.com",
      "github@coder.com",
      "oidc@coder.com",
      "new-person@coder.com",
      "someone-else@coder.com",
    ]) {
      expect(res.text).toContain(`<button type="submit">Authorize as ${email}</button>`);
    }
    expect(res.text).toContain('<button type="submit">Cancel</button>');
    expect(res.text).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  });

  it("answers an unknown code with the form again, the problem tied to the field (404)", async () => {
    const res = await call(deviceMock(), "GET", `${PAGE}/select?user_code=BCDF-GHJK`);
    expect(res.status).toBe(404);
    expect(res.text).toContain('aria-describedby="code-problem"');
    expect(res.text).toContain(
      '<p id="code-problem" role="alert">No device is waiting for that code. Check it and try again.</p>',
    );
    expect(res.text).toContain('value="BCDF-GHJK"');
  });

  it("escapes what was typed", async () => {
    const res = await call(deviceMock(), "GET", `${PAGE}/select?user_code="><script>x</script>`);
    expect(res.text).not.toContain("<script>");
    expect(res.text).toContain("&quot;&gt;&lt;script&gt;");
  });

  it("refuses a code that was already used (410)", async () => {
    const mock = deviceMock();
    const browser = browserFor(mock);
    const { device } = await startDeviceFlow(browser);
    await verify(browser, device.user_code, "github@coder.com");
    const { select, decision } = await verify(browser, device.user_code, "cancel");
    expect(select.status).toBe(410);
    expect(decision.status).toBe(410);
    expect(decision.text).toContain("That code has already been used.");
  });

  it("asks for an account when none was chosen", async () => {
    const mock = deviceMock();
    const device = (await call(mock, "GET", DEVICE)).json<Device>();
    const res = await call(mock, "POST", `${PAGE}/authorize`, {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `user_code=${device.user_code}`,
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Choose an account to authorize.");
  });
});
