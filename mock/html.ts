// The few HTML pages the mock serves itself (identity provider, mailbox, the stand-in for Coder's
// dashboard, Coder's static error page). They are plain documents: no script, no inline style,
// one same-origin stylesheet, so they work under the strict CSP they are sent with.

/**
 * The headers of the app's own pages (server/headers.ts; server/headers.test.ts holds the two
 * equal): a mock page may carry a one-time passcode or an OAuth state in its URL, so it must not
 * be framed by another site nor send its URL anywhere as a referrer.
 */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: https:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join("; "),
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
};

/** The stylesheet every mock page links (light and dark, like the app). */
const STYLESHEET_PATH = "/__mock/style.css";

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A tagged template that escapes every interpolated value unless it is already `Html`. */
export interface Html {
  readonly __html: string;
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += renderValue(value) + (strings[i + 1] ?? "");
  });
  return { __html: out };
}

function renderValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(renderValue).join("");
  if (value !== null && typeof value === "object" && "__html" in value) {
    return (value as Html).__html;
  }
  if (value === undefined || value === null || value === false) return "";
  return escapeHtml(String(value));
}

export function page(title: string, body: Html, head: Html = html``): string {
  return `<!doctype html>
${
  html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
${head}<title>${title}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
${body}
</body>
</html>
`.__html
}`;
}
