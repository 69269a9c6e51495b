// The stand-in for Coder's dashboard: like Coder's page handler, every page path outside /api
// and /__mock answers 200 with one HTML shell, whatever the session, and the single-page app
// (./dashboard-app.js, served under /assets/ as Coder serves its bundles) decides in the browser
// where to go, moving with history.pushState/replaceState as Coder's React router does. So a
// front door in front of the mock sees no request when the dashboard sends someone to an auth
// page, exactly as in front of a real Coder: the seam script the front door inserts after
// <head> has to catch those moves.
//
// The shell carries what Coder's page handler writes into every page: the CSRF token (and the
// csrf_token cookie when missing: nosurf), the deployment's name and logo; and Coder's CSP.
import { readFileSync } from "node:fs";
import { type Ctx, plainError, withHeaders } from "./context.ts";
import { csrfForDocument } from "./csrf.ts";
import { escapeHtml } from "./html.ts";
import { pageBranding } from "./routes/appearance.ts";

/** Coder serves its bundles under /assets/; this is the mock's one bundle. */
const DASHBOARD_SCRIPT_PATH = "/assets/mock-dashboard.js";

let script: string | undefined;
function dashboardScript(): string {
  script ??= readFileSync(new URL("./dashboard-app.js", import.meta.url), "utf8");
  return script;
}

/**
 * httpmw.CSPHeaders without telemetry, workspace proxies or static additions: the directives
 * Coder sends with its pages (Go writes them in map order; the mock keeps one order), including
 * the ws:// and wss:// sources for the request's Host.
 */
function coderCsp(host: string): string {
  const directives: Array<[string, string]> = [
    ["default-src", "'self'"],
    ["connect-src", `'self'${host ? ` wss://${host} ws://${host}` : ""}`],
    ["child-src", "'self'"],
    ["script-src", "'self'"],
    ["style-src", "'self' 'unsafe-inline'"],
    ["font-src", "'self' data:"],
    ["worker-src", "'self' blob:"],
    ["object-src", "'self'"],
    ["manifest-src", "'self' blob:"],
    ["frame-src", "'self'"],
    ["img-src", "'self' https: data:"],
    ["form-action", "'self'"],
    ["media-src", "'self'"],
    ["report-uri", "/api/v2/csp/reports"],
    ["frame-ancestors", "'self'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}; `).join("");
}

/** A CSRF token for this page, issuing the cookie it belongs to when the browser has none. */
function pageCsrfToken(ctx: Ctx): string {
  const { token, setCookie: cookie } = csrfForDocument(
    ctx.request.headers.get("cookie"),
    ctx.secure,
  );
  if (cookie) ctx.headers.append("set-cookie", cookie);
  return token;
}

/**
 * The shell: `<head>` literally as written (front doors insert their script right after it),
 * the page handler's meta tags, the stylesheet and the app's script.
 */
function shell(ctx: Ctx, token: string, webSockets: boolean): string {
  const { applicationName, logoUrl } = pageBranding(ctx);
  const attr = escapeHtml;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="application-name" content="${attr(applicationName)}">
<meta property="csrf-token" content="${attr(token)}">
<meta property="logo-url" content="${attr(logoUrl)}">
<meta name="mock-websockets" content="${webSockets ? "on" : "off"}">
<title>${attr(applicationName)}</title>
<link rel="stylesheet" href="/__mock/style.css">
<script type="module" src="${DASHBOARD_SCRIPT_PATH}"></script>
</head>
<body>
<div id="root"><p class="loading" role="status">Loading…</p></div>
<noscript><p>Coder's dashboard needs JavaScript.</p></noscript>
</body>
</html>
`;
}

function serveScript(ctx: Ctx): Response {
  return new Response(ctx.request.method === "HEAD" ? null : dashboardScript(), {
    headers: withHeaders(ctx, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "no-cache",
    }),
  });
}

/**
 * GET or HEAD of any path outside /api and /__mock. `webSockets`: whether the host passes
 * WebSocket upgrades to the mock (the page opens the inbox socket only then).
 */
export function dashboardPage(ctx: Ctx, webSockets: boolean): Response {
  const { pathname } = ctx.url;
  if (pathname === DASHBOARD_SCRIPT_PATH) return serveScript(ctx);
  ctx.headers.append("vary", "Cookie");
  // Coder serves its files by name and 404s missing ones; only extension-less paths are pages.
  const last = pathname.slice(pathname.lastIndexOf("/") + 1);
  if (last.includes(".")) return plainError(ctx, 404, "404 page not found");
  const token = pageCsrfToken(ctx);
  const host = ctx.request.headers.get("host") ?? ctx.url.host;
  return new Response(ctx.request.method === "HEAD" ? null : shell(ctx, token, webSockets), {
    status: 200,
    headers: withHeaders(ctx, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": coderCsp(host),
      "referrer-policy": "no-referrer",
      "cross-origin-opener-policy": "same-origin",
    }),
  });
}
