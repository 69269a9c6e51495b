// A small browser-like cookie store for unit tests. Node's fetch has no cookie jar, so without
// this a component test could sign in and still be signed out on its next request. It keeps what
// Set-Cookie says per host (ports ignored, as browsers do), honours Max-Age, Expires (on the mock's
// clock) and Secure, and sends cookies with requests whose credentials mode allows it.
import { parseCookieHeader } from "./cookies.ts";

interface StoredCookie {
  value: string;
  expires: number | undefined;
  secure: boolean;
  httpOnly: boolean;
}

export interface CookieJar {
  /** A cookie's current value for a host (default "localhost"), HttpOnly ones included. */
  get(name: string, host?: string): string | undefined;
  set(name: string, value: string, host?: string): void;
  delete(name: string, host?: string): void;
  clear(): void;
  /** Applies a response's Set-Cookie lines for the request's URL. */
  store(url: URL, setCookies: readonly string[]): void;
  /** The Cookie header to send to `url`, after the request's own cookies (which win). */
  cookieHeader(url: URL, own: string | null): string | null;
}

export function createCookieJar(now: () => number = Date.now): CookieJar {
  const hosts = new Map<string, Map<string, StoredCookie>>();
  const forHost = (host: string) => {
    let cookies = hosts.get(host);
    if (!cookies) {
      cookies = new Map();
      hosts.set(host, cookies);
    }
    return cookies;
  };
  const live = (host: string, name: string) => {
    const cookie = hosts.get(host)?.get(name);
    if (cookie?.expires !== undefined && cookie.expires <= now()) {
      hosts.get(host)?.delete(name);
      return undefined;
    }
    return cookie;
  };

  return {
    get: (name, host = "localhost") => live(host, name)?.value,
    set(name, value, host = "localhost") {
      forHost(host).set(name, { value, expires: undefined, secure: false, httpOnly: false });
    },
    delete(name, host = "localhost") {
      hosts.get(host)?.delete(name);
    },
    clear() {
      hosts.clear();
    },
    store(url, setCookies) {
      for (const line of setCookies) {
        const [pair = "", ...attributes] = line.split(";");
        const eq = pair.indexOf("=");
        if (eq <= 0) continue;
        const name = pair.slice(0, eq).trim();
        let value = pair.slice(eq + 1).trim();
        if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
          value = value.slice(1, -1);
        }
        const cookie: StoredCookie = { value, expires: undefined, secure: false, httpOnly: false };
        let maxAge: number | undefined;
        for (const attribute of attributes) {
          const [key = "", ...rest] = attribute.trim().split("=");
          const attrValue = rest.join("=");
          switch (key.toLowerCase()) {
            case "max-age":
              maxAge = Number(attrValue);
              break;
            case "expires":
              cookie.expires = Date.parse(attrValue);
              break;
            case "secure":
              cookie.secure = true;
              break;
            case "httponly":
              cookie.httpOnly = true;
              break;
          }
        }
        // Max-Age wins over Expires.
        if (maxAge !== undefined && Number.isFinite(maxAge)) {
          cookie.expires = maxAge <= 0 ? Number.NEGATIVE_INFINITY : now() + maxAge * 1000;
        }
        if (cookie.secure && url.protocol !== "https:") continue;
        const cookies = forHost(url.hostname);
        if (cookie.expires !== undefined && cookie.expires <= now()) cookies.delete(name);
        else cookies.set(name, cookie);
      }
    },
    cookieHeader(url, own) {
      const pairs = parseCookieHeader(own);
      const named = new Set(pairs.map(([n]) => n));
      for (const name of [...(hosts.get(url.hostname)?.keys() ?? [])]) {
        const cookie = live(url.hostname, name);
        if (!cookie || named.has(name)) continue;
        if (cookie.secure && url.protocol !== "https:") continue;
        pairs.push([name, cookie.value]);
      }
      return pairs.length === 0 ? null : pairs.map(([n, v]) => `${n}=${v}`).join("; ");
    },
  };
}
