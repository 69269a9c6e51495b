// CSRF (contract 1.4): nosurf's cookie, coderd's exemptions and its text/plain failure.
import { describe, expect, it } from "vitest";
import { call, cookieOf, newMock, signIn } from "./test-helpers.ts";

const FAILURE =
  "Something is wrong with your CSRF token. Please refresh the page. If this error persists, try clearing your cookies.";
const LOGOUT = "/api/v2/users/logout";

describe("the csrf_token cookie", () => {
  it("is issued on any API response when the request has none, as an HttpOnly session cookie", async () => {
    const res = await call(newMock(), "GET", "/api/v2/buildinfo");
    const line = res.cookies.find((c) => c.startsWith("csrf_token="));
    expect(line).toMatch(/^csrf_token=[A-Za-z0-9+/]{43}=; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(res.headers.get("vary")).toBe("Cookie");
  });

  it("is not reissued when the request carries a valid one", async () => {
    const mock = newMock();
    const first = await call(mock, "GET", "/api/v2/buildinfo");
    const csrf = cookieOf(first.cookies, "csrf_token");
    const again = await call(mock, "GET", "/api/v2/buildinfo", {
      headers: { cookie: `csrf_token=${csrf}` },
    });
    expect(cookieOf(again.cookies, "csrf_token")).toBeUndefined();
  });

  it("is issued even on the login response", async () => {
    const res = await call(newMock(), "POST", "/api/v2/users/login", {
      json: { email: "admin@coder.com", password: "SomeSecurePassword!" },
    });
    expect(cookieOf(res.cookies, "csrf_token")).toBeDefined();
  });
});

describe("unsafe requests with a session cookie", () => {
  async function browser() {
    const mock = newMock();
    const token = await signIn(mock, "member@coder.com");
    const doc = mock.csrfForDocument(null);
    const csrfCookie = cookieOf(doc.setCookie ? [doc.setCookie] : [], "csrf_token");
    const cookie = `coder_session_token=${token}; csrf_token=${csrfCookie}`;
    return { mock, token, cookie, csrf: doc.token };
  }

  it("fail without X-CSRF-TOKEN: 400, text/plain, the exact message", async () => {
    const { mock, cookie } = await browser();
    const res = await call(mock, "POST", LOGOUT, { headers: { cookie } });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.text).toBe(`${FAILURE}\n`);
  });

  it("pass with the token from the HTML document", async () => {
    const { mock, cookie, csrf } = await browser();
    const res = await call(mock, "POST", LOGOUT, {
      headers: { cookie, "X-CSRF-TOKEN": csrf },
    });
    expect(res.status).toBe(200);
  });

  it("fail with a token made for another csrf cookie, or a garbled one", async () => {
    const { mock, cookie } = await browser();
    const otherToken = mock.csrfForDocument(null).token;
    for (const token of [otherToken, "garbage", ""]) {
      const res = await call(mock, "POST", LOGOUT, { headers: { cookie, "X-CSRF-TOKEN": token } });
      expect(res.status).toBe(400);
    }
  });

  it("fail when there is no csrf cookie at all (and get one for next time)", async () => {
    const { mock, token, csrf } = await browser();
    const res = await call(mock, "POST", LOGOUT, {
      headers: { cookie: `coder_session_token=${token}`, "X-CSRF-TOKEN": csrf },
    });
    expect(res.status).toBe(400);
    expect(cookieOf(res.cookies, "csrf_token")).toBeDefined();
  });

  it("give the longer message when the cookie and the Coder-Session-Token header disagree", async () => {
    const { mock, cookie } = await browser();
    const other = await signIn(mock, "admin@coder.com");
    const res = await call(mock, "POST", LOGOUT, {
      headers: { cookie, "Coder-Session-Token": other },
    });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(
      /^CSRF error encountered\. Authentication via "coder_session_token" cookie and "Coder-Session-Token" header detected, but the values do not match\./,
    );
  });

  it("are exempt when the Coder-Session-Token header equals the cookie", async () => {
    const { mock, token } = await browser();
    const res = await call(mock, "POST", LOGOUT, {
      headers: { cookie: `coder_session_token=${token}`, "Coder-Session-Token": token },
    });
    expect(res.status).toBe(200);
  });

  it("are exempt with an Authorization: Bearer header", async () => {
    const { mock, token } = await browser();
    const res = await call(mock, "POST", LOGOUT, {
      headers: { cookie: `coder_session_token=${token}`, authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
  });

  it("are exempt on /users/first", async () => {
    const { mock, cookie } = await browser();
    const res = await call(mock, "POST", "/api/v2/users/first", { headers: { cookie }, json: {} });
    expect(res.status).toBe(400);
    expect(res.json<{ message: string }>().message).toBe("Validation failed.");
  });
});

describe("requests that are never checked", () => {
  it("GET with a session cookie and no token", async () => {
    const mock = newMock();
    const token = await signIn(mock, "member@coder.com");
    const res = await call(mock, "GET", "/api/v2/users/me", {
      headers: { cookie: `coder_session_token=${token}` },
    });
    expect(res.status).toBe(200);
  });

  it("POST without a session cookie (signed-out forms, header authentication)", async () => {
    const mock = newMock();
    const res = await call(mock, "POST", "/api/v2/users/validate-password", {
      json: { password: "x" },
    });
    expect(res.status).toBe(200);
  });
});

describe("csrfForDocument", () => {
  it("reuses the request's cookie and masks the token differently every time", () => {
    const mock = newMock();
    const first = mock.csrfForDocument(null);
    expect(first.setCookie).toMatch(/^csrf_token=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
    const cookie = first.setCookie?.split(";")[0] ?? "";
    const a = mock.csrfForDocument(cookie);
    const b = mock.csrfForDocument(cookie);
    expect(a.setCookie).toBeUndefined();
    expect(a.token).not.toBe(b.token);
    expect(mock.csrfForDocument(null, { secure: true }).setCookie).toContain("; Secure;");
  });
});
