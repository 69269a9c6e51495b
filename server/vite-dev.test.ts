// The development server's front door: a real Vite dev server with the plugin, once with the
// mock Coder in the process, once in front of a stand-in Coder (CODER_URL).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMockCoder } from "../mock/coder.ts";
import { createCookieJar } from "../mock/cookie-jar.ts";
import { createMockHttpServer } from "../mock/node-http.ts";
import {
  extractCsrfMeta,
  type FakeCoder,
  NAVIGATION_HEADERS,
  navigate,
  rawGet,
  startFakeCoder,
  statusOf,
} from "./test-http.ts";
import { coderFrontDoor, injectCsrfMeta, isViteInternal } from "./vite-dev.ts";

describe("injectCsrfMeta", () => {
  it("adds the tag before </head>", () => {
    expect(injectCsrfMeta("<html><head><title>x</title></head></html>", "t+/=")).toBe(
      '<html><head><title>x</title>  <meta property="csrf-token" content="t+/=">\n  </head></html>',
    );
  });
  it("replaces a placeholder tag, and escapes the value", () => {
    expect(injectCsrfMeta('<head><meta property="csrf-token" content=""></head>', 'a"b')).toBe(
      '<head><meta property="csrf-token" content="a&quot;b"></head>',
    );
  });
});

describe("isViteInternal", () => {
  it.each([
    ["/@vite/client", true],
    ["/@react-refresh", true],
    ["/src/main.tsx", true],
    ["/node_modules/.vite/deps/react.js", true],
    ["/@admin/workspace", false], // a Coder workspace path, not Vite's
    ["/workspaces", false],
    ["/api/v2/users/me", false],
  ])("%s → %s", (pathname, expected) => {
    expect(isViteInternal(pathname)).toBe(expected);
  });
});

async function startDev(plugin: ReturnType<typeof coderFrontDoor>) {
  const root = await mkdtemp(path.join(tmpdir(), "coder-front-door-dev-"));
  await writeFile(
    path.join(root, "index.html"),
    "<!doctype html><html><head><title>app</title></head><body><div id=root></div></body></html>",
  );
  const server = await createServer({
    root,
    configFile: false,
    logLevel: "silent",
    plugins: [plugin],
    server: { port: 0, host: "127.0.0.1" },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await server.listen();
  const port = (server.httpServer?.address() as AddressInfo | null)?.port ?? 0;
  return {
    server,
    port,
    base: `http://127.0.0.1:${port}`,
    async close() {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

const HTML = { accept: "text/html" };

describe("the dev server with the mock Coder", () => {
  let dev: Awaited<ReturnType<typeof startDev>>;
  beforeAll(async () => {
    dev = await startDev(coderFrontDoor({ coderUrl: "" }));
  }, 30_000);
  afterAll(() => dev?.close());

  it("serves app pages with a CSRF meta tag and the csrf cookie that goes with it", async () => {
    const page = await fetch(`${dev.base}/reset-password/change?otp=x`, { headers: HTML });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<title>app</title>");
    expect(html).toContain("/@vite/client"); // transformIndexHtml ran
    const token = extractCsrfMeta(html);
    expect(token).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    const csrfCookie = page.headers.getSetCookie().find((c) => c.startsWith("csrf_token="));
    expect(csrfCookie).toMatch(/; Path=\/; HttpOnly; SameSite=Lax$/);

    // The browser now signs in and signs out with them, on the same origin.
    const cookie = csrfCookie?.split(";")[0] ?? "";
    const login = await fetch(`${dev.base}/api/v2/users/login`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ email: "admin@coder.com", password: "SomeSecurePassword!" }),
    });
    expect(login.status).toBe(201);
    const session = login.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    expect(session).toMatch(/^coder_session_token=/);
    const logout = await fetch(`${dev.base}/api/v2/users/logout`, {
      method: "POST",
      headers: { cookie: `${cookie}; ${session}`, "x-csrf-token": token ?? "" },
    });
    expect(logout.status).toBe(200);
  });

  it("never lets the reset page's URL out as a referrer, nor be framed", async () => {
    // Vite's client script loads before any <meta name="referrer"> could apply: the header must.
    const page = await fetch(`${dev.base}/reset-password/change?otp=secret`, { headers: HTML });
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("gives every other page to the mock Coder, like the front door gives them to Coder", async () => {
    const signedOut = await navigate(dev.base, "/workspaces");
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.location).toBe("/login?redirect=/workspaces");
    const page = await navigate(dev.base, "/workspaces?x=1");
    expect(page.status).toBe(200);
    const html = page.body;
    // The seam script, as its source module (Vite serves it).
    expect(html).toMatch(
      /<head><script type="module" src="\/src\/seam\/coder-seam.ts"><\/script>/i,
    );
    expect(extractCsrfMeta(html)).toBeDefined();
    const mailbox = await fetch(`${dev.base}/__mock/mailbox`, { headers: HTML });
    expect(await mailbox.text()).toContain("<h1>Mock mailbox</h1>");
  });

  it("leaves Vite's own requests to Vite", async () => {
    const client = await fetch(`${dev.base}/@vite/client`);
    expect(client.status).toBe(200);
    expect(client.headers.get("content-type")).toContain("javascript");
  });

  it("redirects /.well-known/change-password and answers a no-script form post", async () => {
    const wellKnown = await fetch(`${dev.base}/.well-known/change-password`, {
      redirect: "manual",
    });
    expect(wellKnown.status).toBe(302);
    expect(wellKnown.headers.get("location")).toBe("/settings/security");
    const post = await fetch(`${dev.base}/login`, {
      method: "POST",
      body: "email=a&password=b",
      redirect: "manual",
    });
    expect(post.status).toBe(303);
    expect(post.headers.get("location")).toBe("/login");
  });

  it("ends a failed single sign-on on our pages", async () => {
    const cancel = await fetch(
      `${dev.base}/api/v2/users/oauth2/github/callback?error=access_denied&state=abc`,
      { redirect: "manual", headers: NAVIGATION_HEADERS },
    );
    expect(cancel.status).toBe(303);
    expect(cancel.headers.get("location")).toBe("/login?message=sso-failed-400");
    const convert = await fetch(
      `${dev.base}/api/v2/users/oidc/callback?error=access_denied&state=convert-abc`,
      { redirect: "manual", headers: NAVIGATION_HEADERS },
    );
    expect(convert.headers.get("location")).toBe("/settings/security?message=convert-failed-400");
  });

  it("answers a target that is not a path with 400 and keeps serving", async () => {
    // Not a path: Connect itself turns these away (404) before any middleware sees them.
    for (const target of ["*", "http://[/", "x"]) {
      const status = statusOf(await rawGet(dev.port, target));
      expect(status, target).toBeGreaterThanOrEqual(400);
      expect(status, target).toBeLessThan(500);
    }
    const odd = await rawGet(dev.port, "//[");
    expect(statusOf(odd)).toBeLessThan(500);
    expect((await fetch(`${dev.base}/login`, { headers: HTML })).status).toBe(200);
  });
});

describe("the dev server in front of a Coder (CODER_URL)", () => {
  let coder: FakeCoder;
  let dev: Awaited<ReturnType<typeof startDev>>;
  beforeAll(async () => {
    coder = await startFakeCoder();
    dev = await startDev(coderFrontDoor({ coderUrl: coder.url, proxyTimeoutMs: 400 }));
  }, 30_000);
  afterAll(async () => {
    await dev?.close();
    await coder?.close();
  });
  const lastSeen = () => coder.seen[coder.seen.length - 1];

  it("serves the app's pages itself, without any token injected", async () => {
    const before = coder.seen.length;
    const page = await fetch(`${dev.base}/settings/security`, { headers: HTML });
    expect(page.status).toBe(200);
    expect(extractCsrfMeta(await page.text())).toBeUndefined();
    expect(coder.seen.length).toBe(before);
  });

  it("sends every other path to Coder, as routed: the normalised path", async () => {
    for (const [target, forwarded] of [
      ["/workspaces", "/workspaces"],
      ["/apix", "/apix"],
      ["/auth-ui/../api/v2/users/me", "/api/v2/users/me"],
      ["/@admin/dev?x=1", "/@admin/dev?x=1"],
    ] as const) {
      const answer = await rawGet(dev.port, target);
      expect(statusOf(answer), target).toBe(200);
      expect(lastSeen()?.url).toBe(forwarded);
    }
    // …and what normalises onto one of our pages is ours, never forwarded.
    const before = coder.seen.length;
    const ours = await rawGet(dev.port, "/api/../settings/security", ["Accept: text/html"]);
    expect(statusOf(ours)).toBe(200);
    expect(coder.seen.length).toBe(before);
  });

  it("presents our own Origin as Coder's, and another site's as itself", async () => {
    const own = `http://127.0.0.1:${dev.port}`;
    await fetch(`${dev.base}/api/v2/users/logout`, { method: "POST", headers: { origin: own } });
    expect(lastSeen()?.headers.origin).toBe(coder.url);
    await fetch(`${dev.base}/api/v2/users/logout`, {
      method: "POST",
      headers: { origin: "https://evil.example" },
    });
    expect(lastSeen()?.headers.origin).toBe("https://evil.example");
    expect(lastSeen()?.headers["x-forwarded-host"]).toBe(`127.0.0.1:${dev.port}`);
  });

  it("survives a Referer that is not a URL, and translates ours", async () => {
    const odd = await rawGet(dev.port, "/api/v2/buildinfo", ["Referer: not a url"]);
    expect(statusOf(odd)).toBe(200);
    expect(lastSeen()?.headers.referer).toBeUndefined();
    await fetch(`${dev.base}/api/v2/buildinfo`, {
      headers: { referer: `http://127.0.0.1:${dev.port}/settings/security?x=1` },
    });
    expect(lastSeen()?.headers.referer).toBe(`${coder.url}/settings/security?x=1`);
  });

  it("answers 504 when Coder hangs, while our own pages keep coming", async () => {
    coder.respond = () => {}; // never answers
    try {
      const hung = fetch(`${dev.base}/api/v2/users/me`);
      const page = await fetch(`${dev.base}/login`, { headers: HTML });
      expect(page.status).toBe(200);
      const answer = await hung;
      expect(answer.status).toBe(504);
    } finally {
      coder.respond = (_req, res) => res.writeHead(200).end("ok");
    }
  });

  it("maps a failed callback to our pages, and leaves everything else alone", async () => {
    const statuses: Record<string, number> = {};
    coder.respond = (req, res) => {
      const status = statuses[new URL(req.url ?? "/", "http://x").searchParams.get("s") ?? ""];
      res.writeHead(status ?? 200, { "content-type": "application/json" }).end("{}");
    };
    try {
      const cases: Array<[string, number, string | null]> = [
        ["/api/v2/users/oidc/callback?s=a&state=xyz", 403, "/login?message=sso-failed-403"],
        ["/api/v2/users/oidc/callback?s=b&state=xyz", 418, "/login?message=sso-failed"],
        [
          "/api/v2/users/oauth2/github/callback?s=c&state=convert-1",
          500,
          "/settings/security?message=convert-failed-500",
        ],
        [
          "/api/v2/users/oauth2/github/callback?s=d&state=convert-1",
          502,
          "/settings/security?message=convert-failed",
        ],
        ["/api/v2/users/oidc/callback?s=e", 307, null],
        ["/api/v2/users/me?s=f", 401, null],
      ];
      for (const [target, status, location] of cases) {
        statuses[new URL(target, "http://x").searchParams.get("s") ?? ""] = status;
        const answer = await fetch(`${dev.base}${target}`, {
          redirect: "manual",
          headers: NAVIGATION_HEADERS,
        });
        // A script's request (fetch, as the GitHub device flow polls) always gets Coder's answer.
        const fromScript = await fetch(`${dev.base}${target}`, {
          redirect: "manual",
          headers: { accept: "application/json" },
        });
        expect(fromScript.status, `${target} from a script`).toBe(status);
        if (location === null) expect(answer.status, target).toBe(status);
        else {
          expect(answer.status, target).toBe(303);
          expect(answer.headers.get("location")).toBe(location);
        }
      }
    } finally {
      coder.respond = (_req, res) => res.writeHead(200).end("ok");
    }
  });
});

describe("the dev server in front of `npm run mock` on another port (CODER_URL)", () => {
  let coder: Server;
  let dev: Awaited<ReturnType<typeof startDev>>;
  beforeAll(async () => {
    coder = createMockHttpServer(createMockCoder());
    await new Promise<void>((done) => coder.listen(0, "127.0.0.1", done));
    const coderUrl = `http://127.0.0.1:${(coder.address() as AddressInfo).port}`;
    dev = await startDev(coderFrontDoor({ coderUrl }));
  }, 30_000);
  afterAll(async () => {
    await dev?.close();
    coder?.closeAllConnections();
    await new Promise<void>((done) => coder?.close(() => done()));
  });

  it("passes the settings flow the way the app does it: token from Coder's page", async () => {
    const jar = createCookieJar();
    const origin = new URL(dev.base);
    const browse = async (p: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      const cookie = jar.cookieHeader(origin, null);
      if (cookie) headers.set("cookie", cookie);
      const res = await fetch(`${dev.base}${p}`, { ...init, headers, redirect: "manual" });
      jar.store(origin, res.headers.getSetCookie());
      return res;
    };
    const login = await browse("/api/v2/users/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "member@coder.com", password: "SomeSecurePassword!" }),
    });
    expect(login.status).toBe(201);
    const page = await browse("/", { headers: HTML });
    // Coder's / is its dashboard's shell (it moves on in the browser), with the token.
    expect(page.status).toBe(200);
    const token = extractCsrfMeta(await page.text()) ?? "";
    expect(token).not.toBe("");
    const change = await browse("/api/v2/users/me/password", {
      method: "PUT",
      headers: { "content-type": "application/json", "x-csrf-token": token },
      body: JSON.stringify({
        old_password: "SomeSecurePassword!",
        password: "An0ther-Secure-Passw0rd!",
      }),
    });
    expect(change.status).toBe(204);
  });
});
