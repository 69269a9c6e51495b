// The development server's front door (a Vite plugin): the same routing as production, so the
// dev flow is the production flow. The app's own paths (src/app/owned-routes.ts) are the app's;
// every other path is Coder's:
//   - default: the mock Coder (mock/) answers, in this process: /api, /__mock and the stand-in
//     for Coder's dashboard on every other page path. App pages get the mock's CSRF token in a
//     <meta> tag, as a convenience (the built app does not need it).
//   - CODER_URL=https://coder.example.com: no mock. Coder's paths are proxied to that deployment
//     (./coder-proxy.ts), WebSockets included, and the app reads its CSRF token from Coder's own
//     page exactly as in production.
// Vite's own paths (its client, the app's source modules) are left to Vite.
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { Connect, Plugin, ViteDevServer } from "vite";
import { createMockCoder, describeSeededAccounts, type MockConfig } from "../mock/coder.ts";
import { badRequest, requestUrl } from "../mock/node-http.ts";
import { type CoderBackend, forwardToCoder } from "./coder-backend.ts";
import { createCoderProxy } from "./coder-proxy.ts";
import { routeOf } from "./front-door.ts";
import { DEV_DOCUMENT_HEADERS } from "./headers.ts";
import { disallowedHostMessage, isAllowedHost } from "./host-check.ts";

export interface FrontDoorDevOptions {
  /** Initial mock settings (password/GitHub/OIDC switches, terms of service, rate limits…). */
  config?: Partial<MockConfig>;
  /** A real Coder to send Coder's paths to instead of the mock. Default: process.env.CODER_URL. */
  coderUrl?: string;
  /** How long to wait for that Coder's answer before a 504. */
  proxyTimeoutMs?: number;
}

/**
 * The seam script in development: its source as a module, which Vite serves (the production
 * build makes it one classic script; both run before the dashboard's own module scripts).
 */
const DEV_SEAM_TAG = '<script type="module" src="/src/seam/coder-seam.ts"></script>';

/** Vite's own requests in development: its client, module ids, the app's source, dependencies. */
export function isViteInternal(pathname: string): boolean {
  return /^\/(?:@vite\/|@id\/|@fs\/|@react-refresh|src\/|node_modules\/|__vite)/.test(pathname);
}

/** Puts the token into the document's head, replacing a csrf-token meta tag already there. */
export function injectCsrfMeta(html: string, token: string): string {
  const escaped = token.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  const meta = `<meta property="csrf-token" content="${escaped}">`;
  const existing = /<meta\s[^>]*property\s*=\s*["']csrf-token["'][^>]*>/i;
  if (existing.test(html)) return html.replace(existing, meta);
  if (/<\/head>/i.test(html)) return html.replace(/<\/head>/i, `  ${meta}\n  </head>`);
  return `${meta}\n${html}`;
}

export function coderFrontDoor(options: FrontDoorDevOptions = {}): Plugin {
  const coderUrl = (options.coderUrl ?? process.env.CODER_URL ?? "").trim();
  return {
    name: "coder-front-door",
    configureServer(server) {
      const logger = server.config.logger;
      let backend: CoderBackend;
      if (coderUrl) {
        const proxy = createCoderProxy({
          upstream: coderUrl,
          timeoutMs: options.proxyTimeoutMs,
          log: (line) => logger.warn(line, { timestamp: true }),
        });
        backend = { proxy };
        logger.info(`[coder] every path the app does not own goes to ${proxy.origin}`);
        server.httpServer?.on("upgrade", (req: IncomingMessage, socket, head: Buffer) => {
          // Vite's own HMR socket is Vite's to answer.
          if (/\bvite-(?:hmr|ping)\b/.test(String(req.headers["sec-websocket-protocol"] ?? "")))
            return;
          const url = requestUrl(req);
          if (!url) {
            // Not a path (absolute-form and the like): nobody else answers it either.
            socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
            return;
          }
          if (isViteInternal(url.pathname)) return;
          if (routeOf(url.pathname).kind !== "coder") return;
          // Vite checks Host (server.allowedHosts) before any middleware, but not on upgrades
          // that are not its own: the same rule here, or a rebinding page reaches Coder's sockets.
          if (!isAllowedHost(req.headers.host, server.config.server.allowedHosts)) {
            const body = disallowedHostMessage(req.headers.host, "server.allowedHosts");
            socket.end(
              `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
            );
            return;
          }
          proxy.upgrade(req, socket, head, url);
        });
      } else {
        const mock = createMockCoder({
          config: options.config,
          onMail: (mail) =>
            logger.info(`[mock mail] to ${mail.to} → ${baseUrl(server)}${mail.link}`, {
              timestamp: true,
            }),
        });
        backend = { mock };
        server.httpServer?.once("listening", () => {
          const lines = describeSeededAccounts().map((line) => `    ${line}`);
          logger.info(
            [
              "",
              "  Mock Coder on this origin (/api/v2 and every page the app does not own).",
              "  Seeded accounts:",
              ...lines,
              `  Mailbox: ${baseUrl(server)}/__mock/mailbox`,
              "",
            ].join("\n"),
          );
        });
      }
      // Connect parses every target before any middleware runs, and throws (ending the dev
      // server) on an absolute-form target with a bad host such as "http://[/". Such a request
      // is refused here, first; Connect only ever sees a harmless path.
      server.httpServer?.prependListener("request", (req: IncomingMessage) => {
        if (!requestUrl(req)) {
          badTargets.add(req);
          req.url = "/";
        }
      });
      server.middlewares.use(frontDoorMiddleware(server, backend));
    },
  };
}

function baseUrl(server: ViteDevServer): string {
  const local = server.resolvedUrls?.local[0];
  if (local) return local.replace(/\/+$/, "");
  return `http://localhost:${server.config.server.port ?? 5173}`;
}

/** Requests whose target was not a path (answered 400 by the front door middleware). */
const badTargets = new WeakSet<IncomingMessage>();

function frontDoorMiddleware(
  server: ViteDevServer,
  backend: CoderBackend,
): Connect.NextHandleFunction {
  return (req, res, next) => {
    const url = badTargets.has(req) ? undefined : requestUrl(req);
    if (!url) {
      badRequest(res);
      return;
    }
    const method = req.method ?? "GET";
    const route = routeOf(url.pathname);
    switch (route.kind) {
      case "redirect":
        res.writeHead(302, { ...DEV_DOCUMENT_HEADERS, Location: route.location }).end();
        return;
      case "near-variant":
        req.resume();
        res
          .writeHead(308, { ...DEV_DOCUMENT_HEADERS, Location: `${route.path}${url.search}` })
          .end();
        return;
      case "asset":
        next();
        return;
      case "page":
        if (method === "GET" || method === "HEAD") {
          sendAppPage(server, backend, req, res, url).catch(next);
        } else if (method === "POST") {
          // A form submitted before the app ran: show the same page again (a fixed path).
          req.resume();
          res.writeHead(303, { ...DEV_DOCUMENT_HEADERS, Location: route.path }).end();
        } else {
          req.resume();
          res.writeHead(405, { ...DEV_DOCUMENT_HEADERS, Allow: "GET, HEAD, POST" }).end();
        }
        return;
      case "coder":
        if (isViteInternal(url.pathname)) next();
        else forwardToCoder(backend, req, res, url, DEV_SEAM_TAG);
        return;
    }
  };
}

async function sendAppPage(
  server: ViteDevServer,
  backend: CoderBackend,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const shell = await readFile(path.join(server.config.root, "index.html"), "utf8");
  let html = await server.transformIndexHtml(url.pathname, shell, `${url.pathname}${url.search}`);
  const headers: Record<string, string | string[]> = {
    ...DEV_DOCUMENT_HEADERS,
    "Content-Type": "text/html; charset=utf-8",
    // The token is per browser: never cache the document.
    "Cache-Control": "no-store",
    Vary: "Cookie",
  };
  if ("mock" in backend) {
    const secure = "encrypted" in req.socket && Boolean(req.socket.encrypted);
    const csrf = backend.mock.csrfForDocument(req.headers.cookie ?? null, { secure });
    html = injectCsrfMeta(html, csrf.token);
    if (csrf.setCookie) headers["Set-Cookie"] = [csrf.setCookie];
  }
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : html);
}
