// Which Host headers our Node servers answer (DNS rebinding): a page on evil.example whose name
// is made to resolve to 127.0.0.1 reaches this server as same-origin, and through the proxy
// reaches Coder with the proxy's trust. Such a request always names the attacker's host, so
// only names this server was told about are answered: localhost (and *.localhost), IP literals
// (a rebinding page cannot be at one), the name it listens on, and an explicit list.

/** The host name of a Host header (lower case, IPv6 brackets kept), or undefined if malformed. */
export function hostNameOf(host: string): string | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::[0-9]{1,5})?$/i.exec(host.trim());
  return m?.[1]?.toLowerCase().replace(/\.$/, "");
}

function isIpLiteral(name: string): boolean {
  return name.startsWith("[") || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(name);
}

/**
 * Whether a request's Host header names this server. `allowed` entries are host names; one that
 * starts with "." also allows its subdomains (as Vite's server.allowedHosts); `true` allows all.
 */
export function isAllowedHost(
  host: string | undefined,
  allowed: readonly string[] | true = [],
): boolean {
  if (allowed === true) return true;
  // HTTP/1.0 without a Host header: no browser page sends one.
  if (host === undefined) return true;
  const name = hostNameOf(host);
  if (name === undefined) return false;
  if (name === "localhost" || name.endsWith(".localhost") || isIpLiteral(name)) return true;
  return allowed.some((entry) => {
    const e = entry.trim().toLowerCase();
    if (e === "") return false;
    if (e.startsWith(".")) return name === e.slice(1) || name.endsWith(e);
    return name === e;
  });
}

/** A comma-separated list (ALLOWED_HOSTS=coder-preview.internal,.example.test). */
export function parseAllowedHosts(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

/** What a refused request is told. */
export function disallowedHostMessage(host: string | undefined, setting: string): string {
  return `This server does not answer for the host ${JSON.stringify(host ?? "")}: it may be a DNS rebinding attempt. To allow it, add the name to ${setting}.\n`;
}
