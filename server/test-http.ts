// Helpers for the servers' tests: raw HTTP exchanges (for requests fetch() refuses to send) and a
// recording stand-in for a Coder upstream.
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { type AddressInfo, connect } from "node:net";

/**
 * Sends `text` as is and returns everything the server answered until it closed the connection
 * (or `timeoutMs` passed). The socket is not half-closed: a browser never does that, and a
 * server may rightly take it as the client going away. Send `Connection: close` for a quick end.
 */
export function rawRequest(port: number, text: string | Buffer, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    let answer = "";
    socket.setEncoding("latin1");
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      resolve(answer);
    });
    socket.on("data", (chunk) => {
      answer += chunk;
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      // A server may reset a connection it refused; what it said before still counts.
      if (error.code === "ECONNRESET" || error.code === "EPIPE") resolve(answer);
      else reject(error);
    });
    socket.on("close", () => resolve(answer));
  });
}

/** A GET with the given raw target and extra header lines, closing after the answer. */
export function rawGet(port: number, target: string, headers: string[] = []): Promise<string> {
  const lines = [`GET ${target} HTTP/1.1`, "Host: 127.0.0.1", "Connection: close", ...headers];
  return rawRequest(port, `${lines.join("\r\n")}\r\n\r\n`);
}

/** The status code of a raw answer (0 when there was none). */
export function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.[01] (\d{3}) /.exec(answer)?.[1] ?? 0);
}

export interface FakeCoder {
  server: Server;
  url: string;
  /** Every request it received: method, path as sent, headers. */
  seen: Array<{ method: string; url: string; headers: IncomingMessage["headers"] }>;
  /** How to answer the next requests (default: drain the body, 200 "ok"). */
  respond: (req: IncomingMessage, res: ServerResponse) => void;
  close(): Promise<void>;
}

export async function startFakeCoder(): Promise<FakeCoder> {
  // Upgraded sockets are not the server's any more: keep hold of every socket to end them all.
  const sockets = new Set<import("node:net").Socket>();
  const fake: FakeCoder = {
    server: createServer((req, res) => {
      fake.seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
      fake.respond(req, res);
    }),
    url: "",
    seen: [],
    respond: (req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    },
    close: () =>
      new Promise((done) => {
        for (const socket of sockets) socket.destroy();
        fake.server.closeAllConnections();
        fake.server.close(() => done());
      }),
  };
  fake.server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((done) => fake.server.listen(0, "127.0.0.1", done));
  fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  return fake;
}

/**
 * The CSRF token in a page's `<meta property="csrf-token" content="…">`, entity-decoded (Go's
 * html/template writes "+" as "&#43;"), for tests that run without a browser's HTML parser (the
 * app reads the page with DOMParser, src/api/coder-page.ts).
 */
export function extractCsrfMeta(html: string): string | undefined {
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gi)) {
    const attributes = new Map<string, string>();
    for (const m of tag.matchAll(/([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
      attributes.set((m[1] as string).toLowerCase(), m[2] ?? m[3] ?? m[4] ?? "");
    }
    if (attributes.get("property") === "csrf-token") {
      const content = attributes.get("content");
      return content ? decodeEntities(content) : undefined;
    }
  }
  return undefined;
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === "#") {
      const code =
        entity[1] === "x" || entity[1] === "X"
          ? Number.parseInt(entity.slice(2), 16)
          : Number.parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[entity.toLowerCase()] ?? whole;
  });
}

/** The Accept header of a browser's own page visit (what the front door's callback rule looks for). */
export const NAVIGATION_HEADERS = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
} as const;

export interface Answer {
  status: number;
  headers: import("node:http").IncomingHttpHeaders;
  body: string;
}

/**
 * A browser's page visit, redirects not followed: GET with the navigation's Accept and
 * Sec-Fetch-Mode (through node:http, as fetch() always says "cors").
 */
export function navigate(
  base: string,
  target: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: target,
        headers: { ...NAVIGATION_HEADERS, "sec-fetch-mode": "navigate", ...headers },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}
