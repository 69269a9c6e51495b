// /__mock/*: reset, mailbox (JSON and HTML), clock, config, user status.
import { describe, expect, it } from "vitest";
import { PAGE_SECURITY_HEADERS } from "./html.ts";
import { call, newMock, signIn, T0 } from "./test-helpers.ts";

describe("POST /__mock/reset", () => {
  it("restores accounts, config, mailbox, sessions and clock", async () => {
    const mock = newMock();
    const token = await signIn(mock, "admin@coder.com");
    await call(mock, "PUT", "/api/v2/users/me/password", {
      headers: { "Coder-Session-Token": token },
      json: { old_password: "SomeSecurePassword!", password: "Another-Secure-Passw0rd!" },
    });
    await call(mock, "POST", "/api/v2/users/otp/request", { json: { email: "member@coder.com" } });
    await call(mock, "PUT", "/__mock/config", { json: { passwordAuth: false } });
    mock.advanceClock(60_000);

    const res = await call(mock, "POST", "/__mock/reset");
    expect(res.status).toBe(204);
    expect(mock.mail).toEqual([]);
    expect(mock.config.passwordAuth).toBe(true);
    expect(mock.now()).toBe(T0);
    await signIn(mock, "admin@coder.com", "SomeSecurePassword!");
  });
});

describe("the mailbox", () => {
  it("GET /__mock/mail lists mail oldest first in the documented shape", async () => {
    const mock = newMock();
    await call(mock, "POST", "/api/v2/users/otp/request", { json: { email: "member@coder.com" } });
    mock.advanceClock(1_500);
    await call(mock, "POST", "/api/v2/users/otp/request", { json: { email: "admin@coder.com" } });
    const res = await call(mock, "GET", "/__mock/mail");
    expect(res.status).toBe(200);
    const mail = res.json<Array<Record<string, string>>>();
    expect(mail.map((m) => [m.to, m.sent_at])).toEqual([
      ["member@coder.com", "2026-03-02T10:00:10Z"],
      ["admin@coder.com", "2026-03-02T10:00:11.5Z"],
    ]);
    expect(Object.keys(mail[0] ?? {})).toEqual(["to", "subject", "otp", "link", "sent_at"]);
  });

  it("GET /__mock/mailbox is a readable page with working, escaped links and no script", async () => {
    const mock = newMock();
    await call(mock, "POST", "/api/v2/users/otp/request", { json: { email: "member@coder.com" } });
    const otp = mock.mail[0]?.otp;
    for (const path of ["/__mock/mailbox", "/__mock/"]) {
      const res = await call(mock, "GET", path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.text).toContain('<html lang="en">');
      expect(res.text).toContain(
        `<a href="/reset-password/change?otp=${otp}&amp;email=member%40coder.com">`,
      );
      expect(res.text).not.toMatch(/<script|<style|\sstyle=/i);
    }
  });

  it("sends the mailbox and the provider's page with the app's security headers", async () => {
    // The mailbox lists passcodes and the provider's links carry OAuth state: neither may be
    // framed by another site, and neither URL may travel on as a referrer.
    const mock = newMock();
    for (const path of ["/__mock/mailbox", "/__mock/idp/github?state=s&code_challenge=c"]) {
      const res = await call(mock, "GET", path, { headers: { accept: "text/html" } });
      expect(res.status).toBe(200);
      for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) {
        expect(res.headers.get(name), `${path} ${name}`).toBe(value);
      }
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
  });
});

describe("POST /__mock/clock", () => {
  it("moves the clock forward", async () => {
    const mock = newMock();
    const res = await call(mock, "POST", "/__mock/clock", { json: { advance_ms: 20 * 60_000 } });
    expect(res.status).toBe(204);
    expect(mock.now()).toBe(T0 + 20 * 60_000);
  });

  it("refuses anything but a non-negative number", async () => {
    const mock = newMock();
    for (const body of [{}, { advance_ms: -1 }, { advance_ms: "5" }]) {
      expect((await call(mock, "POST", "/__mock/clock", { json: body })).status).toBe(400);
    }
    expect(mock.now()).toBe(T0);
  });
});

describe("/__mock/config", () => {
  it("returns the config and applies partial updates (camelCase or snake_case)", async () => {
    const mock = newMock();
    const initial = await call(mock, "GET", "/__mock/config");
    expect(initial.json()).toEqual({
      passwordAuth: true,
      github: true,
      oidc: true,
      oidcSignInText: "OpenID Connect",
      oidcIconUrl: "",
      rateLimits: true,
      sessionDurationMs: 86_400_000,
      githubDefaultProvider: false,
      appearance: "licensed",
      proxyTrustedHeaders: [],
      proxyTrustedOrigins: [],
      firstUserTrial: "granted",
    });
    const updated = await call(mock, "PUT", "/__mock/config", {
      json: {
        passwordAuth: false,
        terms_of_service_url: "https://example.com/tos",
        oidcSignInText: "Okta",
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.json()).toMatchObject({
      passwordAuth: false,
      termsOfServiceUrl: "https://example.com/tos",
      oidcSignInText: "Okta",
    });
    const methods = await call(mock, "GET", "/api/v2/users/authmethods");
    expect(methods.json()).toMatchObject({
      terms_of_service_url: "https://example.com/tos",
      password: { enabled: false },
      oidc: { signInText: "Okta" },
    });
    const cleared = await call(mock, "PUT", "/__mock/config", {
      json: { termsOfServiceUrl: null },
    });
    expect(cleared.json()).not.toHaveProperty("termsOfServiceUrl");
  });

  it("rejects unknown settings and wrong types", async () => {
    const mock = newMock();
    expect((await call(mock, "PUT", "/__mock/config", { json: { nope: 1 } })).status).toBe(400);
    expect((await call(mock, "PUT", "/__mock/config", { json: { github: "no" } })).status).toBe(
      400,
    );
    expect(mock.config.github).toBe(true);
  });

  it('{"reset": true} restores every setting, to what the mock was started with', async () => {
    const mock = newMock({ config: { oidcSignInText: "Okta" } });
    const started = (await call(mock, "GET", "/__mock/config")).json();
    await call(mock, "PUT", "/__mock/config", {
      json: {
        passwordAuth: false,
        termsOfServiceUrl: "https://example.com/tos",
        oidcSignInText: "Keycloak",
        proxyTrustedHeaders: ["X-Forwarded-For"],
        appearance: "agpl",
      },
    });
    const reset = await call(mock, "PUT", "/__mock/config", { json: { reset: true } });
    expect(reset.status).toBe(200);
    expect(reset.json()).toEqual(started);
    expect(reset.json()).toMatchObject({ oidcSignInText: "Okta", passwordAuth: true });
    // Settings beside it apply after the reset.
    const resetAndSet = await call(mock, "PUT", "/__mock/config", {
      json: { github: false, reset: true },
    });
    expect(resetAndSet.json()).toEqual({ ...(started as object), github: false });
    const bad = await call(mock, "PUT", "/__mock/config", { json: { reset: "yes" } });
    expect(bad.status).toBe(400);
    expect(mock.config.github).toBe(false);
  });
});

describe("PUT /__mock/users/{email or id}", () => {
  it("changes a user's status", async () => {
    const mock = newMock();
    const res = await call(mock, "PUT", "/__mock/users/member@coder.com", {
      json: { status: "suspended" },
    });
    expect(res.json()).toMatchObject({ email: "member@coder.com", status: "suspended" });
    const login = await call(mock, "POST", "/api/v2/users/login", {
      json: { email: "member@coder.com", password: "SomeSecurePassword!" },
    });
    expect(login.status).toBe(401);
  });
});

describe("ownership", () => {
  it("owns /api and /__mock on any origin, nothing else", () => {
    const mock = newMock();
    const owns = (url: string) => mock.owns(new URL(url));
    expect(owns("http://localhost:3000/api/v2/users/me")).toBe(true);
    expect(owns("https://any.example/api/v2/buildinfo")).toBe(true);
    expect(owns("http://localhost/__mock/mail")).toBe(true);
    expect(owns("http://localhost/login")).toBe(false);
    expect(owns("http://localhost/apiary")).toBe(false);
    expect(owns("http://localhost/assets/index.js")).toBe(false);
  });
});
