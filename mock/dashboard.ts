// The stand-in for Coder's dashboard: every page path the mock is asked for (outside /api and
// /__mock) answers the way Coder's page handler and its dashboard do at the door, so a browser
// goes through the same steps in development as in front of a real Coder:
//   - the page carries <meta property="csrf-token"> for the browser's csrf_token cookie, which
//     is issued when missing (nosurf), on every page, signed in or not;
//   - signed out, the browser is sent to /login?redirect=<this page>;
//   - signed in, / goes on to /workspaces; any other page says who is signed in, links to the
//     account's security settings, and has a "Sign out" button (a plain form: no script).
// Signed out, the page still answers 200 with the token, as Coder's does (a single-page app that
// moves on in the browser), and moving on is the page's doing (a meta refresh, as there is no
// script): a script that fetches a page for its token gets one, signed in or not.
import { peekSession } from "./auth.ts";
import { type Ctx, htmlDocument, plainError, redirect, setCookie } from "./context.ts";
import { cookieValue, SESSION_COOKIE } from "./cookies.ts";
import { csrfForDocument, realTokenFrom, verifyMaskedToken } from "./csrf.ts";
import { html, page } from "./html.ts";
import { readBodyText } from "./http-read.ts";
import type { MockUser } from "./model.ts";
import { ROLE_DISPLAY_NAMES } from "./seed.ts";

/** Coder's own pages that need no session (site/src/router.tsx); they never send to /login. */
const PUBLIC_PAGES = new Set(["/login", "/setup", "/reset-password", "/reset-password/change"]);

export const SIGN_OUT_PATH = "/__mock/sign-out";

const LOGIN_TYPES: Record<string, string> = {
  password: "Password",
  github: "GitHub",
  oidc: "OpenID Connect",
  token: "Token",
  none: "None",
};

/** "/workspaces" → "Workspaces", "/templates/docker" → "Templates", "/@admin/ws" → "Workspace". */
function sectionOf(pathname: string): string {
  const first = pathname.split("/")[1] ?? "";
  if (first.startsWith("@")) return "Workspace";
  const words = first.replace(/[-_]+/g, " ").trim();
  return words === "" ? "Dashboard" : words[0]?.toUpperCase() + words.slice(1);
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

/** GET or HEAD of any page path outside /api and /__mock. */
export function dashboardPage(ctx: Ctx): Response {
  const { pathname, search } = ctx.url;
  ctx.headers.append("vary", "Cookie");
  // Coder serves its files by name and 404s missing ones; only extension-less paths are pages.
  const last = pathname.slice(pathname.lastIndexOf("/") + 1);
  if (last.includes(".")) return plainError(ctx, 404, "404 page not found");
  const token = pageCsrfToken(ctx);

  if (PUBLIC_PAGES.has(pathname)) return standInForPublicPage(ctx, token);

  const session = peekSession(ctx);
  if (!session.ok || session.user.status !== "active") {
    const here = `${pathname}${search}`;
    const login = here === "/" ? "/login" : `/login?redirect=${encodeURIComponent(here)}`;
    return movingOn(ctx, token, login, "Sign in to continue");
  }
  if (pathname === "/") return redirect(ctx, "/workspaces", 302);
  return htmlDocument(ctx, 200, signedInPage(ctx, session.user, token));
}

/** A page that sends the browser on at once (and says where, for anyone it does not). */
function movingOn(ctx: Ctx, token: string, location: string, label: string): Response {
  return htmlDocument(
    ctx,
    200,
    page(
      "Coder",
      html`<main>
<h1>Coder</h1>
<p><a href="${location}">${label}</a></p>
</main>`,
      html`<meta property="csrf-token" content="${token}">
<meta http-equiv="refresh" content="0; url=${location}">
`,
    ),
  );
}

function signedInPage(ctx: Ctx, user: MockUser, token: string): string {
  const section = sectionOf(ctx.url.pathname);
  const roles = [
    "Member",
    ...user.rbacRoles.filter((r) => r !== "member").map((r) => ROLE_DISPLAY_NAMES[r] ?? r),
  ];
  const nav = (href: string, label: string) =>
    html`<li><a href="${href}"${ctx.url.pathname === href ? html` aria-current="page"` : ""}>${label}</a></li>`;
  return page(
    `${section} - Coder`,
    html`<header class="bar">
<a class="brand" href="/workspaces">Coder</a>
<nav aria-label="Dashboard"><ul>
${nav("/workspaces", "Workspaces")}
${nav("/templates", "Templates")}
</ul></nav>
<div class="account">
<span>Signed in as <strong>${user.email}</strong></span>
<a href="/settings/security">Account security</a>
<form method="post" action="${SIGN_OUT_PATH}">
<input type="hidden" name="csrf_token" value="${token}">
<button type="submit">Sign out</button>
</form>
</div>
</header>
<main>
<h1>${section}</h1>
<p class="note">This page stands in for Coder's dashboard. The mock Coder server answers every page the sign-in app does not own, as Coder's own page handler would.</p>
<section class="card" aria-labelledby="who-heading">
<h2 id="who-heading">${user.name || user.username}</h2>
<dl>
<dt>Email</dt><dd>${user.email}</dd>
<dt>Username</dt><dd>${user.username}</dd>
<dt>Signs in with</dt><dd>${LOGIN_TYPES[user.loginType] ?? user.loginType}</dd>
<dt>Roles</dt><dd>${roles.join(", ")}</dd>
</dl>
</section>
<p><a href="/settings/security">Change your password or how you sign in</a></p>
</main>`,
    html`<meta property="csrf-token" content="${token}">\n`,
  );
}

function standInForPublicPage(ctx: Ctx, token: string): Response {
  return htmlDocument(
    ctx,
    200,
    page(
      "Coder",
      html`<main>
<h1>Coder's own page</h1>
<p class="note">Coder would show its own version of <code>${ctx.url.pathname}</code> here. In this project the sign-in app serves it: open the app's address (the development server or the front door) rather than the mock Coder's own port.</p>
</main>`,
      html`<meta property="csrf-token" content="${token}">\n`,
    ),
  );
}

const MAX_FORM_BYTES = 4096;

/**
 * The dashboard's "Sign out" form: what Coder's dashboard does with POST /users/logout, for a
 * page without script. The form carries the page's CSRF token (nosurf's `csrf_token` field), so
 * another site cannot sign anyone out.
 */
export async function postSignOut(ctx: Ctx): Promise<Response> {
  const text = ctx.request.body ? await readBodyText(ctx.request) : "";
  const form = new URLSearchParams(text !== undefined && text.length <= MAX_FORM_BYTES ? text : "");
  const real = realTokenFrom(ctx.request.headers.get("cookie"));
  if (!verifyMaskedToken(real, form.get("csrf_token"))) {
    return plainError(
      ctx,
      400,
      "This sign-out form has expired. Go back, reload the page and sign out again.",
    );
  }
  const session = peekSession(ctx);
  if (session.ok) ctx.env.state.apiKeys.delete(session.key.id);
  if (cookieValue(ctx.request.headers.get("cookie"), SESSION_COOKIE) !== undefined) {
    setCookie(ctx, { name: SESSION_COOKIE, value: "", path: "/", maxAge: -1, sameSite: "Lax" });
  }
  return redirect(ctx, "/login?message=signed-out", 303);
}
