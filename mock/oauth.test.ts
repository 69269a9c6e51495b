// convert-login (contract 2.5), the fake identity provider and the SSO callbacks.
import { describe, expect, it } from "vitest";
import { SEEDED_IDS, SEEDED_PASSWORD } from "./seed.ts";
import {
  type Browser,
  browserFor,
  CALLBACKS,
  call,
  cookieOf,
  newMock,
  sessionHeader,
  signIn,
  ssoFlow,
  ssoVia,
} from "./test-helpers.ts";

const CONVERT = "/api/v2/users/me/convert-login";
const LOGIN_MESSAGE =
  "/login?message=Login type has been changed to OpenID Connect. Log in again using the new method.";

async function signedInBrowser(email = "member@coder.com") {
  const mock = newMock();
  const browser = browserFor(mock);
  browser.loadPage();
  const res = await browser.request("POST", "/api/v2/users/login", {
    json: { email, password: SEEDED_PASSWORD },
  });
  expect(res.status).toBe(201);
  return { mock, browser };
}

async function convert(browser: Browser, toType = "oidc", password = SEEDED_PASSWORD) {
  return browser.request("POST", CONVERT, { json: { to_type: toType, password } });
}

describe("POST /users/{user}/convert-login", () => {
  it("answers 201 with a convert- state, five minutes, and the HttpOnly signed cookie", async () => {
    const { browser } = await signedInBrowser();
    const res = await convert(browser);
    expect(res.status).toBe(201);
    const body = res.json<Record<string, string>>();
    expect(body.state_string).toMatch(/^convert-[A-Za-z0-9]{32}$/);
    expect(body).toEqual({
      state_string: body.state_string,
      expires_at: "2026-03-02T10:05:10Z",
      to_type: "oidc",
      user_id: SEEDED_IDS.member,
    });
    const jwt = cookieOf(res.cookies, "coder_oauth_convert_jwt") as string;
    expect(jwt.split(".")).toHaveLength(3);
    expect(res.cookies).toContain(
      `coder_oauth_convert_jwt=${jwt}; Path=/; Expires=Mon, 02 Mar 2026 10:05:10 GMT; HttpOnly; SameSite=Lax`,
    );
  });

  it.each([
    ["password", 'Cannot convert to login type "password".'],
    ["none", 'Cannot convert to login type "none".'],
    ["token", 'Cannot convert to login type "token".'],
    ["saml", 'Unknown login type "saml".'],
  ])("refuses to_type %s", async (toType, message) => {
    const { browser } = await signedInBrowser();
    const res = await convert(browser, toType);
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ message });
  });

  it("validates both fields", async () => {
    const { browser } = await signedInBrowser();
    const res = await browser.request("POST", CONVERT, { json: {} });
    expect(
      res.json<{ validations: Array<{ field: string }> }>().validations.map((v) => v.field),
    ).toEqual(["to_type", "password"]);
  });

  it("answers a wrong password with 401, like a failed sign-in", async () => {
    const { browser } = await signedInBrowser();
    const res = await convert(browser, "oidc", "wrong");
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ message: "Incorrect email or password." });
    // The session itself is fine.
    expect((await browser.request("GET", "/api/v2/users/me")).status).toBe(200);
  });

  it("answers 401 for an account that already uses SSO (it has no password)", async () => {
    const mock = newMock();
    const browser = browserFor(mock);
    await ssoFlow(browser, "github", "github@coder.com");
    browser.loadPage();
    const res = await convert(browser, "oidc", "anything");
    expect(res.status).toBe(401);
  });

  it("answers 403 when password login is disabled", async () => {
    const { mock, browser } = await signedInBrowser();
    mock.config.passwordAuth = false;
    const res = await convert(browser);
    expect(res.status).toBe(403);
    expect(res.json()).toEqual({ message: "Password authentication is disabled." });
  });

  it("needs a session and the CSRF token", async () => {
    const mock = newMock();
    const anonymous = await call(mock, "POST", CONVERT, {
      json: { to_type: "oidc", password: SEEDED_PASSWORD },
    });
    expect(anonymous.status).toBe(401);
    const token = await signIn(mock, "member@coder.com");
    const noCsrf = await call(mock, "POST", CONVERT, {
      headers: { cookie: `coder_session_token=${token}` },
      json: { to_type: "oidc", password: SEEDED_PASSWORD },
    });
    expect(noCsrf.status).toBe(400);
    expect(noCsrf.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  });
});

describe("completing a conversion through the identity provider", () => {
  async function startConversion(provider: "github" | "oidc" = "oidc") {
    const { mock, browser } = await signedInBrowser();
    const res = await convert(browser, provider);
    const state = res.json<{ state_string: string }>().state_string;
    return { mock, browser, state };
  }

  it("changes the login type, clears the password and the session, and redirects", async () => {
    const { mock, browser, state } = await startConversion();
    const flow = await ssoFlow(browser, "oidc", "member@coder.com", {
      oidc_merge_state: state,
      redirect: LOGIN_MESSAGE,
    });
    expect(flow.start.cookies).toContain(`oauth_state=${state}; Path=/; HttpOnly; SameSite=Lax`);
    expect(flow.done.status).toBe(307);
    expect(flow.done.headers.get("location")).toBe(
      "/login?message=Login%20type%20has%20been%20changed%20to%20OpenID%20Connect.%20Log%20in%20again%20using%20the%20new%20method.",
    );
    expect(flow.done.cookies).toContain("coder_oauth_convert_jwt=; Path=/; Max-Age=0");
    expect(flow.done.cookies).toContain("coder_session_token=; Path=/; Max-Age=0; HttpOnly");
    expect(browser.jar.get("coder_session_token")).toBeUndefined();

    const login = await call(mock, "POST", "/api/v2/users/login", {
      json: { email: "member@coder.com", password: SEEDED_PASSWORD },
    });
    expect(login.status).toBe(401);

    const again = browserFor(mock);
    const sso = await ssoFlow(again, "oidc", "member@coder.com");
    expect(sso.done.status).toBe(307);
    const me = await again.request("GET", "/api/v2/users/me");
    expect(me.json<{ login_type: string }>().login_type).toBe("oidc");
  });

  it("works for GitHub as well", async () => {
    const { browser, state } = await startConversion("github");
    const flow = await ssoFlow(browser, "github", "member@coder.com", { oidc_merge_state: state });
    expect(flow.done.status).toBe(307);
    expect(flow.done.headers.get("location")).toBe("/");
  });

  it("refuses a provider identity whose email matches no account", async () => {
    const { browser, state } = await startConversion();
    const flow = await ssoFlow(browser, "oidc", "someone-else@coder.com", {
      oidc_merge_state: state,
    });
    expect(flow.done.status).toBe(400);
    expect(flow.done.json()).toEqual({
      message:
        'The oidc account with the email "someone-else@coder.com" does not match the email of the account you are trying to convert. Contact your administrator to resolve this issue.',
    });
  });

  it("refuses a provider identity that is another account", async () => {
    const { browser, state } = await startConversion();
    const flow = await ssoFlow(browser, "oidc", "admin@coder.com", { oidc_merge_state: state });
    expect(flow.done.status).toBe(403);
    expect(flow.done.json()).toEqual({
      message: "Request to convert login type from password to oidc failed",
    });
  });

  it("refuses without the conversion cookie", async () => {
    const { browser, state } = await startConversion();
    browser.jar.delete("coder_oauth_convert_jwt");
    const flow = await ssoFlow(browser, "oidc", "member@coder.com", { oidc_merge_state: state });
    expect(flow.done.status).toBe(400);
    expect(flow.done.json()).toEqual({
      message:
        "Convert to oauth cookie not found. Missing signed jwt to authorize this action. Please try again.",
    });
  });

  it("refuses a tampered or foreign cookie", async () => {
    const { browser, state } = await startConversion();
    const jwt = browser.jar.get("coder_oauth_convert_jwt") as string;
    browser.jar.set("coder_oauth_convert_jwt", `${jwt.slice(0, -4)}AAAA`);
    const flow = await ssoFlow(browser, "oidc", "member@coder.com", { oidc_merge_state: state });
    expect(flow.done.status).toBe(400);
    expect(flow.done.json()).toEqual({
      message:
        "Using an invalid jwt to authorize this action. Ensure there is only 1 coder deployment and try again.",
    });
  });

  it("refuses an expired token with Coder's 500", async () => {
    const { mock, browser, state } = await startConversion();
    const jwt = browser.jar.get("coder_oauth_convert_jwt") as string;
    mock.advanceClock(5 * 60_000 + 1_000);
    // The browser would drop the expired cookie; a clock-skewed one might still send it.
    const flow = await ssoFlow(browser, "oidc", "member@coder.com", { oidc_merge_state: state });
    expect(flow.done.json<{ message: string }>().message).toBe(
      "Convert to oauth cookie not found. Missing signed jwt to authorize this action. Please try again.",
    );
    browser.jar.set("coder_oauth_convert_jwt", jwt);
    const skewed = await ssoFlow(browser, "oidc", "member@coder.com", { oidc_merge_state: state });
    expect(skewed.done.status).toBe(500);
    expect(skewed.done.json<{ message: string }>().message).toMatch(
      /^Error parsing jwt: .*token is expired/,
    );
  });

  it("refuses a cookie issued for another conversion (state mismatch)", async () => {
    const { browser, state } = await startConversion();
    const firstJwt = browser.jar.get("coder_oauth_convert_jwt") as string;
    const second = await convert(browser);
    expect(second.status).toBe(201);
    browser.jar.set("coder_oauth_convert_jwt", firstJwt);
    const secondState = second.json<{ state_string: string }>().state_string;
    expect(secondState).not.toBe(state);
    const flow = await ssoFlow(browser, "oidc", "member@coder.com", {
      oidc_merge_state: secondState,
    });
    expect(flow.done.status).toBe(403);
    expect(flow.done.json()).toEqual({
      message: "Request to convert login type failed. State mismatch.",
    });
  });

  it("refuses to convert to a provider that is not configured", async () => {
    const { mock, browser, state } = await startConversion("github");
    mock.config.github = false;
    const res = await browser.request("GET", `${CALLBACKS.github}?oidc_merge_state=${state}`);
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ message: "The oauth2 method requested is not configured!" });
  });
});

describe("signing in with GitHub or OIDC", () => {
  it("starts with state, redirect and PKCE cookies and a 307 to the provider", async () => {
    const browser = browserFor(newMock());
    const res = await browser.request("GET", `${CALLBACKS.github}?redirect=/settings/security`);
    expect(res.status).toBe(307);
    const location = new URL(res.headers.get("location") ?? "", "http://x");
    expect(location.pathname).toBe("/__mock/idp/github");
    const state = location.searchParams.get("state");
    expect(state).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(res.cookies).toContain(`oauth_state=${state}; Path=/; HttpOnly; SameSite=Lax`);
    expect(res.cookies).toContain(
      "oauth_redirect=/settings/security; Path=/; HttpOnly; SameSite=Lax",
    );
    expect(res.cookies.some((c) => c.startsWith("oauth_pkce_verifier="))).toBe(true);
  });

  it("lists every seeded account and extra identities on an accessible page without scripts", async () => {
    const mock = newMock();
    const browser = browserFor(mock);
    const start = await browser.request("GET", CALLBACKS.oidc);
    const page = await browser.request("GET", start.headers.get("location") ?? "");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.text).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(page.text).toContain("<title>");
    expect(page.text).toContain("<main>");
    expect(page.text).toMatch(/<h1>Sign in with OpenID Connect<\/h1>/);
    for (const email of [
      "admin@coder.com",
      "member@coder.com",
      "github@coder.com",
      "oidc@coder.com",
      "new-person@coder.com",
      "someone-else@coder.com",
    ]) {
      expect(page.text).toContain(`Continue as ${email}`);
    }
    expect(page.text).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  });

  it("signs a GitHub user in and sends them to the sanitised redirect", async () => {
    const mock = newMock();
    const browser = browserFor(mock);
    const flow = await ssoFlow(browser, "github", "github@coder.com", {
      redirect: "https://evil.example/settings/security?tab=1#x",
    });
    expect(flow.done.status).toBe(307);
    expect(flow.done.headers.get("location")).toBe("/settings/security?tab=1");
    const token = browser.jar.get("coder_session_token") as string;
    expect(flow.done.cookies).toContain(
      `coder_session_token=${token}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`,
    );
    const me = await call(mock, "GET", "/api/v2/users/me", { headers: sessionHeader(token) });
    expect(me.json()).toMatchObject({ email: "github@coder.com", login_type: "github" });
  });

  it.each([
    ["//evil.example/path", "/path"],
    ["javascript:alert(1)", "/"],
    ["/\\evil.example", "/"],
    ["/api/v2/../../..//evil.example", "/evil.example"],
    ["", "/"],
  ])("sanitises redirect %j to %j", async (redirect, expected) => {
    const browser = browserFor(newMock());
    const flow = await ssoFlow(browser, "oidc", "oidc@coder.com", redirect ? { redirect } : {});
    expect(flow.done.headers.get("location")).toBe(expected);
  });

  it("refuses a password account with Coder's static login-type page, whatever was asked for", async () => {
    for (const accept of ["text/html", "application/json"]) {
      const browser = browserFor(newMock());
      const flow = await ssoFlow(browser, "github", "admin@coder.com", {}, { accept });
      expect(flow.done.status).toBe(403);
      expect(flow.done.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(flow.done.text).toMatch(/^<!doctype html>/);
      expect(flow.done.text).toContain("<title>Incorrect login type</title>");
      expect(flow.done.text).toContain("<h1>Incorrect login type</h1>");
      expect(flow.done.text).toContain(
        "Attempting to use login type &quot;github&quot;, but the user has the login type &quot;password&quot;. You can convert your account to use this login type by visiting your account settings.",
      );
      expect(flow.done.text).toContain('<a href="/login">');
      expect(flow.done.text).not.toMatch(/<script|<style|\son[a-z]+=/i);
      expect(browser.jar.get("coder_session_token")).toBeUndefined();
    }
  });

  it("refuses an unknown email with the static page: sign-ups are disabled", async () => {
    const flow = await ssoFlow(browserFor(newMock()), "oidc", "new-person@coder.com");
    expect(flow.done.status).toBe(403);
    expect(flow.done.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(flow.done.text).toContain("<h1>Signups are disabled</h1>");
    expect(flow.done.text).toContain("Please contact your Coder administrator to request access.");
  });

  it("refuses an OIDC account on the GitHub callback, without the conversion hint", async () => {
    const flow = await ssoFlow(browserFor(newMock()), "github", "oidc@coder.com");
    expect(flow.done.status).toBe(403);
    expect(flow.done.text).toContain(
      "Attempting to use login type &quot;github&quot;, but the user has the login type &quot;oidc&quot;.</p>",
    );
  });

  it("checks state against its cookie", async () => {
    const mock = newMock();
    const noCookie = await call(mock, "GET", `${CALLBACKS.oidc}?code=abc&state=xyz`);
    expect(noCookie.status).toBe(401);
    expect(noCookie.json()).toEqual({ message: 'Cookie "oauth_state" must be provided.' });
    const mismatch = await call(mock, "GET", `${CALLBACKS.oidc}?code=abc&state=xyz`, {
      headers: { cookie: "oauth_state=other" },
    });
    expect(mismatch.status).toBe(401);
    expect(mismatch.json()).toEqual({ message: "State mismatched." });
    const noState = await call(mock, "GET", `${CALLBACKS.oidc}?code=abc`);
    expect(noState.json()).toEqual({ message: "State must be provided." });
  });

  it("uses each authorization code once", async () => {
    const browser = browserFor(newMock());
    const flow = await ssoFlow(browser, "oidc", "oidc@coder.com");
    const replay = await browser.request("GET", flow.chosen.headers.get("location") ?? "");
    expect(replay.status).toBe(500);
    expect(replay.json<{ message: string }>().message).toBe("Failed exchanging Oauth code.");
  });

  it("reports a cancelled sign-in at the provider", async () => {
    const browser = browserFor(newMock());
    const start = await browser.request("GET", CALLBACKS.github);
    const page = await browser.request("GET", start.headers.get("location") ?? "");
    const cancel = /<a href="([^"]+)">Cancel/.exec(page.text)?.[1]?.replace(/&amp;/g, "&") ?? "";
    const res = await browser.request("GET", cancel);
    expect(res.status).toBe(400);
    expect(res.json<{ message: string }>().message).toBe(
      "Encountered error in oidc process: access_denied",
    );
  });

  it("answers 400 when the provider is switched off", async () => {
    const mock = newMock({ config: { oidc: false } });
    const res = await call(mock, "GET", CALLBACKS.oidc);
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ message: "The oauth2 method requested is not configured!" });
  });
});

// Every way a round trip ends badly, byte for byte as coderd answers it (the table in the report
// names where each was read: coderd/httpmw/oauth2.go ExtractOAuth2, coderd/userauth.go
// userOAuth2Github / oauthLogin / convertUserToOauth, coderd/idpsync HTTPError.Write).
describe("every failed round trip, answered as Coder answers it", () => {
  const JSON_TYPE = "application/json; charset=utf-8";
  const HTML_TYPE = "text/html; charset=utf-8";

  it.each([
    [
      "cancelled at the provider",
      "Cancel and return to Coder",
      400,
      '{"message":"Encountered error in oidc process: access_denied","detail":"The user cancelled the sign-in at the identity provider."}\n',
    ],
    [
      "an error from the provider (description and link folded into the detail)",
      "Report an error from the provider",
      400,
      '{"message":"Encountered error in oidc process: server_error","detail":"The identity provider could not complete the request., error_uri: https://idp.example/docs/errors#server_error"}\n',
    ],
    [
      "a state that doesn't match the browser's",
      "Return with a state that doesn't match this browser's",
      401,
      '{"message":"State mismatched."}\n',
    ],
    [
      "no state",
      "Return without the state parameter",
      400,
      '{"message":"State must be provided."}\n',
    ],
    [
      "a lost state cookie",
      "Return as if the sign-in had started in another browser (no state cookie)",
      401,
      '{"message":"Cookie \\"oauth_state\\" must be provided."}\n',
    ],
    [
      "an expired authorization code",
      "Return with an authorization code that has expired",
      500,
      '{"message":"Failed exchanging Oauth code.","detail":"oauth2: \\"invalid_grant\\" \\"The authorization code is invalid or has expired.\\""}\n',
    ],
  ] as const)("%s (%j): JSON %i", async (_case, link, status, body) => {
    for (const provider of ["github", "oidc"] as const) {
      const browser = browserFor(newMock());
      const flow = await ssoVia(browser, provider, link, { redirect: "/settings/security" });
      expect(flow.done.status).toBe(status);
      expect(flow.done.headers.get("content-type")).toBe(JSON_TYPE);
      expect(flow.done.text).toBe(body);
      expect(flow.done.headers.get("location")).toBeNull();
      expect(browser.jar.get("coder_session_token")).toBeUndefined();
    }
  });

  it("folds a lone error_uri into the detail, and leaves the detail out when there is neither", async () => {
    const mock = newMock();
    const uriOnly = await call(
      mock,
      "GET",
      `${CALLBACKS.oidc}?error=invalid_scope&error_uri=https://x.example/e`,
    );
    expect(uriOnly.json()).toEqual({
      message: "Encountered error in oidc process: invalid_scope",
      detail: "error_uri: https://x.example/e",
    });
    const bare = await call(mock, "GET", `${CALLBACKS.github}?error=access_denied`);
    expect(bare.text).toBe('{"message":"Encountered error in oidc process: access_denied"}\n');
  });

  it("the provider's page offers every failure, and the cancel link carries the state back", async () => {
    const browser = browserFor(newMock());
    const flow = await ssoVia(browser, "oidc", "Cancel and return to Coder");
    const state = new URL(flow.start.headers.get("location") ?? "", "http://x").searchParams.get(
      "state",
    );
    const cancel = /<a href="([^"]+)">Cancel/.exec(flow.page.text)?.[1]?.replace(/&amp;/g, "&");
    expect(new URL(cancel ?? "", "http://x").searchParams.get("state")).toBe(state);
    for (const text of [
      "Report an error from the provider",
      "Return with a state that doesn&#39;t match this browser&#39;s",
      "Return without the state parameter",
      "Return as if the sign-in had started in another browser (no state cookie)",
      "Return with an authorization code that has expired",
      "Continue as new-person@coder.com</a> – no Coder account",
      "Continue as suspended-sso@coder.com</a> (Sid Suspended) – suspended in Coder",
    ]) {
      expect(flow.page.text).toContain(text);
    }
  });

  it("a suspended GitHub account: Coder still signs it in, and then refuses every request", async () => {
    const browser = browserFor(newMock());
    const flow = await ssoFlow(browser, "github", "suspended-sso@coder.com", {
      redirect: "/settings/security",
    });
    expect(flow.done.status).toBe(307);
    expect(flow.done.headers.get("location")).toBe("/settings/security");
    expect(browser.jar.get("coder_session_token")).toBeTruthy();
    const me = await browser.request("GET", "/api/v2/users/me");
    expect(me.status).toBe(401);
    expect(me.headers.get("content-type")).toBe(JSON_TYPE);
    expect(me.json()).toEqual({
      message:
        'User is not active (status = "suspended"). Contact an admin to reactivate your account.',
    });
  });

  it("a GitHub identity outside the allowed organization: Go's http.Redirect with status 401", async () => {
    const browser = browserFor(newMock());
    const flow = await ssoFlow(browser, "github", "outsider@coder.com", {
      redirect: "/settings/security",
    });
    const location =
      "/login?message=You+aren%27t+a+member+of+the+authorized+Github+organizations%21&redirect=%2Fsettings%2Fsecurity";
    expect(flow.done.status).toBe(401);
    expect(flow.done.headers.get("location")).toBe(location);
    expect(flow.done.headers.get("content-type")).toBe(HTML_TYPE);
    expect(flow.done.text).toBe(
      `<a href="${location.replace("&", "&amp;")}">Unauthorized</a>.\n\n`,
    );
    expect(browser.jar.get("coder_session_token")).toBeUndefined();
    // On the OIDC side the same person simply has no account.
    const oidc = await ssoFlow(browserFor(newMock()), "oidc", "outsider@coder.com");
    expect(oidc.done.status).toBe(403);
    expect(oidc.done.text).toContain("<h1>Signups are disabled</h1>");
  });

  describe("when converting", () => {
    async function converting(provider: "github" | "oidc" = "oidc") {
      const { mock, browser } = await signedInBrowser();
      const res = await convert(browser, provider);
      const state = res.json<{ state_string: string }>().state_string;
      return { mock, browser, state };
    }

    it("an identity whose email matches no account: 400 JSON, and the password session lives on", async () => {
      const { browser, state } = await converting();
      const flow = await ssoFlow(browser, "oidc", "someone-else@coder.com", {
        oidc_merge_state: state,
        redirect: "/login?message=login-type-changed-oidc",
      });
      expect(flow.done.status).toBe(400);
      expect(flow.done.headers.get("content-type")).toBe(JSON_TYPE);
      expect(flow.done.text).toBe(
        '{"message":"The oidc account with the email \\"someone-else@coder.com\\" does not match the email of the account you are trying to convert. Contact your administrator to resolve this issue."}\n',
      );
      // The callback's own URL carries the convert- state: what a front door can go by.
      const back = new URL(flow.chosen.headers.get("location") ?? "", "http://x");
      expect(back.searchParams.get("state")).toBe(state);
      expect(flow.done.cookies).toEqual([]);
      const me = await browser.request("GET", "/api/v2/users/me");
      expect(me.json()).toMatchObject({ email: "member@coder.com", login_type: "password" });
      // The error path sets no cookies at all, so the conversion cookie is still there.
      expect(browser.jar.get("coder_oauth_convert_jwt")).toBeTruthy();
    });

    it("cancelled at the provider: the same 400 as a sign-in, with the convert- state in the URL", async () => {
      const { browser, state } = await converting("github");
      const flow = await ssoVia(browser, "github", "Cancel and return to Coder", {
        oidc_merge_state: state,
      });
      expect(flow.done.status).toBe(400);
      expect(flow.done.json()).toEqual({
        message: "Encountered error in oidc process: access_denied",
        detail: "The user cancelled the sign-in at the identity provider.",
      });
      const cancel = /<a href="([^"]+)">Cancel/.exec(flow.page.text)?.[1]?.replace(/&amp;/g, "&");
      expect(new URL(cancel ?? "", "http://x").searchParams.get("state")).toBe(state);
      expect((await browser.request("GET", "/api/v2/users/me")).status).toBe(200);
    });

    it("succeeding without a live session: Coder signs the browser in with the new method", async () => {
      const { mock, browser, state } = await converting("github");
      // The password session ended while the user was at the provider.
      browser.jar.delete("coder_session_token");
      const flow = await ssoFlow(browser, "github", "member@coder.com", {
        oidc_merge_state: state,
        redirect: "/login?message=login-type-changed-github",
      });
      expect(flow.done.status).toBe(307);
      expect(flow.done.headers.get("location")).toBe("/login?message=login-type-changed-github");
      const token = browser.jar.get("coder_session_token") as string;
      expect(token).toMatch(/^[0-9A-Za-z]{10}-[0-9A-Za-z]{22}$/);
      const me = await call(mock, "GET", "/api/v2/users/me", { headers: sessionHeader(token) });
      expect(me.json()).toMatchObject({ email: "member@coder.com", login_type: "github" });
    });
  });
});
