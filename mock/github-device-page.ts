// The mock's stand-in for https://github.com/login/device: type the code Coder showed, pick the
// GitHub identity to authorize as (Coder matches it to a user by its primary email), or cancel.
// Plain documents like the other mock pages: no script, no inline style, forms only.
//
//   GET  /__mock/github/login/device                      the code form
//   GET  /__mock/github/login/device/select?user_code=…   the identities for that code
//   POST /__mock/github/login/device/authorize            user_code, email → authorized
//   POST /__mock/github/login/device/cancel               user_code → access denied
import { type Ctx, htmlDocument, now } from "./context.ts";
import { type Html, html, page } from "./html.ts";
import { readBodyText } from "./http-read.ts";
import {
  type DeviceGrant,
  findGrantByUserCode,
  VERIFICATION_PATH,
} from "./routes/github-device.ts";
import { EXTRA_IDENTITIES } from "./seed.ts";

const SELECT_PATH = `${VERIFICATION_PATH}/select`;
const AUTHORIZE_PATH = `${VERIFICATION_PATH}/authorize`;
const CANCEL_PATH = `${VERIFICATION_PATH}/cancel`;

/** Answers the verification pages; undefined for any other path. */
export async function handleGithubDevicePage(ctx: Ctx): Promise<Response | undefined> {
  const { pathname } = ctx.url;
  const method = ctx.request.method;
  const read = method === "GET" || method === "HEAD";
  if (pathname === VERIFICATION_PATH && read) return codeForm(ctx, 200);
  if (pathname === SELECT_PATH && read) return selectIdentity(ctx);
  if (pathname === AUTHORIZE_PATH && method === "POST") return decide(ctx, "authorize");
  if (pathname === CANCEL_PATH && method === "POST") return decide(ctx, "cancel");
  return undefined;
}

function document(ctx: Ctx, status: number, title: string, body: Html): Response {
  return htmlDocument(ctx, status, page(`${title} (mock GitHub)`, body));
}

function codeForm(ctx: Ctx, status: number, problem?: string, typed = ""): Response {
  return document(
    ctx,
    status,
    "Device activation",
    html`<main>
<h1>Device activation</h1>
<p>This is the mock GitHub of the development server. Enter the code that Coder shows to connect that sign-in to a GitHub account.</p>
<form method="get" action="${SELECT_PATH}">
<p><label for="user_code">Code</label><br>
<input id="user_code" name="user_code" value="${typed}" required autocomplete="off" autocapitalize="characters" spellcheck="false" placeholder="XXXX-XXXX"${problem ? html` aria-invalid="true" aria-describedby="code-problem"` : ""}></p>
${problem ? html`<p id="code-problem" role="alert">${problem}</p>\n` : ""}<p><button type="submit">Continue</button></p>
</form>
</main>`,
  );
}

/** Why a typed code cannot be used now, in words for the page; undefined when it can. */
function unusable(ctx: Ctx, grant: DeviceGrant | undefined): string | undefined {
  if (!grant) return "No device is waiting for that code. Check it and try again.";
  if (now(ctx) >= grant.expiresAt) return "That code has expired. Ask Coder for a new one.";
  if (grant.status !== "pending") return "That code has already been used.";
  return undefined;
}

function identities(ctx: Ctx): Array<{ email: string; name: string }> {
  const out: Array<{ email: string; name: string }> = [];
  for (const user of ctx.env.state.users.values()) {
    if (!user.deleted) out.push({ email: user.email, name: user.name });
  }
  for (const email of EXTRA_IDENTITIES) {
    if (!out.some((i) => i.email.toLowerCase() === email)) out.push({ email, name: "" });
  }
  return out;
}

function selectIdentity(ctx: Ctx): Response {
  const typed = (ctx.url.searchParams.get("user_code") ?? "").trim();
  const grant = findGrantByUserCode(ctx.env.state, typed);
  const problem = unusable(ctx, grant);
  if (problem || !grant) return codeForm(ctx, grant ? 410 : 404, problem, typed);
  const hidden = html`<input type="hidden" name="user_code" value="${grant.userCode}">`;
  return document(
    ctx,
    200,
    "Authorize Coder",
    html`<main>
<h1>Authorize Coder</h1>
<p>Code <strong>${grant.userCode}</strong>. Choose the GitHub account to authorize; Coder signs in the user whose email matches it.</p>
<ul>
${identities(ctx).map(
  (i) =>
    html`<li><form method="post" action="${AUTHORIZE_PATH}">${hidden}<input type="hidden" name="email" value="${i.email}"><button type="submit">Authorize as ${i.email}</button>${i.name ? html` (${i.name})` : ""}</form></li>\n`,
)}</ul>
<form method="post" action="${CANCEL_PATH}">${hidden}<button type="submit">Cancel</button></form>
</main>`,
  );
}

async function decide(ctx: Ctx, decision: "authorize" | "cancel"): Promise<Response> {
  const text = (await readBodyText(ctx.request)) ?? "";
  const form = new URLSearchParams(text);
  const typed = (form.get("user_code") ?? "").trim();
  const grant = findGrantByUserCode(ctx.env.state, typed);
  const problem = unusable(ctx, grant);
  if (problem || !grant) return codeForm(ctx, grant ? 410 : 404, problem, typed);
  if (decision === "cancel") {
    grant.status = "denied";
    return document(
      ctx,
      200,
      "Authorization cancelled",
      html`<main>
<h1>Authorization cancelled</h1>
<p>Coder was not given access. Close this tab and go back to Coder.</p>
</main>`,
    );
  }
  const email = (form.get("email") ?? "").trim();
  if (email === "") return codeForm(ctx, 400, "Choose an account to authorize.", typed);
  grant.status = "authorized";
  grant.email = email;
  return document(
    ctx,
    200,
    "Device connected",
    html`<main>
<h1>Device connected</h1>
<p>Coder may now sign in as <strong>${email}</strong>. Close this tab and go back to Coder; it notices within a few seconds.</p>
</main>`,
  );
}
