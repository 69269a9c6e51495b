// serve-dist on a build of our own making (so the test controls every file, precompressed
// siblings and source maps included), with the mock Coder in the process, and in front of a
// standalone mock Coder on another port (CODER_URL), as in production.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMockCoder } from "../mock/coder.ts";
import { createCookieJar } from "../mock/cookie-jar.ts";
import { createMockHttpServer } from "../mock/node-http.ts";
import { SEAM_TAG } from "./front-door.ts";
import { SECURITY_HEADERS } from "./headers.ts";
import { chooseEncoding, startServer } from "./serve-dist.ts";
import {
  extractCsrfMeta,
  NAVIGATION_HEADERS,
  navigate,
  rawGet,
  rawRequest,
  statusOf,
} from "./test-http.ts";

const SCRIPT = `console.log(${JSON.stringify("x".repeat(2000))});`;
// Distinct bytes, so a test can tell which file was sent.
const SCRIPT_BR = brotliCompressSync(Buffer.from(SCRIPT));
const SCRIPT_GZ = gzipSync(Buffer.from(SCRIPT), { level: 1 });

let dist: string;

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), "serve-dist-"));
  const file = async (name: string, body: string | Buffer) => {
    await mkdir(path.dirname(path.join(dist, name)), { recursive: true });
    await writeFile(path.join(dist, name), body);
  };
  await file("index.html", "<!doctype html><title>shell</title>");
  await file("login.html", "<!doctype html><title>prerendered login</title>");
  await file("reset-password/change.html", "<!doctype html><title>prerendered change</title>");
  await file("auth-ui/main-abc123.js", SCRIPT);
  await file("auth-ui/main-abc123.js.br", SCRIPT_BR);
  await file("auth-ui/main-abc123.js.gz", SCRIPT_GZ);
  await file("auth-ui/main-abc123.js.map", '{"version":3,"sources":["secret.ts"]}');
  await file("auth-ui/style-def456.css", `body{color:red}${" ".repeat(500)}`);
  await file("auth-ui/favicon.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
});

afterAll(async () => {
  if (dist) await rm(dist, { recursive: true, force: true });
});

describe("chooseEncoding", () => {
  const both = { br: true, gzip: true };
  it.each([
    ["br, gzip", both, "br"],
    ["gzip, deflate, br, zstd", both, "br"],
    ["gzip", both, "gzip"],
    ["br;q=0, gzip", both, "gzip"],
    ["gzip;q=0, br;q=0", both, "identity"],
    ["*", both, "br"],
    ["*;q=0, gzip", both, "gzip"],
    ["identity", both, "identity"],
    [undefined, both, "identity"],
    ["br", { br: false, gzip: true }, "identity"],
    ["br, gzip", { br: false, gzip: true }, "gzip"],
    // q=0 is "not acceptable", even with "*" or gzip's old name beside it.
    ["gzip;q=0, *", { br: false, gzip: true }, "identity"],
    ["gzip;q=0, x-gzip", { br: false, gzip: true }, "identity"],
    ["br;q=0, *", { br: true, gzip: false }, "identity"],
    ["x-gzip", both, "gzip"],
  ] as const)("%s with %j → %s", (header, available, expected) => {
    expect(chooseEncoding(header, available)).toBe(expected);
  });
});

describe("serve-dist with the mock Coder", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let base: string;
  beforeAll(async () => {
    server = await startServer({ dist, port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server?.close());

  const get = (p: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${p}`, { headers, redirect: "manual" });

  it("sends the build's own Brotli or gzip file when the browser takes it", async () => {
    const br = await get("/auth-ui/main-abc123.js", { "accept-encoding": "gzip, br" });
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("vary")).toBe("Accept-Encoding");
    expect(br.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    // fetch decodes: the bytes it decoded are the script, and the length sent is the .br file's.
    expect(await br.text()).toBe(SCRIPT);
    expect(br.headers.get("content-length")).toBe(String(SCRIPT_BR.length));

    const gz = await get("/auth-ui/main-abc123.js", { "accept-encoding": "gzip" });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gz.headers.get("content-length")).toBe(String(SCRIPT_GZ.length));

    const plain = await get("/auth-ui/main-abc123.js", { "accept-encoding": "identity" });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("content-length")).toBe(String(Buffer.byteLength(SCRIPT)));
    expect(plain.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
  });

  it("compresses on the fly where the build has no compressed file", async () => {
    const answer = await rawGet(server.port, "/auth-ui/style-def456.css", [
      "Accept-Encoding: br, gzip",
    ]);
    expect(answer).toMatch(/content-encoding: gzip/i);
    const body = Buffer.from(answer.slice(answer.indexOf("\r\n\r\n") + 4), "latin1");
    expect(gunzipSync(body).toString()).toMatch(/^body\{color:red\}/);
  });

  it("never serves source maps or the compressed files on their own", async () => {
    for (const p of [
      "/auth-ui/main-abc123.js.map",
      "/auth-ui/main-abc123.js.br",
      "/auth-ui/main-abc123.js.gz",
      "/auth-ui/missing-000.js",
    ]) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(await res.text()).not.toContain("secret.ts");
    }
  });

  it("serves the app's pages, prerendered where the build has them, with our headers", async () => {
    for (const [p, title] of [
      ["/login", "prerendered login"],
      ["/reset-password/change?otp=x", "prerendered change"],
      ["/settings/security", "shell"],
      ["/reset-password", "shell"],
    ]) {
      const res = await get(p as string, { accept: "text/html", "accept-encoding": "gzip" });
      expect(res.status, p).toBe(200);
      const html = await res.text();
      expect(html).toContain(`<title>${title}</title>`);
      // Nothing injected: the app gets its CSRF token from Coder itself.
      expect(extractCsrfMeta(html)).toBeUndefined();
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        expect(res.headers.get(name), `${p} ${name}`).toBe(value);
      }
      expect(res.headers.get("cache-control")).toBe("no-cache");
      expect(res.headers.get("content-encoding")).toBe("gzip");
    }
  });

  it("gives every other path to Coder (here the mock), whose pages are not ours", async () => {
    const session = { cookie: "coder_session_token=anything" };
    const dashboard = await get("/workspaces", { accept: "text/html", ...session });
    expect(dashboard.status).toBe(200);
    expect(extractCsrfMeta(await dashboard.text())).toBeDefined();
    expect((await get("/api/v2/buildinfo")).status).toBe(200);
    // Paths that only look like ours are Coder's.
    expect((await get("/login.html")).status).toBe(404);
    expect((await get("/index.html")).status).toBe(404);
  });

  it("adds the seam script to Coder's HTML page visits only, right after <head>", async () => {
    const visit = await navigate(base, "/workspaces?tab=1");
    expect(visit.status).toBe(200);
    const html = visit.body;
    expect(html.indexOf(SEAM_TAG)).toBe(html.toLowerCase().indexOf("<head>") + "<head>".length);
    expect(html.split(SEAM_TAG)).toHaveLength(2);
    // A script reading Coder's page for its token, and the API, are left as they are.
    expect(await (await get("/", { accept: "*/*" })).text()).not.toContain(SEAM_TAG);
    expect(await (await get("/api/v2/buildinfo", { accept: "text/html" })).text()).not.toContain(
      SEAM_TAG,
    );
  });

  it("sends a signed-out page visit to one of Coder's pages straight to our sign-in", async () => {
    const visit = async (target: string, headers: Record<string, string> = {}) => {
      const res = await navigate(base, target, headers);
      return res.status === 302 ? res.headers.location : res.status;
    };
    expect(await visit("/workspaces")).toBe("/login?redirect=/workspaces");
    expect(await visit("/@admin/myws")).toBe("/login?redirect=/@admin/myws");
    expect(await visit("/")).toBe("/login");
    // A session cookie (maybe expired: Coder's dashboard decides), a query that would need
    // encoding, and anything that is not one of Coder's pages: Coder's answer.
    expect(await visit("/workspaces", { cookie: "a=b; coder_session_token=x" })).toBe(200);
    expect(await visit("/templates?filter=owner:me")).toBe(200);
    expect(await visit("/api/v2/buildinfo")).toBe(200);
    expect(await visit("/__mock/mailbox")).toBe(200);
    expect(await visit("/favicon.ico")).toBe(404);
    expect(await visit("/@admin/myws/apps/code-server/")).not.toBe(
      "/login?redirect=/@admin/myws/apps/code-server/",
    );
    // Not a page visit: a script's request is never redirected, even one asking for HTML (the
    // app reads Coder's start page for its CSRF token and branding).
    expect(await visit("/workspaces", { accept: "*/*" })).toBe(200);
    const read = await get("/", { accept: "text/html", "sec-fetch-mode": "cors" });
    expect(read.status).toBe(200);
    expect(extractCsrfMeta(await read.text())).toBeDefined();
    expect(await visit("/", { "sec-fetch-mode": "navigate" })).toBe("/login");
  });

  it("redirects near variants of our pages to the canonical path, query kept", async () => {
    for (const [target, location] of [
      ["/login/", "/login"],
      ["/LOGIN?redirect=%2Fworkspaces", "/login?redirect=%2Fworkspaces"],
      ["/Settings/Security//", "/settings/security"],
      ["/reset-password/change/?otp=1&email=a%40b", "/reset-password/change?otp=1&email=a%40b"],
    ] as const) {
      const res = await get(target);
      expect(res.status, target).toBe(308);
      expect(res.headers.get("location"), target).toBe(location);
    }
  });

  it("redirects /.well-known/change-password", async () => {
    const res = await get("/.well-known/change-password");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/settings/security");
  });

  it("answers a no-script form post on a page with that page, and no other redirect", async () => {
    const login = await fetch(`${base}/login`, { method: "POST", body: "a=b", redirect: "manual" });
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toBe("/login");
    // These once answered 303 with the raw path as Location: an open redirect.
    for (const target of ["//x//evil.example/p", "/.//evil.example/x", "//evil.example"]) {
      const answer = await rawRequest(
        server.port,
        `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 3\r\n\r\na=b`,
      );
      expect(answer, target).not.toMatch(/\r\nlocation:/i);
      expect(statusOf(answer), target).toBeGreaterThanOrEqual(400);
      expect(statusOf(answer), target).toBeLessThan(500);
    }
  });

  it("ends a failed single sign-on on our pages", async () => {
    const res = await get(
      "/api/v2/users/oidc/callback?error=access_denied&state=abc",
      NAVIGATION_HEADERS,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login?message=sso-failed-400");
  });

  it("leaves a script's request to a callback alone (the GitHub device flow polls it)", async () => {
    const res = await get("/api/v2/users/oidc/callback?error=access_denied&state=abc", {
      accept: "application/json",
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
  });

  it("answers request targets that are not paths with 400, and keeps serving", async () => {
    // Each of these once ended the process (a cross-origin <img> was enough).
    for (const target of ["//[", "//a:99999/", "//user@/x"]) {
      const status = statusOf(await rawGet(server.port, target));
      expect(status, target).toBeGreaterThanOrEqual(200);
      expect(status, target).toBeLessThan(500);
    }
    for (const target of ["*", "http://[/", "x"]) {
      expect(statusOf(await rawGet(server.port, target)), target).toBe(400);
    }
    expect((await get("/login")).status).toBe(200);
  });
});

describe("serve-dist in front of a Coder on another port (CODER_URL)", () => {
  let coder: Server;
  let server: Awaited<ReturnType<typeof startServer>>;
  let base: string;
  beforeAll(async () => {
    coder = createMockHttpServer(createMockCoder());
    await new Promise<void>((done) => coder.listen(0, "127.0.0.1", done));
    const coderUrl = `http://127.0.0.1:${(coder.address() as AddressInfo).port}`;
    server = await startServer({ dist, port: 0, host: "127.0.0.1", coderUrl });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.close();
    coder?.closeAllConnections();
    await new Promise<void>((done) => coder?.close(() => done()));
  });

  it("does at Coder's door what the deployed front door does: sign-in redirect, the seam", async () => {
    const signedOut = await navigate(base, "/workspaces");
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.location).toBe("/login?redirect=/workspaces");
    const page = await navigate(base, "/workspaces?x=1", { "accept-encoding": "gzip" });
    expect(page.status).toBe(200);
    expect(page.headers["content-encoding"]).toBeUndefined();
    expect(page.body.indexOf(SEAM_TAG)).toBe(page.body.toLowerCase().indexOf("<head>") + 6);
    // A script's read of the same page is Coder's, as it is.
    const read = await fetch(`${base}/workspaces?x=1`, { headers: { accept: "text/html" } });
    expect(await read.text()).not.toContain(SEAM_TAG);
  });

  it("passes the whole settings flow as the built app does it", async () => {
    expect(server.mock).toBeUndefined();
    const jar = createCookieJar();
    const origin = new URL(base);
    const browse = async (p: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      const cookie = jar.cookieHeader(origin, null);
      if (cookie) headers.set("cookie", cookie);
      const res = await fetch(`${base}${p}`, { ...init, headers, redirect: "manual" });
      jar.store(origin, res.headers.getSetCookie());
      return res;
    };
    // Our page, then sign in (exempt from CSRF: no session yet).
    expect((await browse("/settings/security", { headers: { accept: "text/html" } })).status).toBe(
      200,
    );
    const login = await browse("/api/v2/users/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "member@coder.com", password: "SomeSecurePassword!" }),
    });
    expect(login.status).toBe(201);
    // Without a token, a signed-in change is refused…
    const change = {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        old_password: "SomeSecurePassword!",
        password: "An0ther-Secure-Passw0rd!",
      }),
    };
    expect((await browse("/api/v2/users/me/password", change)).status).toBe(400);
    // …with the token from Coder's page (through the proxy), it goes through.
    // Coder's home is its dashboard's shell (it moves on in the browser), and carries the token.
    const page = await browse("/", { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    const token = extractCsrfMeta(await page.text()) ?? "";
    expect(token).not.toBe("");
    const ok = await browse("/api/v2/users/me/password", {
      ...change,
      headers: { ...change.headers, "x-csrf-token": token },
    });
    expect(ok.status).toBe(204);
    // Coder revoked the session.
    expect((await browse("/api/v2/users/me")).status).toBe(401);
  });

  it("ends a cancelled single sign-on on our sign-in page", async () => {
    const res = await fetch(
      `${base}/api/v2/users/oauth2/github/callback?error=access_denied&state=s`,
      { redirect: "manual", headers: NAVIGATION_HEADERS },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login?message=sso-failed-400");
  });
});
