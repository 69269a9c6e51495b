// @vitest-environment jsdom
// (jsdom gives the page origin that the app's relative URLs resolve against.)
// The CSRF token without any help from the deployment: read from a page Coder renders, against
// the mock Coder behind msw (nosurf's real checks), plus the failure paths with msw overrides.
import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it } from "vitest";
import { setupMockCoder } from "../../mock/test-setup.ts";
import { apiRequest } from "./client.ts";
import {
  CSRF_SOURCE_PATH,
  csrfTokenForRequest,
  extractCsrfMeta,
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

describe("extractCsrfMeta", () => {
  it("reads the token from a Coder page, decoding html/template's entities", () => {
    const page = `<!DOCTYPE html><html><head>
      <meta charset="utf-8">
      <meta property="csrf-token" content="Zm9v&#43;YmFy/YmF6PQ==" />
      <meta property="build-info" content="{}" />
    </head><body></body></html>`;
    expect(extractCsrfMeta(page)).toBe("Zm9v+YmFy/YmF6PQ==");
  });

  it("does not care about attribute order or quotes", () => {
    expect(extractCsrfMeta("<meta content='abc&amp;d' property='csrf-token'>")).toBe("abc&d");
    expect(extractCsrfMeta("<META PROPERTY=csrf-token CONTENT=xyz>")).toBe("xyz");
  });

  it("returns undefined without the tag, or with an empty one", () => {
    expect(extractCsrfMeta('<meta name="csrf-token" content="x">')).toBeUndefined();
    expect(extractCsrfMeta('<meta property="csrf-token" content="">')).toBeUndefined();
    expect(extractCsrfMeta("")).toBeUndefined();
  });
});

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
