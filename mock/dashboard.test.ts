// The stand-in for Coder's dashboard and the endpoints Coder's dashboard needs to render.
import { describe, expect, it } from "vitest";
import { realTokenFrom, verifyMaskedToken } from "./csrf.ts";
import { PAGE_SECURITY_HEADERS } from "./html.ts";
import { browserFor, call, newMock, ORIGIN, sessionHeader, signIn } from "./test-helpers.ts";

const HTML = { accept: "text/html" };

function refreshTarget(html: string): string | undefined {
  const content = /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(html)?.[1];
  return content?.replace(/&amp;/g, "&");
}

function metaToken(html: string): string | undefined {
  return /<meta property="csrf-token" content="([^"]+)">/.exec(html)?.[1];
}

async function signedInBrowser(email = "admin@coder.com") {
  const mock = newMock();
  const browser = browserFor(mock);
  const login = await browser.request("POST", "/api/v2/users/login", {
    json: { email, password: "SomeSecurePassword!" },
  });
  expect(login.status).toBe(201);
  return { mock, browser };
}

describe("pages outside /api and /__mock (Coder's page handler)", () => {
  it("sends a signed-out browser to sign in, remembering where it was going", async () => {
    const mock = newMock();
    const res = await call(mock, "GET", "/workspaces?filter=owner%3Ame", { headers: HTML });
    // 200 with the token, as Coder's page handler answers; the page moves the browser on.
    expect(res.status).toBe(200);
    const login = `/login?redirect=${encodeURIComponent("/workspaces?filter=owner%3Ame")}`;
    expect(refreshTarget(res.text)).toBe(login);
    expect(res.text).toContain(`<a href="${login.replace(/&/g, "&amp;")}">`);
    expect(metaToken(res.text)).toBeDefined();
    // nosurf runs on every page, so the browser gets its csrf cookie even on the way to sign in.
    expect(res.cookies.some((c) => c.startsWith("csrf_token="))).toBe(true);
    const root = await call(mock, "GET", "/", { headers: HTML });
    expect(refreshTarget(root.text)).toBe("/login");
  });

  it("names the deployment and its logo in every page, as Coder's page handler does", async () => {
    const metaOf = (html: string, attribute: string, value: string) =>
      new RegExp(`<meta ${attribute}="${value}" content="([^"]*)">`).exec(html)?.[1];
    const mock = newMock();
    const plain = await call(mock, "GET", "/", { headers: HTML });
    expect(metaOf(plain.text, "name", "application-name")).toBe("Coder");
    expect(metaOf(plain.text, "property", "logo-url")).toBe("");

    const owner = await signIn(mock, "admin@coder.com");
    const put = await call(mock, "PUT", "/api/v2/appearance", {
      headers: sessionHeader(owner),
      json: {
        application_name: 'Acme "Cloud" <Desktops>',
        logo_url: "https://cdn.acme.example/l.svg",
      },
    });
    expect(put.status).toBe(200);
    for (const path of ["/", "/workspaces", "/login"]) {
      const res = await call(mock, "GET", path, { headers: HTML });
      expect(metaOf(res.text, "name", "application-name"), path).toBe(
        "Acme &quot;Cloud&quot; &lt;Desktops&gt;",
      );
      expect(metaOf(res.text, "property", "logo-url"), path).toBe("https://cdn.acme.example/l.svg");
    }
    // Without a licence, Coder's fetcher knows only the defaults (what an owner stored waits).
    mock.config.appearance = "unlicensed";
    const unlicensed = await call(mock, "GET", "/", { headers: HTML });
    expect(metaOf(unlicensed.text, "name", "application-name")).toBe("Coder");
    expect(metaOf(unlicensed.text, "property", "logo-url")).toBe("");
  });

  it("takes a signed-in browser from / on to /workspaces", async () => {
    const { browser } = await signedInBrowser();
    const res = await browser.request("GET", "/", { headers: HTML });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/workspaces");
  });

  it("shows who is signed in, with a CSRF token that matches the browser's cookie", async () => {
    const { browser } = await signedInBrowser();
    const res = await browser.request("GET", "/workspaces", { headers: HTML });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.text).toContain("<title>Workspaces - Coder</title>");
    expect(res.text).toContain("<strong>admin@coder.com</strong>");
    expect(res.text).toContain("Member, Owner");
    expect(res.text).toContain('href="/settings/security"');
    expect(res.text).toContain('<link rel="stylesheet" href="/__mock/style.css">');
    expect(res.text).not.toMatch(/<script|style=/);
    const token = metaToken(res.text);
    const real = realTokenFrom(`csrf_token=${browser.jar.get("csrf_token")}`);
    expect(verifyMaskedToken(real, token ?? null)).toBe(true);
    // The sign-out form carries a token too.
    const field = /name="csrf_token" value="([^"]+)"/.exec(res.text)?.[1] ?? null;
    expect(verifyMaskedToken(real, field)).toBe(true);
  });

  it("answers any other page path the same way, titled by its section", async () => {
    const { browser } = await signedInBrowser("member@coder.com");
    const page = await browser.request("GET", "/templates/docker/versions", { headers: HTML });
    expect(page.status).toBe(200);
    expect(page.text).toContain("<title>Templates - Coder</title>");
    const workspace = await browser.request("GET", "/@member/dev", { headers: HTML });
    expect(workspace.text).toContain("<title>Workspace - Coder</title>");
  });

  it("lets a token from the page authorise a signed-in API call", async () => {
    const { browser } = await signedInBrowser();
    const page = await browser.request("GET", "/workspaces", { headers: HTML });
    const token = metaToken(page.text) ?? "";
    const denied = await browser.request("POST", "/api/v2/users/logout", {
      headers: { "x-csrf-token": "" },
    });
    expect(denied.status).toBe(400);
    const logout = await browser.request("POST", "/api/v2/users/logout", {
      headers: { "x-csrf-token": token },
    });
    expect(logout.status).toBe(200);
  });

  it("stands in for Coder's own signed-out pages without sending them to themselves", async () => {
    for (const path of ["/login", "/setup", "/reset-password", "/reset-password/change"]) {
      const res = await call(newMock(), "GET", path, { headers: HTML });
      expect(res.status, path).toBe(200);
      expect(metaToken(res.text)).toBeDefined();
    }
  });

  it("sends the app's security headers with its pages", async () => {
    const { browser } = await signedInBrowser();
    const res = await browser.request("GET", "/workspaces", { headers: HTML });
    for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) {
      expect(res.headers.get(name), name).toBe(value);
    }
  });

  it("404s missing files and refuses other methods", async () => {
    const mock = newMock();
    expect((await call(mock, "GET", "/favicon.ico")).status).toBe(404);
    const post = await call(mock, "POST", "/workspaces", { body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    const head = await call(mock, "HEAD", "/login", { headers: HTML });
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
  });

  it("serves its stylesheet, with both themes", async () => {
    const res = await call(newMock(), "GET", "/__mock/style.css");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(res.text).toContain("prefers-color-scheme: dark");
  });
});

describe("the dashboard's Sign out form", () => {
  it("ends the session and lands on the sign-in page", async () => {
    const { browser } = await signedInBrowser();
    const page = await browser.request("GET", "/workspaces", { headers: HTML });
    const field = /name="csrf_token" value="([^"]+)"/.exec(page.text)?.[1] ?? "";
    const res = await browser.request("POST", "/__mock/sign-out", {
      body: new URLSearchParams({ csrf_token: field }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login?message=signed-out");
    expect(browser.jar.get("coder_session_token")).toBeUndefined();
    const me = await browser.request("GET", "/api/v2/users/me");
    expect(me.status).toBe(401);
  });

  it("refuses a form without the page's token (another site cannot sign anyone out)", async () => {
    const mock = newMock();
    const token = await signIn(mock, "admin@coder.com");
    const res = await call(mock, "POST", "/__mock/sign-out", {
      body: "csrf_token=forged",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: `coder_session_token=${token}`,
      },
    });
    expect(res.status).toBe(400);
    const me = await call(mock, "GET", "/api/v2/users/me", { headers: sessionHeader(token) });
    expect(me.status).toBe(200);
  });
});

describe("what Coder's dashboard loads before it renders", () => {
  it("needs a session for all but the update check", async () => {
    const mock = newMock();
    for (const path of [
      "/api/v2/organizations",
      "/api/v2/entitlements",
      "/api/v2/experiments",
      "/api/v2/users/me/appearance",
      "/api/v2/regions",
    ]) {
      expect((await call(mock, "GET", path)).status, path).toBe(401);
    }
    const update = await call(mock, "GET", "/api/v2/updatecheck");
    expect(update.status).toBe(200);
    expect(update.json()).toEqual({
      current: true,
      version: "v2.30.0-mock",
      url: "https://github.com/coder/coder/releases/tag/v2.30.0",
    });
  });

  it("answers with Coder-shaped bodies", async () => {
    const mock = newMock();
    const auth = { headers: sessionHeader(await signIn(mock, "member@coder.com")) };
    const orgs = await call(mock, "GET", "/api/v2/organizations", auth);
    expect(orgs.json()).toEqual([
      {
        id: "c0de0000-0000-4000-8000-00000000000a",
        name: "coder",
        display_name: "Coder",
        icon: "",
        description: "",
        created_at: "2026-01-05T09:00:00Z",
        updated_at: "2026-01-05T09:00:00Z",
        is_default: true,
        default_org_member_roles: [],
      },
    ]);
    const entitlements = await call(mock, "GET", "/api/v2/entitlements", auth);
    const body = entitlements.json<Record<string, unknown>>();
    expect(Object.keys(body)).toEqual([
      "features",
      "warnings",
      "errors",
      "has_license",
      "trial",
      "require_telemetry",
      "refreshed_at",
    ]);
    expect((body.features as Record<string, unknown>).audit_log).toEqual({
      entitlement: "not_entitled",
      enabled: false,
    });
    expect((await call(mock, "GET", "/api/v2/experiments", auth)).json()).toEqual([]);
    const appearance = await call(mock, "GET", "/api/v2/users/me/appearance", auth);
    expect(appearance.json()).toMatchObject({ theme_preference: "", terminal_font: "" });
    const regions = await call(mock, "GET", "/api/v2/regions", auth);
    expect(regions.json()).toEqual({
      regions: [expect.objectContaining({ name: "primary", healthy: true, path_app_url: ORIGIN })],
    });
  });
});

describe("PUT /users/{user}/appearance", () => {
  it("stores the user's theme, which GET then answers, until a reset", async () => {
    const mock = newMock();
    const auth = { headers: sessionHeader(await signIn(mock, "member@coder.com")) };
    const put = await call(mock, "PUT", "/api/v2/users/me/appearance", {
      ...auth,
      json: { theme_preference: "light", terminal_font: "" },
    });
    expect(put.status).toBe(200);
    expect(put.json()).toMatchObject({ theme_preference: "light" });
    const get = await call(mock, "GET", "/api/v2/users/me/appearance", auth);
    expect(get.json()).toMatchObject({ theme_preference: "light" });
    // Another user's stays theirs.
    const admin = { headers: sessionHeader(await signIn(mock, "admin@coder.com")) };
    const theirs = await call(mock, "GET", "/api/v2/users/me/appearance", admin);
    expect(theirs.json()).toMatchObject({ theme_preference: "" });
    mock.reset();
    const again = { headers: sessionHeader(await signIn(mock, "member@coder.com")) };
    const after = await call(mock, "GET", "/api/v2/users/me/appearance", again);
    expect(after.json()).toMatchObject({ theme_preference: "" });
  });

  it("wants a theme, and a session", async () => {
    const mock = newMock();
    const auth = { headers: sessionHeader(await signIn(mock, "member@coder.com")) };
    const missing = await call(mock, "PUT", "/api/v2/users/me/appearance", { ...auth, json: {} });
    expect(missing.status).toBe(400);
    const anonymous = await call(mock, "PUT", "/api/v2/users/me/appearance", {
      json: { theme_preference: "light" },
    });
    expect(anonymous.status).toBe(401);
  });
});
