// Serves the production build as a real deployment would: gzip, strict CSP and security headers,
// the prerendered pages, a SPA fallback, and (unless CODER_URL is set) the mock Coder API on the
// same origin. Used by `npm run preview`, the end-to-end tests and `npm run bench`.
import { readdir, readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { extname, join, relative, resolve, sep } from "node:path";
import { gzipSync } from "node:zlib";
import { createMockCoder, type MockCoder } from "../mock/coder.ts";
import { mockMiddleware } from "../mock/node-http.ts";
import { ASSET_PREFIX } from "../src/app/owned-routes.ts";
import { SECURITY_HEADERS } from "./headers.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".webmanifest": "application/manifest+json",
};
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".svg", ".txt", ".json", ".map"]);

interface Asset {
  body: Buffer;
  gzipped: Buffer | undefined;
  type: string;
}

export interface ServeOptions {
  port?: number;
  host?: string;
  dist?: string;
  /** false: serve only the app (e.g. when a proxy in front sends /api to a real Coder). */
  mock?: MockCoder | false;
  log?: (line: string) => void;
}

async function loadAssets(dist: string): Promise<Map<string, Asset>> {
  const assets = new Map<string, Asset>();
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else {
        const body = await readFile(path);
        const ext = extname(path);
        assets.set(`/${relative(dist, path).split(sep).join("/")}`, {
          body,
          gzipped: COMPRESSIBLE.has(ext) ? gzipSync(body, { level: 9 }) : undefined,
          type: TYPES[ext] ?? "application/octet-stream",
        });
      }
    }
  };
  await walk(dist);
  return assets;
}

/** The HTML file for an app route: its prerendered page when there is one, else the shell. */
function documentFor(pathname: string, assets: Map<string, Asset>): Asset | undefined {
  const clean = pathname.replace(/\/+$/, "") || "/";
  return assets.get(`${clean}.html`) ?? assets.get("/index.html");
}

export async function startServer(options: ServeOptions = {}) {
  const dist = resolve(options.dist ?? join(import.meta.dirname, "..", "dist"));
  await stat(join(dist, "index.html")).catch(() => {
    throw new Error(`No build in ${dist}: run "npm run build" first.`);
  });
  const assets = await loadAssets(dist);
  const mock = options.mock === false ? undefined : (options.mock ?? createMockCoder());
  const api = mock ? mockMiddleware(mock) : undefined;

  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    asset: Asset,
    extra: Record<string, string>,
  ) => {
    const gzip = asset.gzipped && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const body = gzip && asset.gzipped ? asset.gzipped : asset.body;
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      "Content-Type": asset.type,
      "Content-Length": String(body.length),
      Vary: "Accept-Encoding",
      ...(gzip ? { "Content-Encoding": "gzip" } : {}),
      ...extra,
    });
    res.end(req.method === "HEAD" ? undefined : body);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const serveApp = () => {
      if (req.method === "POST" && extname(url.pathname) === "") {
        // A form submitted natively (before the app ran): drop the body, show the page again.
        req.resume();
        res.writeHead(303, { ...SECURITY_HEADERS, Location: url.pathname }).end();
        return;
      }
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { ...SECURITY_HEADERS, Allow: "GET, HEAD" }).end();
        return;
      }
      if (url.pathname === "/.well-known/change-password") {
        res.writeHead(302, { ...SECURITY_HEADERS, Location: "/settings/security" }).end();
        return;
      }
      const file = assets.get(url.pathname);
      if (file && url.pathname !== "/index.html" && !url.pathname.endsWith(".html")) {
        const immutable = url.pathname.startsWith(ASSET_PREFIX);
        send(req, res, 200, file, {
          "Cache-Control": immutable
            ? "public, max-age=31536000, immutable"
            : "public, max-age=3600",
        });
        return;
      }
      // A missing hashed file is a 404, not the app shell (which would fail as a script).
      if (url.pathname.startsWith(ASSET_PREFIX) || extname(url.pathname) !== "") {
        res.writeHead(404, { ...SECURITY_HEADERS, "Content-Type": "text/plain" }).end("Not found");
        return;
      }
      const page = documentFor(url.pathname, assets);
      if (!page) {
        res.writeHead(500).end("index.html missing");
        return;
      }
      // A real Coder puts a CSRF token in every page it serves; so does this server.
      const extra: Record<string, string> = { "Cache-Control": "no-store" };
      let body = page.body;
      if (mock) {
        const csrf = mock.csrfForDocument(req.headers.cookie ?? null);
        body = Buffer.from(
          body
            .toString("utf8")
            .replace(
              "</head>",
              `  <meta property="csrf-token" content="${csrf.token}" />\n  </head>`,
            ),
        );
        if (csrf.setCookie) res.setHeader("Set-Cookie", csrf.setCookie);
      }
      send(req, res, 200, { ...page, body, gzipped: gzipSync(body) }, extra);
    };
    if (api) api(req, res, serveApp);
    else serveApp();
  });

  const port = options.port ?? 4173;
  const host = options.host ?? "localhost";
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => done());
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const url = `http://localhost:${actualPort}`;
  return {
    url,
    mock,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

if (import.meta.main) {
  const port = Number(argValue("--port") ?? process.env.PORT ?? 4173);
  const { url } = await startServer({ port, host: argValue("--host") ?? "localhost" });
  console.log(`Production build with the mock Coder API: ${url}/login`);
}
