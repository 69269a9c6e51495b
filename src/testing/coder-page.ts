// Tests: answer the app's request for one of Coder's pages (see src/api/coder-page.ts) the way
// Coder's page handler renders it for a signed-out visitor: the name and logo meta tags.
import { HttpResponse, http } from "msw";
import type { SetupServer } from "msw/node";

const escapeAttribute = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&#34;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function coderPageHtml({ name = "Coder", logo = "" } = {}): string {
  return `<!doctype html>
<head>
  <meta charset="utf-8" />
  <title>${escapeAttribute(name)}</title>
  <meta name="application-name" content="${escapeAttribute(name)}" />
  <meta property="csrf-token" content="dG9rZW4=" />
  <meta property="logo-url" content="${escapeAttribute(logo)}" />
</head>
<body><div id="root"></div></body>`;
}

/** Coder's pages say this name and logo from now on. */
export function serveCoderPage(server: SetupServer, branding: { name?: string; logo?: string }) {
  server.use(
    http.get("/", () =>
      HttpResponse.text(coderPageHtml(branding), {
        headers: { "Content-Type": "text/html; charset=utf-8" },
      }),
    ),
  );
}
