// Rate limiting (contract 1.5): 60/min for the login group and password changes, 512/min overall.
import { describe, expect, it } from "vitest";
import { call, newMock, sessionHeader, signIn, T0 } from "./test-helpers.ts";

const LOGIN = "/api/v2/users/login";
const WRONG = { email: "admin@coder.com", password: "wrong" };
const WINDOW_END = Math.floor((T0 - (T0 % 60_000) + 60_000) / 1000);

describe("the login group", () => {
  it("counts down in the headers and answers the 61st request with 429 and Retry-After", async () => {
    const mock = newMock();
    for (let i = 1; i <= 60; i++) {
      const res = await call(mock, "POST", LOGIN, { json: WRONG });
      expect(res.status).toBe(401);
      expect(res.headers.get("x-ratelimit-limit")).toBe("60");
      expect(res.headers.get("x-ratelimit-remaining")).toBe(String(60 - i));
      expect(res.headers.get("x-ratelimit-reset")).toBe(String(WINDOW_END));
    }
    const limited = await call(mock, "POST", LOGIN, { json: WRONG });
    expect(limited.status).toBe(429);
    expect(limited.text).toBe(
      '{"message":"You\'ve been rate limited for sending more than 60 requests in 1m0s."}\n',
    );
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
  });

  it("limits before reading the body, and even correct passwords", async () => {
    const mock = newMock();
    for (let i = 0; i < 60; i++) await call(mock, "POST", LOGIN, { body: "not json" });
    const res = await call(mock, "POST", LOGIN, {
      json: { email: "admin@coder.com", password: "SomeSecurePassword!" },
    });
    expect(res.status).toBe(429);
  });

  it("keeps one bucket per endpoint and per client address", async () => {
    const mock = newMock();
    for (let i = 0; i < 60; i++) await call(mock, "POST", LOGIN, { json: WRONG });
    expect((await call(mock, "POST", LOGIN, { json: WRONG })).status).toBe(429);
    const otherIp = await call(mock, "POST", LOGIN, { json: WRONG, clientIp: "198.51.100.7" });
    expect(otherIp.status).toBe(401);
    const otherPath = await call(mock, "POST", "/api/v2/users/otp/request", {
      json: { email: "nobody@coder.com" },
    });
    expect(otherPath.status).toBe(204);
    expect(otherPath.headers.get("x-ratelimit-remaining")).toBe("59");
  });

  it("recovers as the clock moves: partly a window later (sliding estimate), fully after an idle window", async () => {
    const mock = newMock();
    for (let i = 0; i < 60; i++) await call(mock, "POST", LOGIN, { json: WRONG });
    mock.advanceClock(60_000);
    // 10 s into the next window: 60 × 50/60 = 50 counted from the previous window.
    const partly = await call(mock, "POST", LOGIN, { json: WRONG });
    expect(partly.status).toBe(401);
    expect(partly.headers.get("x-ratelimit-remaining")).toBe("9");
    // Once a whole window has passed without requests, nothing is carried over.
    mock.advanceClock(120_000);
    const fully = await call(mock, "POST", LOGIN, { json: WRONG });
    expect(fully.headers.get("x-ratelimit-remaining")).toBe("59");
  });

  it("covers validate-password, both OTP endpoints and the SSO callbacks", async () => {
    const mock = newMock();
    for (const [method, path] of [
      ["POST", "/api/v2/users/validate-password"],
      ["POST", "/api/v2/users/otp/request"],
      ["POST", "/api/v2/users/otp/change-password"],
      ["GET", "/api/v2/users/oauth2/github/callback"],
      ["GET", "/api/v2/users/oidc/callback"],
    ] as const) {
      const res = await call(mock, method, path, method === "POST" ? { json: {} } : {});
      expect(res.headers.get("x-ratelimit-limit"), path).toBe("60");
    }
  });

  it("is off with rate limits disabled (--dangerous-disable-rate-limits)", async () => {
    const mock = newMock({ config: { rateLimits: false } });
    for (let i = 0; i < 70; i++) {
      const res = await call(mock, "POST", LOGIN, { json: WRONG });
      expect(res.status).toBe(401);
      expect(res.headers.get("x-ratelimit-limit")).toBeNull();
    }
  });

  it("resets with the mock", async () => {
    const mock = newMock();
    for (let i = 0; i < 61; i++) await call(mock, "POST", LOGIN, { json: WRONG });
    mock.reset();
    expect((await call(mock, "POST", LOGIN, { json: WRONG })).status).toBe(401);
  });
});

describe("PUT /users/{user}/password", () => {
  it("counts per signed-in user, not per address", async () => {
    const mock = newMock();
    const admin = await signIn(mock, "admin@coder.com");
    const member = await signIn(mock, "member@coder.com");
    const put = (token: string) =>
      call(mock, "PUT", "/api/v2/users/me/password", {
        headers: sessionHeader(token),
        json: { old_password: "wrong", password: "Another-Secure-Passw0rd!" },
      });
    for (let i = 0; i < 60; i++) expect((await put(admin)).status).toBe(400);
    expect((await put(admin)).status).toBe(429);
    expect((await put(member)).status).toBe(400);
  });

  it("lets an owner skip the limit with X-Coder-Bypass-Ratelimit, and tells anyone else 428", async () => {
    const mock = newMock();
    const admin = await signIn(mock, "admin@coder.com");
    const member = await signIn(mock, "member@coder.com");
    const put = (token: string) =>
      call(mock, "PUT", "/api/v2/users/me/password", {
        headers: { ...sessionHeader(token), "X-Coder-Bypass-Ratelimit": "true" },
        json: { old_password: "wrong", password: "Another-Secure-Passw0rd!" },
      });
    for (let i = 0; i < 65; i++) expect((await put(admin)).status).toBe(400);
    const refused = await put(member);
    expect(refused.status).toBe(428);
    expect(refused.text).toBe('"X-Coder-Bypass-Ratelimit" provided but user is not owner\n');
  });
});

describe("the global /api/v2 limit", () => {
  it("allows 512 requests a minute per endpoint and address", async () => {
    const mock = newMock();
    let last = await call(mock, "GET", "/api/v2/buildinfo");
    expect(last.headers.get("x-ratelimit-limit")).toBe("512");
    for (let i = 1; i < 512; i++) last = await call(mock, "GET", "/api/v2/buildinfo");
    expect(last.status).toBe(200);
    const limited = await call(mock, "GET", "/api/v2/buildinfo");
    expect(limited.status).toBe(429);
    expect(limited.json()).toEqual({
      message: "You've been rate limited for sending more than 512 requests in 1m0s.",
    });
  });
});
