// GET /api/v2/notifications/inbox/watch over a real RFC 6455 upgrade on the node-http adapter.
import { randomBytes } from "node:crypto";
import { request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMockCoder } from "./coder.ts";
import { createMockHttpServer } from "./node-http.ts";
import { SEEDED_PASSWORD } from "./seed.ts";
import { call, newMock } from "./test-helpers.ts";
import { websocketAccept } from "./websocket.ts";

const WATCH = "/api/v2/notifications/inbox/watch";
let server: Server;
let port: number;
const mock = createMockCoder();

beforeAll(async () => {
  server = createMockHttpServer(mock);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  port = (server.address() as AddressInfo).port;
});

const clientSockets: Duplex[] = [];

afterAll(async () => {
  for (const socket of clientSockets) socket.destroy();
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
});

async function sessionCookie(): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v2/users/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "member@coder.com", password: SEEDED_PASSWORD }),
  });
  const { session_token } = (await res.json()) as { session_token: string };
  return `coder_session_token=${session_token}`;
}

type Upgrade =
  | { kind: "upgraded"; status: number; headers: Record<string, unknown>; socket: Duplex }
  | { kind: "refused"; status: number; body: string; headers: Record<string, unknown> };

function upgrade(headers: Record<string, string>, path = WATCH): Promise<Upgrade> {
  return new Promise((resolve, reject) => {
    const req = request({
      agent: false,
      host: "127.0.0.1",
      port,
      path,
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": "13",
        ...headers,
      },
    });
    req.on("upgrade", (res, socket) => {
      clientSockets.push(socket);
      resolve({ kind: "upgraded", status: res.statusCode ?? 0, headers: res.headers, socket });
    });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () =>
        resolve({ kind: "refused", status: res.statusCode ?? 0, body, headers: res.headers }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

/** A masked client frame, as a browser sends it. */
function clientFrame(opcode: number, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] as number)));
  return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length]), mask, masked]);
}

function nextFrame(socket: Duplex): Promise<{ opcode: number; payload: Buffer }> {
  return new Promise((resolve) => {
    socket.once("data", (data: Buffer) => {
      const length = (data[1] as number) & 0x7f;
      resolve({ opcode: (data[0] as number) & 0x0f, payload: data.subarray(2, 2 + length) });
    });
  });
}

describe("the inbox watch WebSocket", () => {
  it("computes Sec-WebSocket-Accept as RFC 6455's example does", () => {
    expect(websocketAccept("dGhlIHNhbXBsZSBub25jZQ==")).toBe("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  });

  it("upgrades a signed-in request with Sec-WebSocket-Accept, answers ping, and closes on close", async () => {
    const key = randomBytes(16).toString("base64");
    const res = await upgrade({ cookie: await sessionCookie(), "sec-websocket-key": key });
    if (res.kind !== "upgraded") throw new Error(`refused: ${res.status} ${res.body}`);
    expect(res.status).toBe(101);
    expect(res.headers["sec-websocket-accept"]).toBe(websocketAccept(key));
    expect(res.headers.upgrade).toBe("websocket");

    const pong = nextFrame(res.socket);
    res.socket.write(clientFrame(0x9, Buffer.from("hello")));
    expect(await pong).toEqual({ opcode: 0xa, payload: Buffer.from("hello") });

    const status = Buffer.alloc(2);
    status.writeUInt16BE(1000, 0);
    const closed = nextFrame(res.socket);
    const ended = new Promise((done) => res.socket.once("end", done));
    res.socket.write(clientFrame(0x8, status));
    const close = await closed;
    expect(close.opcode).toBe(0x8);
    expect(close.payload.readUInt16BE(0)).toBe(1000);
    await ended;
  });

  it("stays open: no frame but pings until the client closes", async () => {
    const res = await upgrade({
      cookie: await sessionCookie(),
      "sec-websocket-key": randomBytes(16).toString("base64"),
    });
    if (res.kind !== "upgraded") throw new Error("refused");
    let received = 0;
    res.socket.on("data", () => {
      received++;
    });
    await new Promise((done) => setTimeout(done, 300));
    expect(received).toBe(0);
    expect(res.socket.destroyed).toBe(false);
    res.socket.destroy();
  });

  it("answers 401 with Coder's message without a session, and never upgrades", async () => {
    const res = await upgrade({ "sec-websocket-key": randomBytes(16).toString("base64") });
    expect(res.kind).toBe("refused");
    if (res.kind !== "refused") return;
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({
      message: "You are signed out or your session has expired. Please sign in again to continue.",
    });
  });

  it("refuses a page of another site (Origin) and a bad key, as coder/websocket does", async () => {
    const cookie = await sessionCookie();
    const foreign = await upgrade({
      cookie,
      origin: "https://evil.example",
      "sec-websocket-key": randomBytes(16).toString("base64"),
    });
    expect(foreign).toMatchObject({ kind: "refused", status: 403 });
    const badKey = await upgrade({ cookie, "sec-websocket-key": "short" });
    expect(badKey).toMatchObject({
      kind: "refused",
      status: 400,
      body: 'WebSocket protocol violation: invalid Sec-WebSocket-Key "short", must be a 16 byte base64 encoded string\n',
    });
    const sameOrigin = await upgrade({
      cookie,
      origin: `http://127.0.0.1:${port}`,
      "sec-websocket-key": randomBytes(16).toString("base64"),
    });
    expect(sameOrigin.kind).toBe("upgraded");
    if (sameOrigin.kind === "upgraded") sameOrigin.socket.destroy();
  });

  it("over plain HTTP (no upgrade) answers 426 as coder/websocket does", async () => {
    const m = newMock();
    const login = await call(m, "POST", "/api/v2/users/login", {
      json: { email: "member@coder.com", password: SEEDED_PASSWORD },
    });
    const token = login.json<{ session_token: string }>().session_token;
    const res = await call(m, "GET", WATCH, { headers: { "Coder-Session-Token": token } });
    expect(res.status).toBe(426);
    expect(res.text).toBe(
      'WebSocket protocol violation: Connection header "" does not contain Upgrade\n',
    );
    expect(res.headers.get("upgrade")).toBe("websocket");
  });
});
