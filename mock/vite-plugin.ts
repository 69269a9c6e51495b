// Vite plugin: the app and a Coder API on one origin, so the browser deals with real HttpOnly
// cookies and a real CSRF token exactly as it would behind a Coder deployment.
//
// - Default: the mock Coder (./coder.ts) answers /api and /__mock; HTML documents get
//   <meta property="csrf-token"> and the csrf_token cookie, like the pages coderd serves.
// - CODER_URL=https://coder.example.com: no mock. /api is proxied to that deployment, with its
//   cookies made to work on http://localhost, and HTML documents carry the CSRF token the real
//   deployment issued for this browser.
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { Connect, Logger, Plugin, PreviewServer, ProxyOptions, ViteDevServer } from "vite";
import {
  createMockCoder,
  describeSeededAccounts,
  type MockCoder,
  type MockConfig,
} from "./coder.ts";
import { mockMiddleware } from "./node-http.ts";

export interface CoderMockOptions {
  /** Initial mock settings (password/GitHub/OIDC switches, terms of service, rate limits…). */
  config?: Partial<MockConfig>;
  /** A real Coder to proxy /api to instead of running the mock. Default: process.env.CODER_URL. */
  coderUrl?: string;
}

export function coderMock(options: CoderMockOptions = {}): Plugin {
  const coderUrl = (options.coderUrl ?? process.env.CODER_URL ?? "").trim();

  const install = (
    server: ViteDevServer | PreviewServer,
    shell: (pathname: string, originalUrl: string) => Promise<string>,
  ) => {
    const logger = server.config.logger;
    if (coderUrl) {
      logger.info(`[coder] /api is proxied to ${coderUrl}`);
      server.middlewares.use(documentMiddleware(shell, (req) => coderCsrf(coderUrl, req, logger)));
      return;
    }
    const mock = createMockCoder({
      config: options.config,
      onMail: (mail) =>
        logger.info(`[mock mail] to ${mail.to} → ${baseUrl(server)}${mail.link}`, {
          timestamp: true,
        }),
    });
    server.middlewares.use(mockMiddleware(mock));
    server.middlewares.use(documentMiddleware(shell, async (req) => mockCsrf(mock, req)));
    server.httpServer?.once("listening", () => {
      const lines = describeSeededAccounts().map((line) => `    ${line}`);
      logger.info(
        [
          "",
          "  Mock Coder API on this origin (/api/v2). Seeded accounts:",
          ...lines,
          `  Mailbox: ${baseUrl(server)}/__mock/mailbox`,
          "",
        ].join("\n"),
      );
    });
  };

  return {
    name: "coder-mock",
    config() {
      if (!coderUrl) return undefined;
      return {
        server: { proxy: { "/api": coderProxyOptions(coderUrl) } },
        preview: { proxy: { "/api": coderProxyOptions(coderUrl) } },
      };
    },
    configureServer(server) {
      install(server, async (pathname, originalUrl) => {
        const html = await readFile(path.join(server.config.root, "index.html"), "utf8");
        return server.transformIndexHtml(pathname, html, originalUrl);
      });
    },
    configurePreviewServer(server) {
      const dist = path.resolve(server.config.root, server.config.build.outDir);
      install(server, async (pathname) => {
        // A prerendered page when the build has one, else the app shell (SPA fallback).
        const clean = pathname.replace(/\/+$/, "") || "/index";
        const candidate = path.join(dist, `${clean}.html`);
        if (candidate.startsWith(dist + path.sep)) {
          const prerendered = await readFile(candidate, "utf8").catch(() => undefined);
          if (prerendered !== undefined) return prerendered;
        }
        return readFile(path.join(dist, "index.html"), "utf8");
      });
    },
  };
}

function baseUrl(server: ViteDevServer | PreviewServer): string {
  const local = server.resolvedUrls?.local[0];
  if (local) return local.replace(/\/+$/, "");
  const port = server.config.server.port ?? 5173;
  return `http://localhost:${port}`;
}

function originalUrlOf(req: IncomingMessage): string {
  return (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/";
}

/** A browser navigation Vite would answer with index.html: not the API, not a file, not Vite's own. */
export function isDocumentRequest(method: string, accept: string, pathname: string): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  if (!accept.includes("text/html")) return false;
  if (/^\/(api|__mock)(\/|$)/.test(pathname) || pathname.startsWith("/@")) return false;
  if (pathname.startsWith("/__") || pathname.startsWith("/node_modules/")) return false;
  const last = pathname.slice(pathname.lastIndexOf("/") + 1);
  return !last.includes(".") || last.endsWith(".html");
}

interface DocumentCsrf {
  token?: string;
  setCookies: string[];
}

function documentMiddleware(
  shell: (pathname: string, originalUrl: string) => Promise<string>,
  csrf: (req: IncomingMessage) => Promise<DocumentCsrf>,
): Connect.NextHandleFunction {
  return (req, res, next) => {
    const originalUrl = originalUrlOf(req);
    const { pathname } = new URL(originalUrl, "http://localhost");
    if (!isDocumentRequest(req.method ?? "GET", req.headers.accept ?? "", pathname)) {
      next();
      return;
    }
    Promise.all([shell(pathname, originalUrl), csrf(req)])
      .then(([html, token]) => sendDocument(req, res, token, html))
      .catch(next);
  };
}

function sendDocument(
  req: IncomingMessage,
  res: ServerResponse,
  csrf: DocumentCsrf,
  html: string,
): void {
  const body = csrf.token === undefined ? html : injectCsrfMeta(html, csrf.token);
  res.statusCode = 200;
  res.setHeader("content-type", "text/html; charset=utf-8");
  // The token is per browser: never cache the document.
  res.setHeader("cache-control", "no-store");
  res.setHeader("vary", "Cookie");
  if (csrf.setCookies.length > 0) res.setHeader("set-cookie", csrf.setCookies);
  res.end(req.method === "HEAD" ? undefined : body);
}

function mockCsrf(mock: MockCoder, req: IncomingMessage): DocumentCsrf {
  const secure = "encrypted" in req.socket && Boolean(req.socket.encrypted);
  const { token, setCookie } = mock.csrfForDocument(req.headers.cookie ?? null, { secure });
  return { token, setCookies: setCookie ? [setCookie] : [] };
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** Puts the token into the document's head, replacing a csrf-token meta tag already there. */
export function injectCsrfMeta(html: string, token: string): string {
  const meta = `<meta property="csrf-token" content="${escapeAttribute(token)}">`;
  const existing = /<meta\s[^>]*property\s*=\s*["']csrf-token["'][^>]*>/i;
  if (existing.test(html)) return html.replace(existing, meta);
  if (/<\/head>/i.test(html)) return html.replace(/<\/head>/i, `  ${meta}\n  </head>`);
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.replace(head[0], `${head[0]}\n  ${meta}`);
  return `${meta}\n${html}`;
}

// ---------------------------------------------------------------------------------------------
// CODER_URL: a real deployment behind the dev server. This part cannot be exercised against a
// real Coder in this repository; the two pure helpers it relies on are unit-tested.

/**
 * Makes a Set-Cookie line from an https deployment usable on http://localhost: no Secure (the
 * browser would refuse it over http), SameSite=None (which requires Secure) becomes Lax,
 * Partitioned (also requires Secure) and Domain (the deployment's, not localhost) are dropped.
 * A `__Host-` cookie (--host-prefix-cookie) still cannot work without Secure; use the plain name.
 */
export function rewriteSetCookieForLocalhost(line: string): string {
  const [pair = "", ...attributes] = line.split(";");
  const kept: string[] = [pair.trim()];
  for (const attribute of attributes) {
    const trimmed = attribute.trim();
    const name = trimmed.split("=")[0]?.trim().toLowerCase();
    if (trimmed === "" || name === "secure" || name === "partitioned" || name === "domain")
      continue;
    kept.push(/^samesite\s*=\s*none$/i.test(trimmed) ? "SameSite=Lax" : trimmed);
  }
  return kept.join("; ");
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === "#") {
      const code =
        entity[1] === "x" || entity[1] === "X"
          ? Number.parseInt(entity.slice(2), 16)
          : Number.parseInt(entity.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return named[entity.toLowerCase()] ?? whole;
  });
}

/**
 * The token in a Coder page's `<meta property="csrf-token" content="…">`, entity-decoded (Go's
 * html/template writes "+" as "&#43;"). Attribute order and quoting do not matter.
 */
export function extractCsrfMeta(html: string): string | undefined {
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gi)) {
    const attributes = new Map<string, string>();
    for (const m of tag.matchAll(/([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
      attributes.set((m[1] as string).toLowerCase(), m[2] ?? m[3] ?? m[4] ?? "");
    }
    if (attributes.get("property") === "csrf-token") {
      const content = attributes.get("content");
      return content === undefined ? undefined : decodeEntities(content);
    }
  }
  return undefined;
}

/** /api → CODER_URL, with cookies that work on http://localhost. */
export function coderProxyOptions(coderUrl: string): ProxyOptions {
  const origin = new URL(coderUrl).origin;
  return {
    target: origin,
    changeOrigin: true, // Host: the deployment's, so its routing and cookies apply
    secure: true, // verify the deployment's TLS certificate
    ws: true, // workspace and agent connections use WebSockets
    cookieDomainRewrite: "", // cookies for the deployment's domain become host-only here
    configure(proxy) {
      proxy.on("proxyReq", (proxyReq) => {
        // The browser's Origin/Referer name localhost; present the deployment's own origin so
        // same-origin checks on the Coder side see a same-origin request.
        if (proxyReq.getHeader("origin")) proxyReq.setHeader("origin", origin);
        const referer = proxyReq.getHeader("referer");
        if (typeof referer === "string") {
          const url = new URL(referer);
          proxyReq.setHeader("referer", `${origin}${url.pathname}${url.search}`);
        }
      });
      proxy.on("proxyRes", (proxyRes) => {
        const cookies = proxyRes.headers["set-cookie"];
        if (cookies) proxyRes.headers["set-cookie"] = cookies.map(rewriteSetCookieForLocalhost);
      });
    },
  };
}

/**
 * The real deployment's CSRF token for this browser: load its /login page with the browser's
 * cookies, take the meta tag, and pass on the csrf_token cookie it set (if it set one).
 */
async function coderCsrf(
  coderUrl: string,
  req: IncomingMessage,
  logger: Logger,
): Promise<DocumentCsrf> {
  try {
    const response = await fetch(new URL("/login", coderUrl), {
      headers: {
        accept: "text/html",
        ...(req.headers.cookie ? { cookie: req.headers.cookie } : {}),
      },
      redirect: "manual",
    });
    const token = extractCsrfMeta(await response.text());
    const setCookies = response.headers
      .getSetCookie()
      .filter((line) => /^\s*csrf_token=/i.test(line))
      .map(rewriteSetCookieForLocalhost);
    if (token === undefined) logger.warn(`[coder] no csrf-token meta tag in ${coderUrl}/login`);
    return { token, setCookies };
  } catch (cause) {
    logger.warn(`[coder] could not load ${coderUrl}/login for a CSRF token: ${String(cause)}`);
    return { setCookies: [] };
  }
}
