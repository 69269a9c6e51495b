// Node's http server ↔ the mock's Fetch-API handler: used by the Vite plugin, `npm run mock` and
// the production-build server, so the browser gets real HttpOnly cookies from a real origin.
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from "node:http";
import { type Duplex, Readable } from "node:stream";
import type { MockCoder } from "./coder.ts";
import { isWebSocketAcceptance, runWebSocket } from "./websocket.ts";

const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::[0-9]{1,5})?$/;

/**
 * A request target as a URL, or undefined when it is not one a browser would send: only the
 * origin form (a path starting with "/") is accepted, and always read as a path, so "//[" or
 * "//a:99999/" are odd paths rather than authorities. Dot segments are resolved, so the path
 * that routing looks at is the path that gets served or forwarded.
 */
function parseRequestTarget(
  target: string | undefined,
  origin = "http://localhost",
): URL | undefined {
  if (!target?.startsWith("/")) return undefined;
  try {
    return new URL(`${origin}${target}`);
  } catch {
    return undefined;
  }
}

/** What a Node request asked for (Connect may rewrite req.url for mounted middlewares). */
function requestTargetOf(req: IncomingMessage): string | undefined {
  return (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url;
}

/** The request's URL on this server, or undefined for a bad target or Host header (a 400). */
export function requestUrl(req: IncomingMessage): URL | undefined {
  const secure = "encrypted" in req.socket && Boolean(req.socket.encrypted);
  const host = req.headers.host ?? "localhost";
  if (!HOST.test(host)) return undefined;
  return parseRequestTarget(requestTargetOf(req), `${secure ? "https" : "http"}://${host}`);
}

/** A plain 400 for a request that cannot be routed at all. */
export function badRequest(res: ServerResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(400, {
    "content-type": "text/plain; charset=utf-8",
    "x-content-type-options": "nosniff",
    connection: "close",
  });
  res.end("400 Bad Request\n");
}

/**
 * The Fetch Request for a Node request (whose URL `requestUrl` accepted); the body is streamed,
 * so the 4 MiB cap reads no further.
 */
function toFetchRequest(req: IncomingMessage, url: URL): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(":")) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(url, {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
    // Required by undici for a streamed request body.
    duplex: "half",
  } as RequestInit);
}

function clientIpOf(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? "127.0.0.1";
  return address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
}

/** Status, every header, each Set-Cookie as its own header line, then the body. */
export async function writeFetchResponse(
  res: ServerResponse,
  response: Response,
  method = "GET",
): Promise<void> {
  res.statusCode = response.status;
  // An answer before the whole request body arrived (413): close the connection rather than
  // read megabytes nobody wants, as Go's server does after MaxBytesReader trips.
  if (!res.req.complete) {
    res.shouldKeepAlive = false;
    res.setHeader("connection", "close");
  }
  for (const [name, value] of response.headers) {
    if (name !== "set-cookie") res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  if (method === "HEAD" || response.body === null) {
    res.end();
    return;
  }
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** The mock's answer to a Node request, as a Fetch Response (hosts may look at it first). */
export async function askMock(mock: MockCoder, req: IncomingMessage, url: URL): Promise<Response> {
  let request: Request;
  try {
    request = toFetchRequest(req, url);
  } catch {
    // A method Node parses but Fetch refuses (TRACE, TRACK): no Coder route has it.
    req.resume();
    return new Response("Method Not Allowed\n", {
      status: 405,
      headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" },
    });
  }
  return mock.handle(request, { clientIp: clientIpOf(req) });
}

async function serveWithMock(
  mock: MockCoder,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  await writeFetchResponse(res, await askMock(mock, req, url), req.method);
}

export type ConnectMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** Answers what the mock owns (/api, /__mock) and passes everything else on. */
export function mockMiddleware(mock: MockCoder): ConnectMiddleware {
  return (req, res, next) => {
    const url = requestUrl(req);
    if (!url) {
      badRequest(res);
      return;
    }
    if (!mock.owns(url)) {
      next();
      return;
    }
    serveWithMock(mock, req, res, url).catch((cause: unknown) => {
      if (res.headersSent) res.destroy(cause instanceof Error ? cause : undefined);
      else next(cause);
    });
  };
}

/** A whole HTTP/1.1 response written straight to a socket that asked to upgrade, then closed. */
async function writeRawResponse(socket: Duplex, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ""}`];
  for (const [name, value] of response.headers) {
    if (name !== "set-cookie" && name !== "connection" && name !== "upgrade") {
      lines.push(`${name}: ${value}`);
    }
  }
  for (const cookie of response.headers.getSetCookie()) lines.push(`set-cookie: ${cookie}`);
  lines.push(`content-length: ${body.length}`, "connection: close");
  socket.end(Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`), body]), () =>
    socket.destroy(),
  );
}

/**
 * A Node server's "upgrade" event for a path the mock owns: the route decides (sign-in, RBAC,
 * the WebSocket handshake checks); an accepted request gets the 101 and a live connection,
 * anything else gets the route's answer as a plain response. Hosts that put the mock in their
 * own process attach this to their server's "upgrade" event for Coder's paths.
 */
export function handleMockUpgrade(
  mock: MockCoder,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  socket.on("error", () => socket.destroy());
  const url = requestUrl(req);
  if (!url) {
    socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
    return;
  }
  askMock(mock, req, url)
    .then(async (response) => {
      if (!isWebSocketAcceptance(response)) {
        await writeRawResponse(socket, response);
        return;
      }
      await response.body?.cancel();
      const lines = [
        "HTTP/1.1 101 Switching Protocols",
        "upgrade: websocket",
        "connection: Upgrade",
      ];
      for (const [name, value] of response.headers) {
        if (name === "sec-websocket-accept" || name.startsWith("x-") || name === "vary") {
          lines.push(`${name}: ${value}`);
        }
      }
      for (const cookie of response.headers.getSetCookie()) lines.push(`set-cookie: ${cookie}`);
      socket.write(`${lines.join("\r\n")}\r\n\r\n`);
      runWebSocket(socket, head);
    })
    .catch((cause: unknown) => {
      console.error("[mock coder] upgrade failed", cause);
      socket.destroy();
    });
}

/** `npm run mock`: a server that is nothing but the mock, so it answers every path as Coder. */
export function createMockHttpServer(mock: MockCoder): Server {
  mock.webSockets = true;
  const server = createServer((req, res) => {
    const url = requestUrl(req);
    if (!url) {
      badRequest(res);
      return;
    }
    serveWithMock(mock, req, res, url).catch((cause: unknown) => {
      console.error("[mock coder]", cause);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("Internal error\n");
    });
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    handleMockUpgrade(mock, req, socket, head),
  );
  return server;
}
