// The Vite plugin: its pure helpers, and a real dev server (app shell + mock on one origin).
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createServer, type PreviewServer, preview, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  coderMock,
  coderProxyOptions,
  extractCsrfMeta,
  injectCsrfMeta,
  isDocumentRequest,
  rewriteSetCookieForLocalhost,
} from "./vite-plugin.ts";

describe("rewriteSetCookieForLocalhost", () => {
  it.each([
    [
      "coder_session_token=abc; Path=/; Max-Age=31536000; HttpOnly; Secure; SameSite=Lax",
      "coder_session_token=abc; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax",
    ],
    [
      "coder_session_token=abc; Path=/; Domain=coder.example.com; HttpOnly; Secure; SameSite=None",
      "coder_session_token=abc; Path=/; HttpOnly; SameSite=Lax",
    ],
    [
      "csrf_token=a+b/c=; Path=/; HttpOnly; secure; samesite=none; Partitioned",
      "csrf_token=a+b/c=; Path=/; HttpOnly; SameSite=Lax",
    ],
    [
      "coder_oauth_convert_jwt=x.y.z; Path=/; Expires=Mon, 02 Mar 2026 10:05:10 GMT; HttpOnly; Secure",
      "coder_oauth_convert_jwt=x.y.z; Path=/; Expires=Mon, 02 Mar 2026 10:05:10 GMT; HttpOnly",
    ],
    ["oauth_state=s; Path=/; SameSite=Strict", "oauth_state=s; Path=/; SameSite=Strict"],
  ])("%s", (input, expected) => {
    expect(rewriteSetCookieForLocalhost(input)).toBe(expected);
  });
});

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
  });

  it("returns undefined without the tag", () => {
    expect(extractCsrfMeta('<meta name="csrf-token" content="x">')).toBeUndefined();
    expect(extractCsrfMeta("")).toBeUndefined();
  });
});

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

describe("isDocumentRequest", () => {
  it.each([
    ["GET", "text/html,*/*", "/", true],
    ["GET", "text/html", "/login", true],
    ["HEAD", "text/html", "/reset-password/change", true],
    ["GET", "text/html", "/index.html", true],
    ["POST", "text/html", "/login", false],
    ["GET", "*/*", "/login", false],
    ["GET", "text/html", "/api/v2/users/oidc/callback", false],
    ["GET", "text/html", "/__mock/mailbox", false],
    ["GET", "text/html", "/@vite/client", false],
    ["GET", "text/html", "/src/main.tsx", false],
    ["GET", "text/html", "/auth-ui/favicon.svg", false],
  ])("%s %s %s → %s", (method, accept, pathname, expected) => {
    expect(isDocumentRequest(method, accept, pathname)).toBe(expected);
  });
});

describe("coderProxyOptions", () => {
  it("targets the deployment's origin with cookie-friendly settings", () => {
    const options = coderProxyOptions("https://coder.example.com/some/path");
    expect(options).toMatchObject({
      target: "https://coder.example.com",
      changeOrigin: true,
      secure: true,
      ws: true,
      cookieDomainRewrite: "",
    });
  });
});

describe("the plugin in a dev server", () => {
  let root: string;
  let server: ViteDevServer;
  let base: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "coder-mock-plugin-"));
    await writeFile(
      path.join(root, "index.html"),
      "<!doctype html><html><head><title>app</title></head><body><div id=root></div></body></html>",
    );
    server = await createServer({
      root,
      configFile: false,
      logLevel: "silent",
      plugins: [coderMock({ coderUrl: "" })],
      server: { port: 0, host: "127.0.0.1" },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    await server.listen();
    base = (server.resolvedUrls?.local[0] ?? "").replace(/\/$/, "");
  }, 30_000);

  afterAll(async () => {
    await server?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("serves app routes with a CSRF meta tag and the csrf cookie that goes with it", async () => {
    const page = await fetch(`${base}/reset-password/change?otp=x`, {
      headers: { accept: "text/html" },
    });
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
    const login = await fetch(`${base}/api/v2/users/login`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ email: "admin@coder.com", password: "SomeSecurePassword!" }),
    });
    expect(login.status).toBe(201);
    const session = login.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    expect(session).toMatch(/^coder_session_token=/);
    const logout = await fetch(`${base}/api/v2/users/logout`, {
      method: "POST",
      headers: { cookie: `${cookie}; ${session}`, "x-csrf-token": token ?? "" },
    });
    expect(logout.status).toBe(200);
  });

  it("serves the mock's own pages", async () => {
    const mailbox = await fetch(`${base}/__mock/mailbox`, { headers: { accept: "text/html" } });
    expect(await mailbox.text()).toContain("<h1>Mock mailbox</h1>");
  });
});

describe("the plugin in a preview server", () => {
  let root: string;
  let server: PreviewServer;
  let base: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "coder-mock-preview-"));
    await mkdir(path.join(root, "dist"));
    await writeFile(
      path.join(root, "dist", "index.html"),
      "<!doctype html><html><head><title>built</title></head><body></body></html>",
    );
    await writeFile(
      path.join(root, "dist", "login.html"),
      "<!doctype html><html><head><title>prerendered login</title></head><body></body></html>",
    );
    server = await preview({
      root,
      configFile: false,
      logLevel: "silent",
      plugins: [coderMock({ coderUrl: "" })],
      preview: { port: 0, host: "127.0.0.1" },
    });
    base = (server.resolvedUrls?.local[0] ?? "").replace(/\/$/, "");
  }, 30_000);

  afterAll(async () => {
    await server?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("serves the built shell for client routes and prerendered pages where they exist", async () => {
    const route = await fetch(`${base}/settings/security`, { headers: { accept: "text/html" } });
    const html = await route.text();
    expect(html).toContain("<title>built</title>");
    expect(extractCsrfMeta(html)).toBeDefined();
    const login = await fetch(`${base}/login`, { headers: { accept: "text/html" } });
    expect(await login.text()).toContain("<title>prerendered login</title>");
    const api = await fetch(`${base}/api/v2/users/authmethods`);
    expect(api.status).toBe(200);
  });
});
