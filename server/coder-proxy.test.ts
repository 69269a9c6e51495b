// The proxy to a Coder deployment on its own: cookies and redirects made to work for the browser,
// WebSocket upgrades, an unreachable Coder.
import { createServer, type Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestUrl } from "../mock/node-http.ts";
import { createCoderProxy, rewriteSetCookieForLocalhost } from "./coder-proxy.ts";
import { type FakeCoder, startFakeCoder } from "./test-http.ts";

describe("rewriteSetCookieForLocalhost", () => {
  it.each([
    [
      "coder_session_token=abc; Path=/; Max-Age=31536000; HttpOnly; Secure; SameSite=Lax",
      "coder_session_token=abc; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax",
    ],
    [
      "coder_session_token=abc; Path=/; Domain=coder.example.com; HttpOnly; Secure; SameSite=None",
      "coder_session_token=abc; Path=/; HttpOnly; SameSite=Lax",
    ],
    [
      "csrf_token=a+b/c=; Path=/; HttpOnly; secure; samesite=none; Partitioned",
      "csrf_token=a+b/c=; Path=/; HttpOnly; SameSite=Lax",
    ],
    ["oauth_state=s; Path=/; SameSite=Strict", "oauth_state=s; Path=/; SameSite=Strict"],
  ])("%s", (input, expected) => {
    expect(rewriteSetCookieForLocalhost(input)).toBe(expected);
  });
});

describe("createCoderProxy", () => {
  let coder: FakeCoder;
  let front: Server;
  let base: string;
  const frontSockets = new Set<Socket>();
  beforeAll(async () => {
    coder = await startFakeCoder();
    const proxy = createCoderProxy({ upstream: coder.url, timeoutMs: 1000 });
    front = createServer((req, res) => {
      const url = requestUrl(req);
      if (url) proxy.web(req, res, url);
    });
    front.on("upgrade", (req, socket, head) => {
      const url = requestUrl(req);
      if (url) proxy.upgrade(req, socket, head, url);
    });
    // The stand-in Coder echoes on its WebSockets (raw frames are enough for a proxy test).
    coder.server.on("upgrade", (req, socket) => {
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Path: ${req.url}\r\n\r\n`,
      );
      socket.on("data", (chunk) => socket.write(Buffer.concat([Buffer.from("echo:"), chunk])));
    });
    front.on("connection", (socket) => {
      frontSockets.add(socket);
      socket.on("close", () => frontSockets.delete(socket));
    });
    await new Promise<void>((done) => front.listen(0, "127.0.0.1", done));
    base = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    // An upgraded socket is no longer the HTTP server's to close.
    for (const socket of frontSockets) socket.destroy();
    front.closeAllConnections();
    await new Promise<void>((done) => front.close(() => done()));
    await coder.close();
  });

  it("turns Coder's absolute redirects to itself into paths on this server", async () => {
    coder.respond = (_req, res) =>
      res.writeHead(307, { location: `${coder.url}/login?redirect=%2F` }).end();
    const res = await fetch(`${base}/x`, { redirect: "manual" });
    expect(res.headers.get("location")).toBe("/login?redirect=%2F");
    coder.respond = (_req, res) =>
      res.writeHead(307, { location: "https://github.com/login/oauth/authorize?x=1" }).end();
    const away = await fetch(`${base}/x`, { redirect: "manual" });
    expect(away.headers.get("location")).toBe("https://github.com/login/oauth/authorize?x=1");
  });

  it("streams request bodies through and keeps Coder's status and headers", async () => {
    coder.respond = (req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () =>
        res.writeHead(201, { "x-coder-build-version": "v2" }).end(`got ${body.length}`),
      );
    };
    const res = await fetch(`${base}/api/v2/users/login`, {
      method: "POST",
      body: "x".repeat(70_000),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-coder-build-version")).toBe("v2");
    expect(await res.text()).toBe("got 70000");
  });

  it("passes WebSocket upgrades through, both ways", async () => {
    const port = (front.address() as AddressInfo).port;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.write(
          "GET /api/v2/workspaceagents/me/pty HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        );
      });
      let text = "";
      socket.setEncoding("latin1");
      socket.on("data", (chunk) => {
        text += chunk;
        if (text.includes("\r\n\r\n") && !text.includes("echo:")) socket.write("ping");
        if (text.includes("echo:ping")) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on("error", reject);
      setTimeout(() => reject(new Error(`no echo: ${text}`)), 4000);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 101 /);
    expect(answer).toContain("X-Path: /api/v2/workspaceagents/me/pty");
    expect(answer).toContain("echo:ping");
  });

  it("answers 502 when Coder cannot be reached", async () => {
    const proxy = createCoderProxy({ upstream: "http://127.0.0.1:1", timeoutMs: 1000 });
    const lonely = createServer((req, res) => {
      const url = requestUrl(req);
      if (url) proxy.web(req, res, url);
    });
    await new Promise<void>((done) => lonely.listen(0, "127.0.0.1", done));
    try {
      const res = await fetch(`http://127.0.0.1:${(lonely.address() as AddressInfo).port}/x`);
      expect(res.status).toBe(502);
      expect(await res.text()).toBe("Coder could not be reached.\n");
    } finally {
      lonely.closeAllConnections();
      await new Promise<void>((done) => lonely.close(() => done()));
    }
  });

  it("refuses an upstream that is not http(s)", () => {
    expect(() => createCoderProxy({ upstream: "file:///etc/passwd" })).toThrow(/http or https/);
  });
});
