// WebSockets as coderd serves them (github.com/coder/websocket, RFC 6455): the handshake checks
// of websocket.Accept with their refusals, and a server side of the connection that stays open,
// pings now and then (httpapi.HeartbeatClose) and answers ping and close frames. Coder's
// dashboard holds one open to /notifications/inbox/watch on every signed-in page.
//
// A route accepts by returning `acceptWebSocket(ctx)`; the node-http adapter's upgrade handler
// (./node-http.ts) turns that into the 101 and runs the connection. Hosts that cannot upgrade
// (msw in unit tests) see a plain 426.
import { createHash } from "node:crypto";
import type { Duplex } from "node:stream";
import { type Ctx, plainError, withHeaders } from "./context.ts";

/** RFC 6455 section 1.3. */
const HANDSHAKE_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
/** httpapi.HeartbeatInterval. */
const HEARTBEAT_MS = 15_000;
/** Bigger client messages close the connection (1009); nothing here reads them anyway. */
const MAX_FRAME_BYTES = 64 * 1024;

const accepted = new WeakSet<Response>();

/** Whether a route's response means "upgrade this request to a WebSocket". */
export function isWebSocketAcceptance(response: Response): boolean {
  return accepted.has(response);
}

/** Sec-WebSocket-Accept for a client's Sec-WebSocket-Key. */
export function websocketAccept(key: string): string {
  return createHash("sha1").update(`${key.trim()}${HANDSHAKE_GUID}`).digest("base64");
}

const hasToken = (value: string | null, token: string) =>
  (value ?? "").split(",").some((part) => part.trim().toLowerCase() === token.toLowerCase());

/** coder/websocket's verifyClientRequest and authenticateOrigin, with their status codes. */
function refusal(ctx: Ctx): Response | undefined {
  const { headers, method } = ctx.request;
  const upgradeHint = { connection: "Upgrade", upgrade: "websocket" };
  if (!hasToken(headers.get("connection"), "upgrade")) {
    ctx.headers.set("connection", "Upgrade");
    ctx.headers.set("upgrade", "websocket");
    return plainError(
      ctx,
      426,
      `WebSocket protocol violation: Connection header ${JSON.stringify(headers.get("connection") ?? "")} does not contain Upgrade`,
    );
  }
  if (!hasToken(headers.get("upgrade"), "websocket")) {
    for (const [name, value] of Object.entries(upgradeHint)) ctx.headers.set(name, value);
    return plainError(
      ctx,
      426,
      `WebSocket protocol violation: Upgrade header ${JSON.stringify(headers.get("upgrade") ?? "")} does not contain websocket`,
    );
  }
  if (method !== "GET") {
    return plainError(
      ctx,
      405,
      `WebSocket protocol violation: handshake request method is not GET but ${JSON.stringify(method)}`,
    );
  }
  const version = headers.get("sec-websocket-version") ?? "";
  if (version !== "13") {
    ctx.headers.set("sec-websocket-version", "13");
    return plainError(
      ctx,
      400,
      `unsupported WebSocket protocol version (only 13 is supported): ${JSON.stringify(version)}`,
    );
  }
  const key = headers.get("sec-websocket-key");
  if (key === null) {
    return plainError(ctx, 400, "WebSocket protocol violation: missing Sec-WebSocket-Key");
  }
  if (key.includes(",")) {
    return plainError(ctx, 400, "WebSocket protocol violation: multiple Sec-WebSocket-Key headers");
  }
  if (
    Buffer.from(key.trim(), "base64").length !== 16 ||
    !/^[A-Za-z0-9+/]{22}==$/.test(key.trim())
  ) {
    return plainError(
      ctx,
      400,
      `WebSocket protocol violation: invalid Sec-WebSocket-Key ${JSON.stringify(key.trim())}, must be a 16 byte base64 encoded string`,
    );
  }
  // A page on another site may not open a socket with this browser's cookies.
  const origin = headers.get("origin");
  if (origin !== null) {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return plainError(
        ctx,
        403,
        `request Origin ${JSON.stringify(origin)} is not a valid URL with a host`,
      );
    }
    const host = headers.get("host") ?? ctx.url.host;
    if (originHost.toLowerCase() !== host.toLowerCase()) {
      return plainError(
        ctx,
        403,
        `request Origin ${JSON.stringify(originHost)} is not authorized for Host ${JSON.stringify(host)}`,
      );
    }
  }
  return undefined;
}

/** websocket.Accept: a refusal as coder/websocket writes it, or the marker to upgrade. */
function acceptWebSocket(ctx: Ctx): Response {
  const refused = refusal(ctx);
  if (refused) return refused;
  const response = new Response("This address takes a WebSocket connection.\n", {
    status: 426,
    headers: withHeaders(ctx, {
      "content-type": "text/plain; charset=utf-8",
      "sec-websocket-accept": websocketAccept(ctx.request.headers.get("sec-websocket-key") ?? ""),
    }),
  });
  accepted.add(response);
  return response;
}

const FORMATS = new Set(["", "plaintext", "markdown"]);

/**
 * GET /notifications/inbox/watch: signed in (401 before any upgrade, from the route's auth
 * step), `format` checked, then the socket. This deployment has no notifications to push, so
 * the connection only stays open, as Coder's does between notifications.
 */
export function watchInboxNotifications(ctx: Ctx): Response {
  const format = ctx.url.searchParams.get("format") ?? "";
  if (!FORMATS.has(format)) {
    return new Response(
      `${JSON.stringify({
        message: "Invalid format parameter",
        detail: `format must be one of "plaintext" or "markdown", got ${JSON.stringify(format)}`,
      })}\n`,
      {
        status: 400,
        headers: withHeaders(ctx, { "content-type": "application/json; charset=utf-8" }),
      },
    );
  }
  return acceptWebSocket(ctx);
}

/** One frame from the server: FIN set, never masked (RFC 6455 section 5.1). */
function frame(opcode: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const length = payload.length;
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([0x80 | opcode, length]);
  } else if (length < 65_536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

function closeFrame(code: number): Buffer {
  const payload = Buffer.alloc(2);
  payload.writeUInt16BE(code, 0);
  return frame(0x8, payload);
}

/**
 * The server side of an accepted connection: reads the client's (masked) frames, answers
 * ping with pong and close with close, pings every 15 s, and ends on a protocol error.
 */
export function runWebSocket(socket: Duplex, head: Buffer): void {
  let buffered: Buffer = head.length > 0 ? Buffer.from(head) : Buffer.alloc(0);
  let closing = false;
  const send = (data: Buffer) => {
    if (!socket.destroyed && socket.writable) socket.write(data);
  };
  const close = (code: number) => {
    if (closing) return;
    closing = true;
    send(closeFrame(code));
    // The server closes the TCP connection first (RFC 6455 section 7.1.1).
    socket.end(() => socket.destroy());
  };
  const heartbeat = setInterval(() => send(frame(0x9)), HEARTBEAT_MS);
  heartbeat.unref();
  const stop = () => clearInterval(heartbeat);
  socket.on("close", stop);
  // The client went away without a close frame; Node's HTTP server leaves sockets half-open.
  socket.on("end", () => {
    stop();
    socket.destroy();
  });
  socket.on("error", () => {
    stop();
    socket.destroy();
  });

  const consume = () => {
    while (buffered.length >= 2) {
      const first = buffered[0] as number;
      const second = buffered[1] as number;
      const opcode = first & 0x0f;
      const masked = (second & 0x80) !== 0;
      let length = second & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffered.length < 4) return;
        length = buffered.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffered.length < 10) return;
        const big = buffered.readBigUInt64BE(2);
        length = big > BigInt(MAX_FRAME_BYTES) ? MAX_FRAME_BYTES + 1 : Number(big);
        offset = 10;
      }
      // Clients must mask every frame (RFC 6455 section 5.1).
      if (!masked) return close(1002);
      if (length > MAX_FRAME_BYTES) return close(1009);
      if (buffered.length < offset + 4 + length) return;
      const mask = buffered.subarray(offset, offset + 4);
      const payload = Buffer.from(buffered.subarray(offset + 4, offset + 4 + length));
      for (let i = 0; i < payload.length; i++) {
        payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
      }
      buffered = buffered.subarray(offset + 4 + length);
      if (opcode === 0x8) {
        // Echo the client's status code (or "normal closure" when it sent none), then end.
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1000;
        return close(code === 1005 || code === 1006 ? 1000 : code);
      }
      if (opcode === 0x9) send(frame(0xa, payload));
      // Text, binary, pong and continuation frames: nothing to do with them here.
    }
  };
  socket.on("data", (chunk: Buffer) => {
    if (closing) return;
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    consume();
  });
  if (buffered.length > 0) consume();
}
