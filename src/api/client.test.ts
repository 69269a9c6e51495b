import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { apiRequest, REQUEST_TIMEOUT_MS } from "./client.ts";
import { ApiError, parseRetryAfter } from "./errors.ts";
import { User } from "./schemas.ts";
import { object } from "./shape.ts";

// Node's fetch needs absolute URLs; the client uses same-origin paths as a browser would.
const ORIGIN = "http://app.test";
const server = setupServer();

beforeAll(() => {
  server.listen({ onUnhandledFrame: "error" });
  const interceptedFetch = globalThis.fetch;
  vi.stubGlobal("fetch", (input: RequestInfo | URL, init?: RequestInit) =>
    interceptedFetch(new URL(String(input), ORIGIN), init),
  );
});
afterEach(() => server.resetHandlers());
afterAll(() => {
  server.close();
  vi.unstubAllGlobals();
});

const user = {
  id: "u1",
  username: "admin",
  email: "admin@coder.com",
  status: "active",
  login_type: "password",
  roles: [{ name: "owner", display_name: "Owner" }],
  organization_ids: [],
  some_future_field: { nested: true },
};

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error("expected the request to fail");
}

describe("apiRequest", () => {
  it("sends JSON with same-origin credentials and parses the answer, tolerating new fields", async () => {
    let seen: Request | undefined;
    server.use(
      http.post(`${ORIGIN}/api/v2/users/login`, ({ request }) => {
        seen = request.clone();
        return HttpResponse.json(user, { status: 201 });
      }),
    );
    const result = await apiRequest("/users/login", {
      method: "POST",
      body: { a: 1 },
      schema: User,
    });
    expect(result.email).toBe("admin@coder.com");
    expect(seen?.headers.get("content-type")).toBe("application/json");
    expect(await seen?.json()).toEqual({ a: 1 });
  });

  it("returns undefined for 204 without a schema", async () => {
    server.use(
      http.post(
        `${ORIGIN}/api/v2/users/otp/request`,
        () => new HttpResponse(null, { status: 204 }),
      ),
    );
    await expect(
      apiRequest("/users/otp/request", { method: "POST", body: {} }),
    ).resolves.toBeUndefined();
  });

  it("carries Coder's message, detail and validations", async () => {
    server.use(
      http.post(`${ORIGIN}/api/v2/users/otp/change-password`, () =>
        HttpResponse.json(
          {
            message: "Invalid password.",
            validations: [
              { field: "password", detail: "insecure password, try using a longer password" },
            ],
          },
          { status: 400 },
        ),
      ),
    );
    const error = await failure(
      apiRequest("/users/otp/change-password", { method: "POST", body: {} }),
    );
    expect(error).toMatchObject({
      kind: "response",
      status: 400,
      message: "Invalid password.",
      fromServer: true,
    });
    expect(error.fieldError("password")).toBe("insecure password, try using a longer password");
  });

  it("reads Retry-After on 429", async () => {
    server.use(
      http.post(`${ORIGIN}/api/v2/users/login`, () =>
        HttpResponse.json(
          { message: "You've been rate limited for sending more than 60 requests in 1m0s." },
          { status: 429, headers: { "Retry-After": "60" } },
        ),
      ),
    );
    const error = await failure(apiRequest("/users/login", { method: "POST", body: {} }));
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(60);
  });

  it("never shows a proxy's HTML error page: 502 becomes our own words", async () => {
    server.use(
      http.get(`${ORIGIN}/api/v2/users/me`, () =>
        HttpResponse.html(
          "<html><body><h1>502 Bad Gateway</h1><script>x()</script></body></html>",
          {
            status: 502,
          },
        ),
      ),
    );
    const error = await failure(apiRequest("/users/me", { schema: User }));
    expect(error).toMatchObject({ kind: "response", status: 502, fromServer: false });
    expect(error.message).toBe("The server is unavailable right now. Try again in a moment.");
    expect(error.message).not.toContain("<");
  });

  it("maps Coder's text/plain CSRF failure to advice", async () => {
    server.use(
      http.post(`${ORIGIN}/api/v2/users/logout`, () =>
        HttpResponse.text(
          "Something is wrong with your CSRF token. Please refresh the page. If this error persists, try clearing your cookies.",
          { status: 400 },
        ),
      ),
      // No fresh token to be had (Coder's page is unreachable), so nothing to retry with.
      http.get(`${ORIGIN}/`, () => new HttpResponse(null, { status: 502 })),
    );
    const error = await failure(apiRequest("/users/logout", { method: "POST" }));
    expect(error.message).toMatch(/Reload the page/);
  });

  it.each([
    ["an HTML page", "<!doctype html><title>Login</title>"],
    ["a truncated body", '{"id":"u1","email":"admin@co'],
    ["the wrong shape", '{"id":42}'],
    ["an empty body", ""],
  ])("a 200 with %s is a malformed-response error, not a crash", async (_, body) => {
    server.use(
      http.get(
        `${ORIGIN}/api/v2/users/me`,
        () =>
          new HttpResponse(body, { status: 200, headers: { "Content-Type": "application/json" } }),
      ),
    );
    const error = await failure(apiRequest("/users/me", { schema: User }));
    expect(error.kind).toBe("malformed");
    expect(error.message).toMatch(/couldn't read/);
  });

  it("an error body that is JSON but not Coder's shape gets a status-based message", async () => {
    server.use(
      http.get(`${ORIGIN}/api/v2/buildinfo`, () =>
        HttpResponse.json({ error: "nope" }, { status: 500 }),
      ),
    );
    const error = await failure(apiRequest("/buildinfo", { schema: object({}) }));
    expect(error.message).toBe("Something went wrong on the server. Try again in a moment.");
  });

  it("a dropped connection is a network error", async () => {
    server.use(http.get(`${ORIGIN}/api/v2/users/me`, () => HttpResponse.error()));
    const error = await failure(apiRequest("/users/me", { schema: User }));
    expect(error).toMatchObject({ kind: "network", status: 0 });
    expect(error.message).toMatch(/Can't reach the server/);
  });

  it("gives up on an answer that never comes", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      server.use(http.get(`${ORIGIN}/api/v2/users/me`, () => new Promise<never>(() => {})));
      const pending = failure(apiRequest("/users/me", { schema: User }));
      await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS + 1);
      const error = await pending;
      expect(error.kind).toBe("timeout");
      expect(error.message).toMatch(/taking too long/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a caller's abort is passed through, not reported as a failure", async () => {
    server.use(http.get(`${ORIGIN}/api/v2/users/me`, () => new Promise<never>(() => {})));
    const controller = new AbortController();
    const pending = apiRequest("/users/me", { schema: User, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.not.toBeInstanceOf(ApiError);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("60")).toBe(60);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30);
  });
});
