// Where the OAuth callbacks may send the browser: Coder's httpapi.SafeRedirectPath (keep path and
// query only, collapse leading slashes, refuse opaque URLs such as javascript:) followed by what
// http.Redirect does to a relative target (path.Clean). The mock is stricter than Go in two places
// browsers make dangerous: a backslash anywhere in the path, and control characters, give "/".

/** Go's path.Clean, keeping a trailing slash as http.Redirect does. */
function goPathClean(path: string): string {
  const trailing = path.length > 1 && path.endsWith("/");
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") out.pop();
    else out.push(segment);
  }
  const cleaned = `/${out.join("/")}`;
  return trailing && cleaned !== "/" ? `${cleaned}/` : cleaned;
}

export function safeRedirectPath(raw: string): string {
  // net/url refuses ASCII control characters; browsers drop tabs and newlines, which is how
  // "/\t/evil.com" would become "//evil.com".
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
  if (raw === "" || /[\u0000-\u001f\u007f]/.test(raw)) return "/";
  let rest = raw;
  const hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.slice(0, hash);
  let query = "";
  const q = rest.indexOf("?");
  if (q >= 0) {
    query = rest.slice(q);
    rest = rest.slice(0, q);
  }
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(rest);
  if (scheme) {
    rest = rest.slice(scheme[0].length);
    if (!rest.startsWith("/")) return "/"; // opaque: javascript:alert(1), mailto:x
  }
  if (rest.startsWith("//")) {
    // An authority: drop it (and the host with it).
    const slash = rest.indexOf("/", 2);
    rest = slash >= 0 ? rest.slice(slash) : "/";
  }
  if (rest.includes("\\")) return "/";
  const path = goPathClean(rest.startsWith("/") ? rest : `/${rest}`);
  return `${path}${query === "?" ? "" : query}`;
}

/** A Location header value: bytes outside printable ASCII are percent-encoded, as a browser would. */
export function locationHeader(path: string): string {
  let out = "";
  for (const ch of path) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0x20 && cp < 0x7f) out += ch;
    else for (const b of new TextEncoder().encode(ch)) out += `%${b.toString(16).toUpperCase()}`;
  }
  return out;
}
