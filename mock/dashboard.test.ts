// The stand-in for Coder's dashboard: the one HTML shell every page path answers (as Coder's
// page handler does), and the single-page app in it, run in jsdom against the mock, moving as
// Coder's router does (history.pushState/replaceState), never by a request to the server.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import type { MockCoder } from "./coder.ts";
import { createCookieJar } from "./cookie-jar.ts";
import { realTokenFrom, verifyMaskedToken } from "./csrf.ts";
import { call, newMock, ORIGIN, sessionHeader, signIn } from "./test-helpers.ts";

const HTML = { accept: "text/html" };
const SCRIPT = "/assets/mock-dashboard.js";

function metaToken(html: string): string | undefined {
  return /<meta property="csrf-token" content="([^"]+)">/.exec(html)?.[1];
}

describe("the shell every page path answers", () => {
  it("is one document for every page, signed in or out, with the token and its cookie", async () => {
    const mock = newMock();
    const signedOut = await call(mock, "GET", "/workspaces?filter=owner%3Ame", { headers: HTML });
    expect(signedOut.status).toBe(200);
    expect(signedOut.cookies.some((c) => c.startsWith("csrf_token="))).toBe(true);
    const token = await signIn(mock, "admin@coder.com");
    const signedIn = await call(mock, "GET", "/", {
      headers: { ...HTML, ...sessionHeader(token) },
    });
    // No server-side redirect or refresh: moving on is the app's doing, in the browser.
    expect(signedIn.status).toBe(200);
    expect(signedIn.text).not.toMatch(/http-equiv="refresh"/);
    const strip = (html: string) => html.replace(/content="[^"]{40,}"/, "");
    expect(strip(signedIn.text)).toBe(strip(signedOut.text));
    for (const path of ["/login", "/setup", "/settings/security", "/@admin/dev", "/templates/x"]) {
      const res = await call(mock, "GET", path, { headers: HTML });
      expect(res.status, path).toBe(200);
      expect(metaToken(res.text), path).toBeDefined();
    }
  });

  it("starts with a literal <head> (front doors insert their script right after it)", async () => {
    const res = await call(newMock(), "GET", "/workspaces", { headers: HTML });
    expect(res.text.startsWith('<!doctype html>\n<html lang="en">\n<head>\n')).toBe(true);
    expect(res.text.match(/<head>/g)).toHaveLength(1);
    expect(res.text).toContain(`<script type="module" src="${SCRIPT}"></script>`);
    expect(res.text).not.toMatch(/<script>|<script type="module">|style=/);
  });

  it("sends Coder's CSP (script-src 'self', sockets to this host) and no-store", async () => {
    const res = await call(newMock(), "GET", "/workspaces", {
      headers: { ...HTML, host: "coder.example.com" },
    });
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'; ");
    expect(csp).toContain("connect-src 'self' wss://coder.example.com ws://coder.example.com; ");
    expect(csp).toContain("report-uri /api/v2/csp/reports; ");
    expect(csp).toMatch(/frame-ancestors 'self';$/);
    expect(csp).not.toContain("unsafe-eval");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("names the deployment and its logo in every page, as Coder's page handler does", async () => {
    const metaOf = (html: string, attribute: string, value: string) =>
      new RegExp(`<meta ${attribute}="${value}" content="([^"]*)">`).exec(html)?.[1];
    const mock = newMock();
    const owner = await signIn(mock, "admin@coder.com");
    await call(mock, "PUT", "/api/v2/appearance", {
      headers: sessionHeader(owner),
      json: {
        application_name: 'Acme "Cloud" <Desktops>',
        logo_url: "https://cdn.acme.example/l.svg",
      },
    });
    const res = await call(mock, "GET", "/login", { headers: HTML });
    expect(metaOf(res.text, "name", "application-name")).toBe(
      "Acme &quot;Cloud&quot; &lt;Desktops&gt;",
    );
    expect(metaOf(res.text, "property", "logo-url")).toBe("https://cdn.acme.example/l.svg");
    mock.config.appearance = "unlicensed";
    const unlicensed = await call(mock, "GET", "/login", { headers: HTML });
    expect(metaOf(unlicensed.text, "name", "application-name")).toBe("Coder");
  });

  it("serves its script under /assets/ as JavaScript; other files 404; other methods 405", async () => {
    const mock = newMock();
    const script = await call(mock, "GET", SCRIPT);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.text).toBe(readFileSync(new URL("./dashboard-app.js", import.meta.url), "utf8"));
    expect((await call(mock, "GET", "/assets/index-abc.js")).status).toBe(404);
    expect((await call(mock, "GET", "/favicon.ico")).status).toBe(404);
    const post = await call(mock, "POST", "/workspaces", { body: "x" });
    expect(post.status).toBe(405);
    const head = await call(mock, "HEAD", "/login", { headers: HTML });
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
  });

  it("offers the inbox socket only when the host passes upgrades to the mock", async () => {
    const mock = newMock();
    const off = await call(mock, "GET", "/workspaces", { headers: HTML });
    expect(off.text).toContain('<meta name="mock-websockets" content="off">');
    mock.webSockets = true;
    const on = await call(mock, "GET", "/workspaces", { headers: HTML });
    expect(on.text).toContain('<meta name="mock-websockets" content="on">');
  });

  it("lets a token from the page authorise a signed-in API call", async () => {
    const mock = newMock();
    const session = await signIn(mock, "admin@coder.com");
    const page = await call(mock, "GET", "/workspaces", { headers: HTML });
    const csrf = page.cookies.find((c) => c.startsWith("csrf_token="))?.split(";")[0] ?? "";
    const token = metaToken(page.text) ?? "";
    expect(verifyMaskedToken(realTokenFrom(csrf), token)).toBe(true);
    const logout = await call(mock, "POST", "/api/v2/users/logout", {
      headers: { cookie: `${csrf}; coder_session_token=${session}`, "x-csrf-token": token },
    });
    expect(logout.status).toBe(200);
  });

  it("no longer has the plain-form sign-out", async () => {
    const res = await call(newMock(), "POST", "/__mock/sign-out", { body: "csrf_token=x" });
    expect(res.status).toBe(404);
  });
});

// ---------------------------------------------------------------------------------------------
// The app in jsdom: fetch goes straight to the mock, with a cookie jar, as a browser's would.

interface Dashboard {
  window: Window & typeof globalThis;
  document: Document;
  /** Every history move the app made: ["push" | "replace", url]. */
  moves: Array<[string, string]>;
  /** Every request the app sent: "METHOD /path". */
  requests: string[];
  /** The requests answered with an error status: "METHOD /path STATUS". */
  failures: string[];
  heading(): string | undefined;
  until(check: () => boolean, what: string): Promise<void>;
  click(selector: string, text: string): void;
}

async function openDashboard(
  mock: MockCoder,
  path: string,
  options: { signedInAs?: string; systemDark?: boolean } = {},
): Promise<Dashboard> {
  const jar = createCookieJar(() => mock.now());
  const origin = new URL(ORIGIN);
  if (options.signedInAs) {
    const res = await call(mock, "POST", "/api/v2/users/login", {
      json: { email: options.signedInAs, password: "SomeSecurePassword!" },
    });
    jar.store(origin, res.cookies);
  }
  const page = await call(mock, "GET", path, {
    headers: { ...HTML, cookie: jar.cookieHeader(origin, null) ?? "" },
  });
  jar.store(origin, page.cookies);
  const dom = new JSDOM(page.text, { url: `${ORIGIN}${path}`, runScripts: "outside-only" });
  const { window } = dom;
  const moves: Array<[string, string]> = [];
  const requests: string[] = [];
  const failures: string[] = [];
  for (const kind of ["push", "replace"] as const) {
    const original = window.history[`${kind}State`].bind(window.history);
    window.history[`${kind}State`] = (data: unknown, unused: string, url?: string | URL | null) => {
      moves.push([kind, String(url)]);
      original(data, unused, url);
    };
  }
  window.matchMedia = ((query: string) => ({
    matches: query.includes("dark") && options.systemDark === true,
    addEventListener() {},
  })) as unknown as typeof window.matchMedia;
  window.fetch = (async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, window.location.href);
    const headers = new Headers(init.headers);
    const cookie = jar.cookieHeader(url, null);
    if (cookie) headers.set("cookie", cookie);
    requests.push(`${init.method ?? "GET"} ${url.pathname}${url.search}`);
    const response = await mock.handle(new Request(url, { ...init, headers }), {
      clientIp: "192.0.2.1",
    });
    jar.store(url, response.headers.getSetCookie());
    if (response.status >= 400) {
      failures.push(`${init.method ?? "GET"} ${url.pathname} ${response.status}`);
    }
    return response;
  }) as typeof window.fetch;
  const warnings: unknown[] = [];
  window.console.warn = (...args: unknown[]) => warnings.push(args);
  window.eval(readFileSync(new URL("./dashboard-app.js", import.meta.url), "utf8"));
  const document = window.document;
  const dashboard: Dashboard = {
    window,
    document,
    moves,
    requests,
    failures,
    heading: () => document.querySelector("h1")?.textContent ?? undefined,
    async until(check, what) {
      for (let i = 0; i < 400; i++) {
        if (check()) return;
        await new Promise((done) => setTimeout(done, 5));
      }
      throw new Error(
        `timed out waiting for ${what}; at ${window.location.href}, h1 ${dashboard.heading()}, warnings ${JSON.stringify(warnings)}`,
      );
    },
    click(selector, text) {
      const target = [...document.querySelectorAll<HTMLElement>(selector)].find(
        (el) => el.textContent === text,
      );
      if (!target) throw new Error(`no ${selector} "${text}" on ${window.location.href}`);
      target.click();
    },
  };
  return dashboard;
}

const atHeading = (d: Dashboard, text: string) => d.until(() => d.heading() === text, text);

describe("the app, signed out (Coder's RequireAuth)", () => {
  it("replaces the address with /login?redirect=<path and query>, then shows Coder's sign-in", async () => {
    const d = await openDashboard(newMock(), "/workspaces?filter=owner%3Ame");
    await atHeading(d, "Coder's own sign-in page");
    expect(d.moves).toEqual([
      ["replace", `/login?redirect=${encodeURIComponent("/workspaces?filter=owner%3Ame")}`],
    ]);
    expect(d.document.title).toBe("Sign in to Coder");
  });

  it("from / goes to plain /login", async () => {
    const d = await openDashboard(newMock(), "/");
    await atHeading(d, "Coder's own sign-in page");
    expect(d.moves).toEqual([["replace", "/login"]]);
  });

  it("Coder's 'Forgot password?' moves in the page to /reset-password", async () => {
    const d = await openDashboard(newMock(), "/login");
    await atHeading(d, "Coder's own sign-in page");
    d.click("a", "Forgot password?");
    await atHeading(d, "Coder's own reset page");
    expect(d.moves).toEqual([["push", "/reset-password"]]);
    // Back: popstate, and the page renders what the address says.
    d.window.history.back();
    await atHeading(d, "Coder's own sign-in page");
  });

  it("a deployment without users goes on to /setup", async () => {
    const mock = newMock();
    mock.reset({ users: "none" });
    const d = await openDashboard(mock, "/workspaces");
    await atHeading(d, "Coder's own setup page");
    expect(d.moves).toEqual([
      ["replace", "/login?redirect=%2Fworkspaces"],
      ["replace", "/setup"],
    ]);
    expect(d.document.title).toBe("Set up your account - Coder");
  });

  it("stands in for Coder's other public pages in place", async () => {
    for (const [path, heading] of [
      ["/reset-password/change", "Coder's own reset page"],
      ["/cli-auth", "Coder's own CLI sign-in page"],
      ["/login/device", "Coder's own device sign-in page"],
    ]) {
      const d = await openDashboard(newMock(), path as string);
      await atHeading(d, heading as string);
      expect(d.moves).toEqual([]);
    }
  });

  it("/settings/security needs a session, so it goes to sign in first", async () => {
    const d = await openDashboard(newMock(), "/settings/security");
    await atHeading(d, "Coder's own sign-in page");
    expect(d.moves).toEqual([["replace", "/login?redirect=%2Fsettings%2Fsecurity"]]);
  });
});

describe("the app, signed in", () => {
  it("moves / on to /workspaces and shows who is signed in, loading what Coder loads", async () => {
    const d = await openDashboard(newMock(), "/", { signedInAs: "admin@coder.com" });
    await atHeading(d, "Workspaces");
    expect(d.moves).toEqual([["replace", "/workspaces"]]);
    expect(d.document.title).toBe("Workspaces - Coder");
    expect(d.document.querySelector("header")?.textContent).toContain("admin@coder.com");
    expect(d.document.querySelector("main")?.textContent).toContain("Member, Owner");
    expect(d.document.querySelector("tbody")?.textContent).toContain("dev");
    for (const request of [
      "GET /api/v2/users/me",
      "GET /api/v2/entitlements",
      "GET /api/v2/experiments",
      "GET /api/v2/users/me/appearance",
      "GET /api/v2/users/me/organizations",
      "POST /api/v2/authcheck",
      "GET /api/v2/notifications/inbox",
      "GET /api/v2/regions",
      "GET /api/v2/deployment/stats",
      "GET /api/v2/debug/health",
      "GET /api/v2/workspaces?q=owner:me",
      "GET /api/v2/users?limit=25",
    ]) {
      expect(d.requests).toContain(request);
    }
    expect(d.failures).toEqual([]);
    expect(d.document.querySelector('[role="alert"]')).toBeNull();
  });

  it("a member's dashboard asks only for what a member may see, and every request succeeds", async () => {
    const d = await openDashboard(newMock(), "/templates", { signedInAs: "member@coder.com" });
    await atHeading(d, "Templates");
    expect(d.requests).not.toContain("GET /api/v2/deployment/stats");
    expect(d.requests).not.toContain("GET /api/v2/debug/health");
    expect(d.failures).toEqual([]);
    expect(d.document.querySelector('[role="alert"]')).toBeNull();
  });

  it("navigation links move in the page (push), and Back re-renders", async () => {
    const d = await openDashboard(newMock(), "/workspaces", { signedInAs: "member@coder.com" });
    await atHeading(d, "Workspaces");
    d.click("nav a", "Templates");
    await atHeading(d, "Templates");
    expect(d.document.title).toBe("Templates - Coder");
    expect(d.moves).toEqual([["push", "/templates"]]);
    d.window.history.back();
    await atHeading(d, "Workspaces");
    // The page was never loaded again: one GET of the user, at the start.
    expect(d.requests.filter((r) => r === "GET /api/v2/users/me")).toHaveLength(1);
  });

  it("'Account security' in the header moves in the page to /settings/security", async () => {
    const d = await openDashboard(newMock(), "/workspaces", { signedInAs: "member@coder.com" });
    await atHeading(d, "Workspaces");
    d.click("header a", "Account security");
    await atHeading(d, "Coder's own security page");
    expect(d.moves).toEqual([["push", "/settings/security"]]);
    expect(d.document.title).toBe("Security - Coder");
  });

  it("the user menu's Account shows Coder's settings sidebar; its Security moves in the page", async () => {
    const d = await openDashboard(newMock(), "/workspaces", { signedInAs: "member@coder.com" });
    await atHeading(d, "Workspaces");
    d.click("button", "User menu");
    expect(
      d.document.querySelector('[aria-controls="user-menu"]')?.getAttribute("aria-expanded"),
    ).toBe("true");
    d.click("#user-menu a", "Account");
    await atHeading(d, "Coder's own account page");
    const items = [...d.document.querySelectorAll('nav[aria-label="Settings"] a')].map(
      (a) => a.textContent,
    );
    // Unlicensed: no Schedule (advanced_template_scheduling is not enabled).
    expect(items).toEqual([
      "Account",
      "Appearance",
      "External Authentication",
      "Security",
      "SSH Keys",
      "Tokens",
      "Notifications",
    ]);
    d.click('nav[aria-label="Settings"] a', "Security");
    await atHeading(d, "Coder's own security page");
    expect(d.moves).toEqual([
      ["push", "/settings/account"],
      ["push", "/settings/security"],
    ]);
  });

  it("with a trial licence, the sidebar has Schedule too", async () => {
    const mock = newMock();
    mock.reset({ users: "none" });
    await call(mock, "POST", "/api/v2/users/first", {
      json: {
        email: "ada@example.com",
        username: "ada",
        password: "SomeSecurePassword!",
        trial: true,
      },
    });
    const d = await openDashboard(mock, "/settings/account", { signedInAs: "ada@example.com" });
    await atHeading(d, "Coder's own account page");
    const items = [...d.document.querySelectorAll('nav[aria-label="Settings"] a')].map(
      (a) => a.textContent,
    );
    expect(items).toContain("Schedule");
    expect(d.requests).toContain("GET /api/v2/workspaceproxies");
    expect(d.document.querySelector('[role="alert"]')).toBeNull();
  });

  it("Sign out: POST /users/logout with the CSRF header, then to /login in the page", async () => {
    const mock = newMock();
    const d = await openDashboard(mock, "/workspaces", { signedInAs: "member@coder.com" });
    await atHeading(d, "Workspaces");
    d.click("button", "User menu");
    d.click("button", "Sign out");
    await atHeading(d, "Coder's own sign-in page");
    expect(d.requests).toContain("POST /api/v2/users/logout");
    expect(d.moves).toEqual([["replace", "/login"]]);
    // The session is gone on the server, so the CSRF header was accepted.
    const me = await d.window.fetch("/api/v2/users/me");
    expect(me.status).toBe(401);
  });

  it("a 401 while signed in (session ended elsewhere) goes to /login?redirect=<where it was>", async () => {
    const mock = newMock();
    const d = await openDashboard(mock, "/workspaces", { signedInAs: "member@coder.com" });
    await atHeading(d, "Workspaces");
    await call(mock, "PUT", "/__mock/users/member@coder.com", { json: { status: "suspended" } });
    d.click("nav a", "Templates");
    await atHeading(d, "Coder's own sign-in page");
    expect(d.moves).toEqual([
      ["push", "/templates"],
      ["replace", "/login?redirect=%2Ftemplates"],
    ]);
  });

  it("a signed-in visit to /login goes on to its redirect, as Coder's LoginPage does", async () => {
    const d = await openDashboard(newMock(), "/login?redirect=%2Ftemplates", {
      signedInAs: "member@coder.com",
    });
    await atHeading(d, "Templates");
    expect(d.moves).toEqual([["replace", "/templates"]]);
  });
});

describe("the app's theme (users/me/appearance theme_preference)", () => {
  async function themeFor(preference: string, systemDark = false) {
    const mock = newMock();
    if (preference) {
      const session = await signIn(mock, "member@coder.com");
      await call(mock, "PUT", "/api/v2/users/me/appearance", {
        headers: sessionHeader(session),
        json: { theme_preference: preference, terminal_font: "fira-code" },
      });
    }
    const d = await openDashboard(mock, "/workspaces", {
      signedInAs: "member@coder.com",
      systemDark,
    });
    await atHeading(d, "Workspaces");
    return d.document.documentElement.dataset.theme;
  }

  it("is Coder's default, dark, when nothing was chosen", async () => {
    expect(await themeFor("")).toBe("dark");
  });

  it("follows light and dark, and auto follows the system", async () => {
    expect(await themeFor("light")).toBe("light");
    expect(await themeFor("dark")).toBe("dark");
    expect(await themeFor("auto", true)).toBe("dark");
    expect(await themeFor("auto", false)).toBe("light");
  });
});

describe("PUT /users/{user}/appearance", () => {
  it("stores the user's theme, which GET then answers, until a reset", async () => {
    const mock = newMock();
    const auth = { headers: sessionHeader(await signIn(mock, "member@coder.com")) };
    const put = await call(mock, "PUT", "/api/v2/users/me/appearance", {
      ...auth,
      json: { theme_preference: "light", terminal_font: "geist-mono" },
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
