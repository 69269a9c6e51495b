// A small reverse proxy to a Coder deployment, for the dev server and serve-dist when CODER_URL
// is set: what the nginx front door does, in Node. The servers decide what is Coder's (by the
// owned-routes list, on the normalised path); this forwards exactly that path, so what was
// routed is what Coder sees.
//
// - Host is the deployment's (TLS and virtual hosting need it); X-Forwarded-* say who asked.
// - Origin and Referer are translated only when they name this server, so Coder's same-origin
//   checks pass for our own pages while a request from another site still looks like one.
// - Cookies from an https deployment are made to work on http://localhost.
// - A deployment that does not answer in time gets a 504, an unreachable one a 502: a hung Coder
//   never hangs the pages this server answers itself.
// - A failed single sign-on callback becomes a redirect to our page (./front-door.ts).
import {
  type ClientRequest,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { request as httpsRequest } from "node:https";
import type { Duplex } from "node:stream";
import { injectSeam, isPageVisit, ssoFailureLocation } from "./front-door.ts";

const DEFAULT_PROXY_TIMEOUT_MS = 30_000;

export interface CoderProxyOptions {
  /** The deployment, e.g. https://coder.example.com or http://127.0.0.1:3000. */
  upstream: string;
  /** How long to wait for Coder's response headers (the body may then stream for ever). */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface CoderProxy {
  readonly origin: string;
  /** Forwards a request; with `seamTag`, Coder's HTML page visits get it after `<head>`. */
  web(req: IncomingMessage, res: ServerResponse, url: URL, seamTag?: string): void;
  /** A WebSocket handshake (terminals, agent connections) to Coder. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void;
}

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
]);

/**
 * Makes a Set-Cookie line from an https deployment usable on http://localhost: no Secure (the
 * browser would refuse it over http), SameSite=None (which requires Secure) becomes Lax,
 * Partitioned (also requires Secure) and Domain (the deployment's, not localhost) are dropped.
 * A `__Host-` cookie (--host-prefix-cookie) still cannot work without Secure; use the plain name.
 */
export function rewriteSetCookieForLocalhost(line: string): string {
  const [pair = "", ...attributes] = line.split(";");
  const kept: string[] = [pair.trim()];
  for (const attribute of attributes) {
    const trimmed = attribute.trim();
    const name = trimmed.split("=")[0]?.trim().toLowerCase();
    if (trimmed === "" || name === "secure" || name === "partitioned" || name === "domain")
      continue;
    kept.push(/^samesite\s*=\s*none$/i.test(trimmed) ? "SameSite=Lax" : trimmed);
  }
  return kept.join("; ");
}

function isEncrypted(req: IncomingMessage): boolean {
  return "encrypted" in req.socket && Boolean(req.socket.encrypted);
}

/** This server's own origin as the browser sees it. */
function ownOriginOf(req: IncomingMessage): string | undefined {
  const host = req.headers.host;
  return host ? `${isEncrypted(req) ? "https" : "http"}://${host}` : undefined;
}

function originOf(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/** The request headers to send to Coder. */
function upstreamHeaders(
  req: IncomingMessage,
  upstream: URL,
  keepUpgrade = false,
): Record<string, string | string[]> {
  const dropped = new Set(HOP_BY_HOP);
  for (const token of String(req.headers.connection ?? "").split(",")) {
    const name = token.trim().toLowerCase();
    if (name !== "" && !(keepUpgrade && name === "upgrade")) dropped.add(name);
  }
  if (keepUpgrade) dropped.delete("upgrade");
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers as IncomingHttpHeaders)) {
    if (value === undefined || dropped.has(name)) continue;
    out[name] = value;
  }
  if (keepUpgrade) out.connection = "Upgrade";
  out.host = upstream.host;

  const own = ownOriginOf(req);
  const origin = req.headers.origin;
  // Only our own pages are presented as the deployment's; anyone else stays who they are.
  if (origin !== undefined && own !== undefined && origin === own) out.origin = upstream.origin;
  const referer = req.headers.referer;
  if (referer !== undefined) {
    const refererOrigin = originOf(referer);
    if (refererOrigin === undefined) delete out.referer;
    else if (refererOrigin === own) {
      const { pathname, search } = new URL(referer);
      out.referer = `${upstream.origin}${pathname}${search}`;
    }
  }

  const client = req.socket.remoteAddress ?? "";
  const forwardedFor = req.headers["x-forwarded-for"];
  out["x-forwarded-for"] = forwardedFor ? `${forwardedFor}, ${client}` : client;
  out["x-forwarded-proto"] = isEncrypted(req) ? "https" : "http";
  if (req.headers.host) out["x-forwarded-host"] = req.headers.host;
  return out;
}

function plain(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "x-content-type-options": "nosniff",
  });
  res.end(`${text}\n`);
}

export function createCoderProxy(options: CoderProxyOptions): CoderProxy {
  const upstream = new URL(options.upstream);
  if (upstream.protocol !== "http:" && upstream.protocol !== "https:") {
    throw new Error(`CODER_URL must be an http or https URL, not ${options.upstream}`);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROXY_TIMEOUT_MS;
  const log = options.log ?? (() => {});
  const send = upstream.protocol === "https:" ? httpsRequest : httpRequest;
  const upstreamOrigin = new URL(upstream.origin);
  /**
   * Where a request goes: Coder's origin, always, with the path as the browser sent it. The path
   * is never resolved against Coder's URL: a path such as "//host/x" (also "/\host/x", "/..//host"
   * once backslashes and dot segments are read) is a reference to another host there, and the
   * request would leave with the browser's cookies. Anything that is not a path on Coder is refused.
   */
  const target = (url: URL): { url: URL; path: string } | undefined => {
    const path = `${url.pathname}${url.search}`;
    if (!path.startsWith("/")) return undefined;
    let resolved: URL;
    try {
      resolved = new URL(`${upstream.origin}${path}`);
    } catch {
      return undefined;
    }
    if (resolved.origin !== upstream.origin) return undefined;
    return { url: upstreamOrigin, path };
  };
  /** A request to Coder: the connection goes to Coder's origin whatever the path says. */
  const open = (
    url: URL,
    req: IncomingMessage,
    keepUpgrade = false,
    identity = false,
  ): ClientRequest => {
    const to = target(url);
    if (!to) throw new Error(`not a path on Coder: ${url.pathname}`);
    const headers = upstreamHeaders(req, upstream, keepUpgrade);
    // A page of Coder's that gets the seam script is asked for uncompressed, as nginx does.
    if (identity) delete headers["accept-encoding"];
    return send(to.url, { path: to.path, method: req.method, headers });
  };

  /** Coder's answer headers, made to work for a browser on this server. */
  const downstreamHeaders = (req: IncomingMessage, proxyRes: IncomingMessage) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(proxyRes.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name)) continue;
      headers[name] = value;
    }
    const cookies = proxyRes.headers["set-cookie"];
    if (cookies && upstream.protocol === "https:" && !isEncrypted(req)) {
      headers["set-cookie"] = cookies.map(rewriteSetCookieForLocalhost);
    }
    const location = proxyRes.headers.location;
    if (location && originOf(location) === upstream.origin) {
      const moved = new URL(location);
      headers.location = `${moved.pathname}${moved.search}${moved.hash}`;
    }
    return headers;
  };

  const web: CoderProxy["web"] = (req, res, url, seamTag) => {
    const addSeam = seamTag !== undefined && isPageVisit(req.method ?? "GET", req.headers);
    let proxyReq: ClientRequest;
    try {
      proxyReq = open(url, req, false, addSeam);
    } catch (cause) {
      log(`[coder] cannot forward ${req.method} ${url.pathname}: ${String(cause)}`);
      req.resume();
      plain(res, 400, "Bad Request");
      return;
    }
    const timer = setTimeout(() => {
      log(`[coder] ${upstream.origin} did not answer ${url.pathname} within ${timeoutMs} ms`);
      proxyReq.destroy();
      plain(res, 504, "Coder did not answer in time.");
    }, timeoutMs);
    res.on("close", () => {
      clearTimeout(timer);
      if (!res.writableFinished) proxyReq.destroy();
    });
    proxyReq.on("error", (cause) => {
      clearTimeout(timer);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      log(`[coder] ${upstream.origin} unreachable for ${url.pathname}: ${cause.message}`);
      plain(res, 502, "Coder could not be reached.");
    });
    proxyReq.on("response", (proxyRes) => {
      clearTimeout(timer);
      const status = proxyRes.statusCode ?? 502;
      const failure = ssoFailureLocation(req.method ?? "GET", url, status, req.headers.accept);
      if (failure) {
        proxyRes.resume();
        res.writeHead(303, { location: failure, "cache-control": "no-store" }).end();
        return;
      }
      const headers = downstreamHeaders(req, proxyRes);
      const html = /^text\/html/i.test(String(proxyRes.headers["content-type"] ?? ""));
      if (addSeam && seamTag !== undefined && html && !proxyRes.headers["content-encoding"]) {
        // Coder's page with the seam script after <head>, as the deployed front door sends it.
        const chunks: Buffer[] = [];
        proxyRes.on("data", (chunk: Buffer) => chunks.push(chunk));
        proxyRes.on("end", () => {
          const body = Buffer.from(injectSeam(Buffer.concat(chunks).toString("utf8"), seamTag));
          delete headers["content-length"];
          res.writeHead(status, { ...headers, "content-length": String(body.length) });
          res.end(req.method === "HEAD" ? undefined : body);
        });
        proxyRes.on("error", () => res.destroy());
        return;
      }
      res.writeHead(status, headers);
      proxyRes.pipe(res);
      proxyRes.on("error", () => res.destroy());
    });
    req.pipe(proxyReq);
  };

  const upgrade: CoderProxy["upgrade"] = (req, socket, head, url) => {
    socket.on("error", () => socket.destroy());
    let proxyReq: ClientRequest;
    try {
      proxyReq = open(url, req, true);
    } catch {
      socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
      return;
    }
    const timer = setTimeout(() => {
      proxyReq.destroy();
      socket.end("HTTP/1.1 504 Gateway Timeout\r\nConnection: close\r\n\r\n");
    }, timeoutMs);
    proxyReq.on("error", () => {
      clearTimeout(timer);
      if (socket.writable) socket.end("HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n");
    });
    proxyReq.on("response", (proxyRes) => {
      // Coder refused the upgrade: pass its answer on and close.
      clearTimeout(timer);
      const lines = [`HTTP/1.1 ${proxyRes.statusCode} ${proxyRes.statusMessage ?? ""}`];
      for (let i = 0; i < proxyRes.rawHeaders.length; i += 2) {
        lines.push(`${proxyRes.rawHeaders[i]}: ${proxyRes.rawHeaders[i + 1]}`);
      }
      socket.write(`${lines.join("\r\n")}\r\n\r\n`);
      proxyRes.pipe(socket);
    });
    proxyReq.on("upgrade", (proxyRes, proxySocket, proxyHead) => {
      clearTimeout(timer);
      const lines = [`HTTP/1.1 101 ${proxyRes.statusMessage ?? "Switching Protocols"}`];
      for (let i = 0; i < proxyRes.rawHeaders.length; i += 2) {
        lines.push(`${proxyRes.rawHeaders[i]}: ${proxyRes.rawHeaders[i + 1]}`);
      }
      socket.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (proxyHead.length > 0) socket.write(proxyHead);
      if (head.length > 0) proxySocket.write(head);
      proxySocket.on("error", () => socket.destroy());
      socket.on("close", () => proxySocket.destroy());
      proxySocket.on("close", () => socket.destroy());
      proxySocket.pipe(socket);
      socket.pipe(proxySocket);
    });
    proxyReq.end();
  };

  return { origin: upstream.origin, web, upgrade };
}
