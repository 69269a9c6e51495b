// @vitest-environment jsdom
// The msw/node adapter in the environment component tests use: jsdom, a page origin, relative
// URLs, and cookies that persist between requests like a browser's.
import { describe, expect, it } from "vitest";
import { setupMockCoder } from "./test-setup.ts";

const { mock, cookies } = setupMockCoder();

async function login(url: string, email = "member@coder.com") {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "SomeSecurePassword!" }),
    credentials: "same-origin",
  });
}

describe("createMockServer", () => {
  it("answers relative URLs on the page's origin, and keeps the session cookie", async () => {
    expect(location.origin).toMatch(/^http:\/\/localhost/);
    const res = await login("/api/v2/users/login");
    expect(res.status).toBe(201);
    expect(cookies.get("coder_session_token")).toMatch(/^[A-Za-z0-9]{10}-[A-Za-z0-9]{22}$/);
    const me = await fetch("/api/v2/users/me", { credentials: "same-origin" });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe("member@coder.com");
  });

  it("starts every test signed out with fresh state", async () => {
    expect(cookies.get("coder_session_token")).toBeUndefined();
    const me = await fetch(`${location.origin}/api/v2/users/me`);
    expect(me.status).toBe(401);
    expect(mock.mail).toEqual([]);
  });

  it("matches by path on any origin", async () => {
    const res = await login("http://localhost/api/v2/users/login");
    expect(res.status).toBe(201);
  });

  it("needs the CSRF token once a session cookie exists, as a browser would", async () => {
    await login("/api/v2/users/login");
    const bare = await fetch("/api/v2/users/logout", { method: "POST" });
    expect(bare.status).toBe(400);
    const doc = mock.csrfForDocument(`csrf_token=${cookies.get("csrf_token")}`);
    const withToken = await fetch("/api/v2/users/logout", {
      method: "POST",
      headers: { "X-CSRF-TOKEN": doc.token },
    });
    expect(withToken.status).toBe(200);
    expect(cookies.get("coder_session_token")).toBeUndefined();
  });

  it("signs the conversion cookie under jsdom too", async () => {
    await login("/api/v2/users/login");
    const token = mock.csrfForDocument(`csrf_token=${cookies.get("csrf_token")}`).token;
    const res = await fetch("/api/v2/users/me/convert-login", {
      method: "POST",
      headers: { "content-type": "application/json", "X-CSRF-TOKEN": token },
      body: JSON.stringify({ to_type: "github", password: "SomeSecurePassword!" }),
    });
    expect(res.status).toBe(201);
    expect(cookies.get("coder_oauth_convert_jwt")?.split(".")).toHaveLength(3);
  });

  it("lets tests drive the clock and the config", async () => {
    await fetch("/api/v2/users/otp/request", {
      method: "POST",
      body: JSON.stringify({ email: "member@coder.com" }),
    });
    expect(mock.mail).toHaveLength(1);
    mock.config.passwordAuth = false;
    const res = await fetch("/api/v2/users/authmethods");
    expect(((await res.json()) as { password: { enabled: boolean } }).password.enabled).toBe(false);
  });
});
