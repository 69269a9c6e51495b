// The response headers a deployment of the built app should send (the README repeats them).

/**
 * Strict: nothing inline, and nothing from elsewhere but images. The build needs no exceptions.
 *
 * `img-src … https:`: a deployment's logo (`logo_url` in Coder's appearance settings) is usually
 * an https URL on another host, and pages show it. An image source opens no way to run script:
 * script, style, frames, connections and form targets stay 'self', and an image (SVG included)
 * never runs script when loaded as an image. What it does allow is a request to the image's host,
 * which learns that the page was visited; Referrer-Policy: no-referrer keeps the page's address
 * (and any one-time passcode in it) out of that request. Plain http: stays blocked (mixed
 * content), and the pages only ever ask for https images (src/lib/external-url.ts).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

export const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  // The reset page reads a passcode from its URL: never send that URL anywhere as a referrer.
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
};

/**
 * The development server's documents: the same, except that Vite's dev client and React's
 * refresh preamble are inline scripts, so the CSP keeps only what does not depend on them.
 * Referrer-Policy as a header matters here: Vite's client script loads before any meta tag of
 * the page could take effect, and the reset page's URL carries a passcode.
 */
export const DEV_DOCUMENT_HEADERS: Record<string, string> = {
  ...SECURITY_HEADERS,
  "Content-Security-Policy": "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
};

/**
 * HSTS, sent on every response of a TLS front door (ours and Coder's). Two years; no
 * includeSubDomains, since Coder's wildcard app hosts need not be under the access URL's name.
 */
export const HSTS = "max-age=63072000";
