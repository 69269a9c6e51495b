// Node's http server ↔ the mock's Fetch-API handler: used by the Vite plugin, `npm run mock` and
// the production-build server, so the browser gets real HttpOnly cookies from a real origin.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { MockCoder } from "./coder.ts";

/** The Fetch Request for a Node request; the body is streamed, so the 4 MiB cap reads no further. */
function toFetchRequest(req: IncomingMessage): Request {
  const secure = "encrypted" in req.socket && Boolean(req.socket.encrypted);
  const host = req.headers.host ?? "localhost";
  // Connect (Vite) may rewrite req.url for mounted middlewares; originalUrl is what was asked.
  const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/";
  const url = new URL(path, `${secure ? "https" : "http"}://${host}`);
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
async function writeFetchResponse(
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

async function serveWithMock(
  mock: MockCoder,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const request = toFetchRequest(req);
  const response = await mock.handle(request, { clientIp: clientIpOf(req) });
  await writeFetchResponse(res, response, request.method);
}

export type ConnectMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** Answers what the mock owns (/api, /__mock) and passes everything else on. */
export function mockMiddleware(mock: MockCoder): ConnectMiddleware {
  return (req, res, next) => {
    const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/";
    if (!mock.owns(new URL(path, "http://localhost"))) {
      next();
      return;
    }
    serveWithMock(mock, req, res).catch((cause: unknown) => {
      if (res.headersSent) res.destroy(cause instanceof Error ? cause : undefined);
      else next(cause);
    });
  };
}

/** A server that is nothing but the mock (plain 404 for anything it does not own). */
export function createMockHttpServer(mock: MockCoder): Server {
  const middleware = mockMiddleware(mock);
  return createServer((req, res) => {
    middleware(req, res, (cause) => {
      if (cause) console.error("[mock coder]", cause);
      res.statusCode = cause ? 500 : 404;
      res.setHeader("content-type", "text/plain; charset=utf-8");
      res.end(cause ? "Internal error\n" : "404 page not found\n");
    });
  });
}
