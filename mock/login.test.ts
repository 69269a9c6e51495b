// POST /users/login, /users/logout, /users/me and the session rules (contract 1.1–1.3, 1.6, 1.7, 2.1, 2.7).
import { describe, expect, it } from "vitest";
import { SEEDED_IDS, SEEDED_PASSWORD } from "./seed.ts";
import { call, cookieOf, newMock, ORIGIN, sessionHeader, signIn, T0 } from "./test-helpers.ts";

const LOGIN = "/api/v2/users/login";
const SIGNED_OUT =
  "You are signed out or your session has expired. Please sign in again to continue.";
const TOKEN = /^[0-9A-Za-z]{10}-[0-9A-Za-z]{22}$/;

describe("POST /users/login: success", () => {
  it("answers 201 with the token, and the same token in an HttpOnly, Lax, one-year cookie", async () => {
    const mock = newMock();
    const res = await call(mock, "POST", LOGIN, {
      json: { email: "admin@coder.com", password: SEEDED_PASSWORD },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const token = res.json<{ session_token: string }>().session_token;
    expect(token).toMatch(TOKEN);
    expect(res.text).toBe(`{"session_token":"${token}"}\n`);
    expect(res.cookies).toContain(
      `coder_session_token=${token}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`,
    );
  });

  it("marks the cookie Secure when the request came over https", async () => {
    const res = await call(newMock(), "POST", LOGIN, {
      origin: "https://coder.example.com",
      json: { email: "admin@coder.com", password: SEEDED_PASSWORD },
    });
    const token = res.json<{ session_token: string }>().session_token;
    expect(res.cookies).toContain(
      `coder_session_token=${token}; Path=/; Max-Age=31536000; HttpOnly; Secure; SameSite=Lax`,
    );
  });

  it("matches the email case-insensitively, and field names too; ignores unknown fields and trailing bytes", async () => {
    const mock = newMock();
    const a = await call(mock, "POST", LOGIN, {
      json: { email: "ADMIN@Coder.com", password: SEEDED_PASSWORD },
    });
    expect(a.status).toBe(201);
    const b = await call(mock, "POST", LOGIN, {
      body: `{"EMAIL":"member@coder.com","Password":"${SEEDED_PASSWORD}","remember":true} trailing`,
    });
    expect(b.status).toBe(201);
  });

  it("every response carries the build version and nosniff headers", async () => {
    const res = await call(newMock(), "POST", LOGIN, { json: {} });
    expect(res.headers.get("x-coder-build-version")).toMatch(/^v\d+\.\d+\.\d+/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("POST /users/login: body and validation errors (row 1)", () => {
  it("lists every failing field in struct order with go-playground's detail", async () => {
    const res = await call(newMock(), "POST", LOGIN, { json: {} });
    expect(res.status).toBe(400);
    expect(res.text).toBe(
      '{"message":"Validation failed.","validations":[' +
        '{"field":"email","detail":"Validation failed for tag \\"required\\" with value: \\"\\""},' +
        '{"field":"password","detail":"Validation failed for tag \\"required\\" with value: \\"\\""}]}\n',
    );
  });

  it("reports the email tag with the value, and only the first failing tag per field", async () => {
    const res = await call(newMock(), "POST", LOGIN, { json: { email: "foo", password: "x" } });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      message: "Validation failed.",
      validations: [
        { field: "email", detail: 'Validation failed for tag "email" with value: "foo"' },
      ],
    });
  });

  it("treats a JSON null body as an empty struct", async () => {
    const res = await call(newMock(), "POST", LOGIN, { body: "null" });
    expect(res.status).toBe(400);
    expect(res.json<{ validations: unknown[] }>().validations).toHaveLength(2);
  });

  it.each([
    ["", "EOF"],
    ["   \n", "EOF"],
    ["x", "invalid character 'x' looking for beginning of value"],
    ['{"email":', "unexpected EOF"],
    ['{"email" "a"}', "invalid character '\"' after object key"],
    [
      '{"email": 5, "password": "x"}',
      "json: cannot unmarshal number into Go struct field LoginWithPasswordRequest.email of type string",
    ],
    ["[]", "json: cannot unmarshal array into Go value of type codersdk.LoginWithPasswordRequest"],
  ])("answers 400 'Request body must be valid JSON.' for %j", async (body, detail) => {
    const res = await call(newMock(), "POST", LOGIN, { body });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ message: "Request body must be valid JSON.", detail });
  });

  it("answers 413 for a body over 4 MiB, and accepts exactly 4 MiB", async () => {
    const mock = newMock();
    const prefix = '{"email":"admin@coder.com","password":"';
    const fill = (size: number) => `${prefix}${"a".repeat(size - prefix.length - 2)}"}`;
    const over = await call(mock, "POST", LOGIN, { body: fill(4_194_305) });
    expect(over.status).toBe(413);
    expect(over.json()).toEqual({
      message: "Request body too large.",
      detail: "Maximum request body size is 4194304 bytes.",
    });
    const exact = await call(mock, "POST", LOGIN, { body: fill(4_194_304) });
    expect(exact.status).toBe(401);
  });

  it("answers deeply nested bodies with Go's 400, never a 500 (authcheck reads any JSON)", async () => {
    const mock = newMock();
    const token = await signIn(mock, "admin@coder.com");
    for (const [path, headers] of [
      [LOGIN, {}],
      ["/api/v2/authcheck", sessionHeader(token)],
    ] as const) {
      const ok = await call(mock, "POST", path, {
        body: "[".repeat(3_000) + "]".repeat(3_000),
        headers,
      });
      expect(ok.status).toBe(400);
      expect(ok.text).not.toContain("stack");
      const deep = await call(mock, "POST", path, { body: "[".repeat(20_000), headers });
      expect(deep.status).toBe(400);
      expect(deep.json()).toEqual({
        message: "Request body must be valid JSON.",
        detail: "invalid character '[' exceeded max depth",
      });
    }
  });

  it("escapes HTML in JSON like Go", async () => {
    const res = await call(newMock(), "POST", LOGIN, { json: { email: "<a>&", password: "x" } });
    expect(res.text).toContain('with value: \\"\\u003ca\\u003e\\u0026\\""');
  });
});

describe("POST /users/login: the order of the remaining checks", () => {
  it("row 3: unknown email, wrong password and password-less SSO accounts are all 401", async () => {
    const mock = newMock();
    for (const [email, password] of [
      ["nobody@coder.com", SEEDED_PASSWORD],
      ["admin@coder.com", "wrong"],
      ["github@coder.com", SEEDED_PASSWORD],
      ["oidc@coder.com", ""],
    ] as const) {
      const res = await call(mock, "POST", LOGIN, { json: { email, password: password || "x" } });
      expect(res.status).toBe(401);
      expect(res.json()).toEqual({ message: "Incorrect email or password." });
      expect(cookieOf(res.cookies, "coder_session_token")).toBeUndefined();
    }
  });

  it("row 4: password login disabled shows only after a correct password", async () => {
    const mock = newMock({ config: { passwordAuth: false } });
    const wrong = await call(mock, "POST", LOGIN, {
      json: { email: "admin@coder.com", password: "wrong" },
    });
    expect(wrong.status).toBe(401);
    const right = await call(mock, "POST", LOGIN, {
      json: { email: "admin@coder.com", password: SEEDED_PASSWORD },
    });
    expect(right.status).toBe(403);
    expect(right.json()).toEqual({ message: "Password authentication is disabled." });
  });

  it("row 5: an SSO account that acquired a password through the reset flow gets the login-type error", async () => {
    const mock = newMock();
    await call(mock, "POST", "/api/v2/users/otp/request", { json: { email: "oidc@coder.com" } });
    const otp = mock.mail.at(-1)?.otp as string;
    const changed = await call(mock, "POST", "/api/v2/users/otp/change-password", {
      json: { email: "oidc@coder.com", password: "Brand-New-Passw0rd!", one_time_passcode: otp },
    });
    expect(changed.status).toBe(204);
    const res = await call(mock, "POST", LOGIN, {
      json: { email: "oidc@coder.com", password: "Brand-New-Passw0rd!" },
    });
    expect(res.status).toBe(403);
    expect(res.json()).toEqual({
      message:
        'Incorrect login type, attempting to use "password" but user is of login type "oidc"',
    });
  });

  it("row 6: a dormant account is reactivated by signing in", async () => {
    const mock = newMock();
    await call(mock, "PUT", `/__mock/users/${SEEDED_IDS.member}`, { json: { status: "dormant" } });
    const token = await signIn(mock, "member@coder.com");
    const me = await call(mock, "GET", "/api/v2/users/me", { headers: sessionHeader(token) });
    expect(me.json<{ status: string }>().status).toBe("active");
  });

  it("row 7: a suspended account with the right password is 401 with its status", async () => {
    const res = await call(newMock(), "POST", LOGIN, {
      json: { email: "suspended@coder.com", password: SEEDED_PASSWORD },
    });
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({
      message: "Your account is suspended. Contact an admin to reactivate your account.",
    });
  });
});

describe("authentication on signed-in routes", () => {
  const ME = "/api/v2/users/me";

  it("explains a missing session", async () => {
    const res = await call(newMock(), "GET", ME);
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({
      message: SIGNED_OUT,
      detail: 'Cookie "coder_session_token" or query parameter must be provided.',
    });
  });

  it("distinguishes a malformed token, an unknown key and a wrong secret", async () => {
    const mock = newMock();
    const token = await signIn(mock, "member@coder.com");
    const detail = async (t: string) =>
      (await call(mock, "GET", ME, { headers: sessionHeader(t) })).json<{ detail: string }>()
        .detail;
    expect(await detail("not-a-token-at-all")).toMatch(/^Invalid API key format: /);
    expect(await detail("abc")).toMatch(/^Invalid API key format: /);
    expect(await detail("0123456789-0123456789012345678901")).toBe("API key is invalid.");
    expect(await detail(`${token.slice(0, 11)}${"x".repeat(22)}`)).toBe(
      "API key secret is invalid.",
    );
  });

  it("looks for the token in the cookie, ?coder_session_token, Coder-Session-Token, Bearer, ?access_token, in that order", async () => {
    const mock = newMock();
    const member = await signIn(mock, "member@coder.com");
    const admin = await signIn(mock, "admin@coder.com");
    const who = async (path: string, headers: Record<string, string>) =>
      (await call(mock, "GET", path, { headers })).json<{ email: string }>().email;
    // The member's token sits in the earlier place each time, the admin's in the later one.
    expect(
      await who(`${ME}?coder_session_token=${admin}`, { cookie: `coder_session_token=${member}` }),
    ).toBe("member@coder.com");
    expect(await who(`${ME}?coder_session_token=${member}`, { "Coder-Session-Token": admin })).toBe(
      "member@coder.com",
    );
    expect(await who(ME, { "Coder-Session-Token": member, authorization: `Bearer ${admin}` })).toBe(
      "member@coder.com",
    );
    expect(await who(`${ME}?access_token=${admin}`, { authorization: `Bearer ${member}` })).toBe(
      "member@coder.com",
    );
    expect(await who(`${ME}?access_token=${member}`, {})).toBe("member@coder.com");
  });

  it("expires a session 24 hours after its last refresh, refreshing only once an hour has passed", async () => {
    const mock = newMock();
    const token = await signIn(mock, "member@coder.com");
    const me = () => call(mock, "GET", ME, { headers: sessionHeader(token) });

    mock.advanceClock(30 * 60_000); // 23.5 h left: more than lifetime − 1 h, so no refresh
    expect((await me()).status).toBe(200);
    mock.advanceClock(23 * 60 * 60_000 + 31 * 60_000); // 24 h 1 min after sign-in
    const expired = await me();
    expect(expired.status).toBe(401);
    expect(expired.json<{ message: string; detail: string }>()).toEqual({
      message: SIGNED_OUT,
      detail: 'API key expired at "2026-03-03 10:00:10 +0000 UTC".',
    });
  });

  it("slides the expiry forward on use", async () => {
    const mock = newMock();
    const token = await signIn(mock, "member@coder.com");
    const me = () => call(mock, "GET", ME, { headers: sessionHeader(token) });
    mock.advanceClock(2 * 60 * 60_000);
    expect((await me()).status).toBe(200); // refreshed: now valid until T0 + 26 h
    mock.advanceClock(23 * 60 * 60_000);
    expect((await me()).status).toBe(200);
  });

  it("rejects the session of a user suspended after signing in", async () => {
    const mock = newMock();
    const token = await signIn(mock, "member@coder.com");
    await call(mock, "PUT", "/__mock/users/member@coder.com", { json: { status: "suspended" } });
    const res = await call(mock, "GET", ME, { headers: sessionHeader(token) });
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({
      message:
        'User is not active (status = "suspended"). Contact an admin to reactivate your account.',
    });
  });
});

describe("GET /users/me and /users/{user}", () => {
  it("describes the signed-in user in Coder's User shape", async () => {
    const mock = newMock();
    const token = await signIn(mock, "admin@coder.com");
    const res = await call(mock, "GET", "/api/v2/users/me", { headers: sessionHeader(token) });
    expect(res.status).toBe(200);
    const user = res.json<Record<string, unknown>>();
    expect(user).toMatchObject({
      id: SEEDED_IDS.admin,
      username: "admin",
      email: "admin@coder.com",
      status: "active",
      login_type: "password",
      organization_ids: ["c0de0000-0000-4000-8000-00000000000a"],
      roles: [{ name: "owner", display_name: "Owner" }],
      has_ai_seat: false,
    });
    expect(user.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(user.last_seen_at).toBe(new Date(T0).toISOString().replace(".000", ""));
  });

  it("lets a member read only themselves, by username or id", async () => {
    const mock = newMock();
    const token = await signIn(mock, "member@coder.com");
    const get = (who: string) =>
      call(mock, "GET", `/api/v2/users/${who}`, { headers: sessionHeader(token) });
    expect((await get("member")).status).toBe(200);
    expect((await get(SEEDED_IDS.member)).status).toBe(200);
    const other = await get("admin");
    expect(other.status).toBe(404);
    expect(other.json()).toEqual({
      message: "Resource not found or you do not have access to this resource",
    });
    const unknown = await get("nobody");
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toEqual({
      message: '"user" must be an existing uuid or username.',
      detail: 'queried user="nobody"',
    });
  });

  it("answers GET /users/{user}/login-type for yourself only", async () => {
    const mock = newMock();
    const token = await signIn(mock, "admin@coder.com");
    const mine = await call(mock, "GET", "/api/v2/users/me/login-type", {
      headers: sessionHeader(token),
    });
    expect(mine.json()).toEqual({ login_type: "password" });
    const theirs = await call(mock, "GET", "/api/v2/users/member/login-type", {
      headers: sessionHeader(token),
    });
    expect(theirs.status).toBe(403);
    expect(theirs.json()).toEqual({
      message: "You are not authorized to view this user's login type.",
    });
  });
});

describe("POST /users/logout", () => {
  it("deletes the key and the cookie", async () => {
    const mock = newMock();
    const token = await signIn(mock, "member@coder.com");
    const res = await call(mock, "POST", "/api/v2/users/logout", { headers: sessionHeader(token) });
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"message":"Logged out!"}\n');
    expect(res.cookies).toContain("coder_session_token=; Path=/; Max-Age=0; SameSite=Lax");
    const me = await call(mock, "GET", "/api/v2/users/me", { headers: sessionHeader(token) });
    expect(me.json<{ detail: string }>().detail).toBe("API key is invalid.");
  });

  it("needs a session", async () => {
    const res = await call(newMock(), "POST", "/api/v2/users/logout");
    expect(res.status).toBe(401);
  });
});

describe("public deployment endpoints", () => {
  it("GET /users/authmethods follows the config, camelCase OIDC fields, no terms URL unless set", async () => {
    const mock = newMock();
    const res = await call(mock, "GET", "/api/v2/users/authmethods");
    expect(res.text).toBe(
      '{"password":{"enabled":true},"github":{"enabled":true,"default_provider_configured":false},' +
        '"oidc":{"enabled":true,"signInText":"OpenID Connect","iconUrl":""}}\n',
    );
    mock.config.passwordAuth = false;
    mock.config.github = false;
    mock.config.oidcSignInText = "Okta";
    mock.config.oidcIconUrl = "/okta.svg";
    mock.config.termsOfServiceUrl = "https://example.com/tos";
    expect((await call(mock, "GET", "/api/v2/users/authmethods")).json()).toEqual({
      terms_of_service_url: "https://example.com/tos",
      password: { enabled: false },
      github: { enabled: false, default_provider_configured: false },
      oidc: { enabled: true, signInText: "Okta", iconUrl: "/okta.svg" },
    });
  });

  it("GET /buildinfo and GET /users/first need no session", async () => {
    const mock = newMock();
    const info = await call(mock, "GET", "/api/v2/buildinfo");
    expect(info.status).toBe(200);
    expect(info.json()).toMatchObject({
      version: "v2.30.0-mock",
      dashboard_url: ORIGIN,
      telemetry: false,
      workspace_proxy: false,
    });
    expect(info.json<{ version: string }>().version).toBe(
      info.headers.get("x-coder-build-version"),
    );
    const first = await call(mock, "GET", "/api/v2/users/first");
    expect(first.status).toBe(200);
    expect(first.json()).toEqual({ message: "The initial user has already been created!" });
  });

  it("POST /users/first validates, then refuses: the deployment already has its first user", async () => {
    const mock = newMock();
    const bad = await call(mock, "POST", "/api/v2/users/first", {
      json: { email: "x@coder.com", username: "-bad-", password: "p" },
    });
    expect(bad.json<{ validations: Array<{ field: string }> }>().validations).toEqual([
      { field: "username", detail: 'Validation failed for tag "username" with value: "-bad-"' },
    ]);
    const res = await call(mock, "POST", "/api/v2/users/first", {
      json: { email: "x@coder.com", username: "x", password: "p" },
    });
    expect(res.status).toBe(409);
    expect(res.json()).toEqual({ message: "The initial user has already been created." });
  });

  it("answers unknown API paths with Coder's 404 and wrong methods with 405", async () => {
    const mock = newMock();
    const missing = await call(mock, "GET", "/api/v2/nothing-here");
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ message: "Route not found." });
    expect(missing.headers.get("x-coder-build-version")).not.toBeNull();
    const method = await call(mock, "DELETE", "/api/v2/users/authmethods");
    expect(method.status).toBe(405);
  });
});
