// @vitest-environment jsdom
// (jsdom gives the page origin that the app's relative URLs resolve against.)
// The CSRF token without any help from the deployment: read from a page Coder renders, against
// the mock Coder behind msw (nosurf's real checks), plus the failure paths with msw overrides.
import { HttpResponse, http } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setupMockCoder } from "../../mock/test-setup.ts";
import { apiRequest } from "./client.ts";
import { loadCoderPage } from "./coder-page.ts";
import {
  CSRF_SOURCE_PATH,
  csrfTokenForRequest,
  knownCsrfToken,
  loadCsrfToken,
  resetCsrfToken,
} from "./csrf.ts";
import { ApiError } from "./errors.ts";

const PASSWORD = "SomeSecurePassword!";
const { mock, server, cookies } = setupMockCoder();

/** Every request the app made, as "METHOD /path". */
const seen: string[] = [];
server.events.on("request:start", ({ request }) => {
  const url = new URL(request.url);
  seen.push(`${request.method} ${url.pathname}`);
});
const pageLoads = () => seen.filter((line) => line === `GET ${CSRF_SOURCE_PATH}`).length;

afterEach(() => {
  resetCsrfToken();
  seen.length = 0;
  document.head.querySelector('meta[property="csrf-token"]')?.remove();
});

async function signIn(email = "member@coder.com") {
  await apiRequest("/users/login", { method: "POST", body: { email, password: PASSWORD } });
}

function putMeta(content: string) {
  const meta = document.createElement("meta");
  meta.setAttribute("property", "csrf-token");
  meta.content = content;
  document.head.append(meta);
}

describe("the token for signed-in requests", () => {
  it("comes from Coder's page, once, and lets a signed-in mutation through", async () => {
    await signIn();
    expect(knownCsrfToken()).toBeUndefined();
    const [a, b] = await Promise.all([loadCsrfToken(), loadCsrfToken()]);
    expect(a).toBeDefined();
    expect(b).toBe(a);
    expect(pageLoads()).toBe(1);
    await apiRequest("/users/me/password", {
      method: "PUT",
      body: { old_password: PASSWORD, password: "An0ther-Secure-Passw0rd!" },
    });
    // Still the one page load: the mutation used the token it had.
    expect(pageLoads()).toBe(1);
  });

  it("shares the one read of Coder's page with the sign-in page's branding", async () => {
    // A signed-out page reads Coder's page for the deployment's name and logo…
    expect(await loadCoderPage()).toMatchObject({ applicationName: "Coder" });
    await signIn();
    // …and the token in it serves the signed-in requests that follow: no second page load.
    expect(await loadCsrfToken()).toBeDefined();
    await apiRequest("/users/me/password", {
      method: "PUT",
      body: { old_password: PASSWORD, password: "An0ther-Secure-Passw0rd!" },
    });
    expect(pageLoads()).toBe(1);
  });

  it("is never fetched by reads or by signed-out requests", async () => {
    await apiRequest("/users/authmethods");
    await apiRequest("/users/otp/request", { method: "POST", body: { email: "a@coder.com" } });
    await signIn();
    expect(pageLoads()).toBe(0);
    expect(await csrfTokenForRequest()).toBeUndefined();
  });

  it("is awaited by a request sent while it is being fetched", async () => {
    await signIn();
    const loading = loadCsrfToken();
    const change = apiRequest("/users/me/password", {
      method: "PUT",
      body: { old_password: PASSWORD, password: "An0ther-Secure-Passw0rd!" },
    });
    await expect(change).resolves.toBeUndefined();
    await loading;
    expect(pageLoads()).toBe(1);
    expect(seen.filter((line) => line === "PUT /api/v2/users/me/password")).toHaveLength(1);
  });

  it("comes from the page's meta tag when the server put one there", async () => {
    await signIn();
    putMeta(mock.csrfForDocument(cookies.cookieHeader(new URL(location.href), null)).token);
    await apiRequest("/users/logout", { method: "POST" });
    expect(pageLoads()).toBe(0);
  });
});

describe("a refused token", () => {
  it("is replaced by a fresh one, and the request is sent once more", async () => {
    await signIn();
    putMeta("c3RhbGU="); // a token from another cookie: nosurf refuses it
    await apiRequest("/users/logout", { method: "POST" });
    expect(pageLoads()).toBe(1);
    expect(seen.filter((line) => line === "POST /api/v2/users/logout")).toHaveLength(2);
    expect((await apiRequest("/users/authmethods")) === undefined).toBe(true);
  });

  it("lets a sign-in through when the browser still holds an expired session cookie", async () => {
    // The cookie outlives the server's session (a year against a day), and with a session
    // cookie present even POST /users/login is CSRF-checked. Coder's page has a token for
    // signed-out visitors too.
    cookies.set("coder_session_token", "abcdefghij-ABCDEFGHIJKLMNOPQRSTUV");
    await signIn("admin@coder.com");
    expect(pageLoads()).toBe(1);
    const me = await fetch("/api/v2/users/me");
    expect(me.status).toBe(200);
  });

  it("is retried once only: a second refusal is reported, not looped on", async () => {
    let attempts = 0;
    server.use(
      http.get(CSRF_SOURCE_PATH, () =>
        HttpResponse.html('<meta property="csrf-token" content="still-wrong">'),
      ),
      http.post("*/api/v2/users/logout", () => {
        attempts++;
        return HttpResponse.text(
          "Something is wrong with your CSRF token. Please refresh the page. If this error persists, try clearing your cookies.",
          { status: 400 },
        );
      }),
    );
    const error = await apiRequest("/users/logout", { method: "POST" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe(
      "Your session's security token is out of date. Reload the page and try again.",
    );
    expect(attempts).toBe(2);
    expect(pageLoads()).toBe(1);
  });

  it("is not retried when Coder's page cannot be had", async () => {
    let attempts = 0;
    server.use(
      http.get(CSRF_SOURCE_PATH, () => new HttpResponse("Bad gateway", { status: 502 })),
      http.post("*/api/v2/users/logout", () => {
        attempts++;
        return HttpResponse.text("Something is wrong with your CSRF token.", { status: 400 });
      }),
    );
    await expect(apiRequest("/users/logout", { method: "POST" })).rejects.toBeInstanceOf(ApiError);
    expect(attempts).toBe(1);
  });

  it("does not mistake a JSON 400 that mentions CSRF for nosurf's refusal", async () => {
    // Coder's own envelope, whatever its words: the request reached Coder's handler, so the
    // token was accepted, and a second try would only repeat it.
    let attempts = 0;
    server.use(
      http.post("*/api/v2/users/logout", () => {
        attempts++;
        return HttpResponse.json(
          { message: "Invalid CSRF token configuration.", detail: "Ask your administrator." },
          { status: 400 },
        );
      }),
    );
    await signIn();
    await loadCsrfToken();
    seen.length = 0;
    const error = await apiRequest("/users/logout", { method: "POST" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe("Invalid CSRF token configuration.");
    expect(attempts).toBe(1);
    expect(pageLoads()).toBe(0);
  });

  it("does not mistake Coder's JSON 400s for a CSRF refusal", async () => {
    await signIn();
    await loadCsrfToken();
    seen.length = 0;
    const error = await apiRequest("/users/me/convert-login", {
      method: "POST",
      body: { to_type: "password", password: PASSWORD },
    }).catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(400);
    expect(seen).toEqual(["POST /api/v2/users/me/convert-login"]);
  });
});

describe("a read of Coder's page that had no token", () => {
  // Coder was unreachable at that moment (a 502 from the front door): the read says nothing.
  const unreachableOnce = () => {
    let refused = false;
    server.use(
      http.get(CSRF_SOURCE_PATH, () => {
        if (refused) return undefined;
        refused = true;
        return new HttpResponse("Bad gateway", { status: 502 });
      }),
    );
  };
  const refusals: string[] = [];
  server.events.on("response:mocked", ({ request, response }) => {
    if (response.status === 400 && request.method !== "GET") refusals.push(request.url);
  });
  beforeEach(() => {
    refusals.length = 0;
  });

  it("is read again before the next signed-in request, which goes out with the token", async () => {
    unreachableOnce();
    // The sign-in page read Coder's page for its branding while Coder was down…
    expect(await loadCoderPage()).toEqual({});
    seen.length = 0;
    // …so the next write reads it again first, rather than go out bare and be refused.
    await signIn();
    await apiRequest("/users/me/password", {
      method: "PUT",
      body: { old_password: PASSWORD, password: "An0ther-Secure-Passw0rd!" },
    });
    const writes = seen.filter((line) => !line.startsWith("GET "));
    expect(writes).toEqual(["POST /api/v2/users/login", "PUT /api/v2/users/me/password"]);
    expect(seen[0]).toBe(`GET ${CSRF_SOURCE_PATH}`);
    expect(refusals).toEqual([]);
  });

  it("is read again when a signed-in page asks for the token at mount", async () => {
    unreachableOnce();
    expect(await loadCoderPage()).toEqual({});
    // Signed in elsewhere (another tab), so this page sent nothing that would have read it.
    const login = await fetch("/api/v2/users/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "member@coder.com", password: PASSWORD }),
    });
    expect(login.status).toBe(201);
    expect(await loadCsrfToken()).toBeDefined();
    expect(pageLoads()).toBe(2);
  });
});

describe("fetching the page", () => {
  it("never renders it and ignores answers that are not HTML", async () => {
    server.use(
      http.get(CSRF_SOURCE_PATH, () =>
        HttpResponse.json({ html: '<meta property="csrf-token" content="x">' }),
      ),
    );
    expect(await loadCsrfToken()).toBeUndefined();
    expect(document.querySelectorAll('meta[property="csrf-token"]')).toHaveLength(0);
  });
});
