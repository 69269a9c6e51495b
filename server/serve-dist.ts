// Serves the production build as the deployed front door does (deploy/nginx): the app's own
// paths from dist/ (prerendered pages, hashed files under /auth-ui/ with precompressed siblings,
// our security headers), every other path to Coder: the mock Coder in this process by default,
// or a real deployment with CODER_URL. Nothing is injected into pages: the built app fetches its
// CSRF token from Coder as it does in production. Used by `npm run preview`, the end-to-end
// tests and `npm run bench`.
//   node server/serve-dist.ts [--port 4173] [--host localhost]
//   CODER_URL=http://127.0.0.1:3001 node server/serve-dist.ts   (e.g. in front of `npm run mock`)
// Only localhost, IP literals, the --host name and ALLOWED_HOSTS (comma-separated) are answered
// (./host-check.ts: DNS rebinding).
import { readdir, readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { extname, join, relative, resolve, sep } from "node:path";
import { gzipSync } from "node:zlib";
import { createMockCoder, type MockCoder } from "../mock/coder.ts";
import { badRequest, handleMockUpgrade, requestUrl } from "../mock/node-http.ts";
import { VERSION_FILE } from "../scripts/build-version.ts";
import { type CoderBackend, forwardToCoder } from "./coder-backend.ts";
import { createCoderProxy } from "./coder-proxy.ts";
import { routeOf } from "./front-door.ts";
import { SECURITY_HEADERS } from "./headers.ts";
import {
  disallowedHostMessage,
  hostNameOf,
  isAllowedHost,
  parseAllowedHosts,
} from "./host-check.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".woff2": "font/woff2",
};
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".svg", ".txt", ".json", ".webmanifest"]);

/** A file of the build in each encoding we can send it in. */
export interface Asset {
  identity: Buffer;
  gzip: Buffer | undefined;
  br: Buffer | undefined;
  type: string;
}

export type Encoding = "br" | "gzip" | "identity";

/**
 * The encoding to send, from Accept-Encoding (q-values honoured, `*` understood) and what we
 * have: Brotli when accepted and present, then gzip, else the file as it is.
 */
export function chooseEncoding(
  acceptEncoding: string | undefined,
  available: { br: boolean; gzip: boolean },
): Encoding {
  const q = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    if (name === "") continue;
    let weight = 1;
    for (const param of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(param);
      if (m) weight = Number(m[1]);
    }
    q.set(name, Number.isFinite(weight) ? weight : 0);
  }
  // A coding named outright has its own q (q=0: not acceptable, RFC 9110 12.5.3); only one not
  // named falls back to "*". x-gzip is gzip's old name: it counts for gzip when gzip is not named.
  const weight = (name: string) => q.get(name) ?? q.get("*") ?? 0;
  const gzipWeight = q.get("gzip") ?? q.get("x-gzip") ?? q.get("*") ?? 0;
  if (available.br && weight("br") > 0) return "br";
  if (available.gzip && gzipWeight > 0) return "gzip";
  return "identity";
}

/** Files that are never served: source maps (they are for error tracking, not for visitors). */
function isPrivate(path: string): boolean {
  return path.endsWith(".map");
}

export async function loadAssets(dist: string): Promise<Map<string, Asset>> {
  const files = new Map<string, Buffer>();
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.set(`/${relative(dist, path).split(sep).join("/")}`, await readFile(path));
    }
  };
  await walk(dist);
  const assets = new Map<string, Asset>();
  for (const [path, body] of files) {
    // Precompressed siblings belong to their file; maps are never served.
    if (path.endsWith(".br") || path.endsWith(".gz") || isPrivate(path)) continue;
    const ext = extname(path);
    const compressible = COMPRESSIBLE.has(ext);
    assets.set(path, {
      identity: body,
      // The build's own .gz when it has one, else compressed here once.
      gzip: files.get(`${path}.gz`) ?? (compressible ? gzipSync(body, { level: 9 }) : undefined),
      br: files.get(`${path}.br`),
      type: TYPES[ext] ?? "application/octet-stream",
    });
  }
  return assets;
}

export interface ServeOptions {
  port?: number;
  host?: string;
  dist?: string;
  /** The mock Coder answering Coder's paths (default: a fresh one); false for none. */
  mock?: MockCoder | false;
  /** A Coder deployment to send Coder's paths to instead (default: process.env.CODER_URL). */
  coderUrl?: string;
  /** How long to wait for that deployment's answer before a 504. */
  proxyTimeoutMs?: number;
  /**
   * Host names answered besides localhost, IP literals and the listen host ("." + name for a
   * domain and its subdomains; true for any). Default: ALLOWED_HOSTS, comma-separated.
   */
  allowedHosts?: readonly string[] | true;
  log?: (line: string) => void;
}

export async function startServer(options: ServeOptions = {}) {
  const dist = resolve(options.dist ?? join(import.meta.dirname, "..", "dist"));
  await stat(join(dist, "index.html")).catch(() => {
    throw new Error(`No build in ${dist}: run "npm run build" first.`);
  });
  const assets = await loadAssets(dist);
  const log = options.log ?? ((line: string) => console.warn(line));
  const coderUrl = (options.coderUrl ?? process.env.CODER_URL ?? "").trim();
  const proxy = coderUrl
    ? createCoderProxy({ upstream: coderUrl, timeoutMs: options.proxyTimeoutMs, log })
    : undefined;
  const mock = proxy || options.mock === false ? undefined : (options.mock ?? createMockCoder());
  const backend: CoderBackend | undefined = proxy ? { proxy } : mock ? { mock } : undefined;

  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    asset: Asset,
    headers: Record<string, string>,
  ) => {
    const encoding = chooseEncoding(req.headers["accept-encoding"], {
      br: asset.br !== undefined,
      gzip: asset.gzip !== undefined,
    });
    const body = (encoding === "identity" ? undefined : asset[encoding]) ?? asset.identity;
    res.writeHead(200, {
      ...headers,
      "Content-Type": asset.type,
      "Content-Length": String(body.length),
      // Any file with a compressed form depends on what the browser accepts.
      ...(asset.gzip || asset.br ? { Vary: "Accept-Encoding" } : {}),
      ...(encoding === "identity" ? {} : { "Content-Encoding": encoding }),
    });
    res.end(req.method === "HEAD" ? undefined : body);
  };

  const refuse = (res: ServerResponse, status: number, extra: Record<string, string> = {}) => {
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      "Content-Type": "text/plain; charset=utf-8",
      ...extra,
    });
    res.end(status === 404 ? "Not found\n" : `${status}\n`);
  };

  const listenHost = options.host ?? "localhost";
  const allowedHosts =
    options.allowedHosts === true
      ? true
      : [
          ...(options.allowedHosts ?? parseAllowedHosts(process.env.ALLOWED_HOSTS)),
          ...(hostNameOf(listenHost) ? [listenHost] : []),
        ];
  const hostAllowed = (req: IncomingMessage) => isAllowedHost(req.headers.host, allowedHosts);
  const wrongHost = (req: IncomingMessage) =>
    disallowedHostMessage(req.headers.host, "ALLOWED_HOSTS");

  const server = createServer((req, res) => {
    if (!hostAllowed(req)) {
      req.resume();
      res.writeHead(403, { ...SECURITY_HEADERS, "Content-Type": "text/plain; charset=utf-8" });
      res.end(wrongHost(req));
      return;
    }
    const url = requestUrl(req);
    if (!url) {
      badRequest(res);
      return;
    }
    const method = req.method ?? "GET";
    const readOnly = method === "GET" || method === "HEAD";
    const route = routeOf(url.pathname);
    if (route.kind !== "coder" && !readOnly) req.resume();

    switch (route.kind) {
      case "redirect":
        if (!readOnly) refuse(res, 405, { Allow: "GET, HEAD" });
        else res.writeHead(302, { ...SECURITY_HEADERS, Location: route.location }).end();
        return;
      case "near-variant":
        // Another case or trailing slashes: the canonical page, query kept.
        res.writeHead(308, { ...SECURITY_HEADERS, Location: `${route.path}${url.search}` }).end();
        return;
      case "page": {
        if (method === "POST") {
          // A form submitted natively (before the app ran): drop the body, show the page again.
          // The target is the page's own fixed path, never anything taken from the request.
          res.writeHead(303, { ...SECURITY_HEADERS, Location: route.path }).end();
          return;
        }
        if (!readOnly) {
          refuse(res, 405, { Allow: "GET, HEAD, POST" });
          return;
        }
        const page = assets.get(`${route.path}.html`) ?? assets.get("/index.html");
        if (!page) {
          refuse(res, 500);
          return;
        }
        // Revalidate on every visit (a new build changes the page), never store for others.
        send(req, res, page, { ...SECURITY_HEADERS, "Cache-Control": "no-cache" });
        return;
      }
      case "asset": {
        if (!readOnly) {
          refuse(res, 405, { Allow: "GET, HEAD" });
          return;
        }
        const file = isPrivate(url.pathname) ? undefined : assets.get(url.pathname);
        // A missing hashed file is a 404, never a page (which would fail as a script).
        if (!file) {
          refuse(res, 404);
          return;
        }
        send(req, res, file, {
          ...SECURITY_HEADERS,
          // Hashed names never change; the version file is the one that does, on every build.
          "Cache-Control":
            url.pathname === VERSION_FILE ? "no-cache" : "public, max-age=31536000, immutable",
        });
        return;
      }
      case "coder":
        if (backend) forwardToCoder(backend, req, res, url);
        else {
          req.resume();
          refuse(res, 404);
        }
        return;
    }
  });
  if (proxy) {
    server.on("upgrade", (req: IncomingMessage, socket, head: Buffer) => {
      if (!hostAllowed(req)) {
        const body = wrongHost(req);
        socket.end(
          `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
        return;
      }
      const url = requestUrl(req);
      if (url && routeOf(url.pathname).kind === "coder") proxy.upgrade(req, socket, head, url);
      else socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    });
  } else if (mock) {
    // The mock in this process answers WebSockets on Coder's paths too (the dashboard's inbox),
    // so its page opens the socket Coder's dashboard keeps open.
    mock.webSockets = true;
    server.on("upgrade", (req: IncomingMessage, socket, head: Buffer) => {
      const url = requestUrl(req);
      if (url && routeOf(url.pathname).kind === "coder") handleMockUpgrade(mock, req, socket, head);
      else socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    });
  }

  const port = options.port ?? 4173;
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(port, listenHost, () => done());
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const url = `http://localhost:${actualPort}`;
  return {
    url,
    port: actualPort,
    mock,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

if (import.meta.main) {
  const port = Number(argValue("--port") ?? process.env.PORT ?? 4173);
  const { url, mock } = await startServer({ port, host: argValue("--host") ?? "localhost" });
  console.log(
    mock
      ? `Production build with the mock Coder: ${url}/login`
      : `Production build in front of ${process.env.CODER_URL}: ${url}/login`,
  );
}
