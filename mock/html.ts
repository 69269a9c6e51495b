// The few HTML pages the mock serves itself (identity provider, mailbox, Coder's static error
// page). They are plain documents: no script, no inline style, one same-origin stylesheet
// (./style.ts), so they work under a strict CSP.
import { STYLESHEET_PATH } from "./style.ts";

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

export function page(title: string, body: Html): string {
  return `<!doctype html>
${
  html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
${body}
</body>
</html>
`.__html
}`;
}
