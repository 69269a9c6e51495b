// What a hostile or broken client can send each of our servers: malformed request targets, odd
// methods, bad headers and deeply nested bodies. Every answer must be a clean 4xx, and the
// server must keep serving afterwards. Loopback only, one request at a time, bounded sizes.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { createServer as createViteServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMockCoder } from "../mock/coder.ts";
import { createMockHttpServer } from "../mock/node-http.ts";
import { startServer } from "./serve-dist.ts";
import { type FakeCoder, rawGet, rawRequest, startFakeCoder, statusOf } from "./test-http.ts";
import { coderFrontDoor } from "./vite-dev.ts";

const deep = (n: number) => "[".repeat(n) + "]".repeat(n);

/** The dev server (Vite with our front door) on a throwaway root and a free loopback port. */
async function startDevFrontDoor(coderUrl: string) {
  const root = await mkdtemp(path.join(tmpdir(), "robust-dev-"));
  await writeFile(path.join(root, "index.html"), "<!doctype html><title>app</title>");
  const server = await createViteServer({
    root,
    configFile: false,
    logLevel: "silent",
    plugins: [coderFrontDoor({ coderUrl })],
    server: { port: 0, host: "127.0.0.1" },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await server.listen();
  return {
    port: (server.httpServer?.address() as AddressInfo | null)?.port ?? 0,
    async close() {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** A fake Coder that notes each WebSocket upgrade it is asked for, and refuses it. */
async function startUpgradeNotingCoder(): Promise<FakeCoder> {
  const coder = await startFakeCoder();
  coder.server.on("upgrade", (req, socket) => {
    coder.seen.push({ method: "UPGRADE", url: req.url ?? "", headers: req.headers });
    socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
  });
  return coder;
}

/** Raw requests and the statuses a clean answer may have. */
function hostileRequests(page: string): Array<{ name: string; raw: string; ok: number[] }> {
  const req = (first: string, headers: string[] = [], body = "") =>
    [first, "Host: 127.0.0.1", "Connection: close", ...headers, "", body].join("\r\n");
  const send = (method: string, target: string, body: string) =>
    req(
      `${method} ${target} HTTP/1.1`,
      ["Content-Type: application/json", `Content-Length: ${Buffer.byteLength(body)}`],
      body,
    );
  const post = (target: string, body: string) => send("POST", target, body);
  return [
    // Request targets that are not paths.
    { name: "asterisk", raw: req("GET * HTTP/1.1"), ok: [400, 404] },
    { name: "absolute, bad host", raw: req("GET http://[/ HTTP/1.1"), ok: [400, 404] },
    {
      name: "absolute, other site",
      raw: req("GET https://evil.example/ HTTP/1.1"),
      ok: [400, 404],
    },
    { name: "no slash", raw: req("GET x HTTP/1.1"), ok: [400, 404] },
    { name: "huge target", raw: req(`GET /${"a".repeat(20_000)} HTTP/1.1`), ok: [400, 414, 431] },
    // Methods no page has.
    { name: "TRACE a page", raw: req(`TRACE ${page} HTTP/1.1`), ok: [405] },
    { name: "PROPFIND a page", raw: req(`PROPFIND ${page} HTTP/1.1`), ok: [405] },
    { name: "DELETE a page", raw: req(`DELETE ${page} HTTP/1.1`), ok: [405] },
    // Headers.
    {
      name: "host with a space",
      raw: req(`GET ${page} HTTP/1.1`).replace("Host: 127.0.0.1", "Host: a b"),
      ok: [400, 403],
    },
    {
      name: "header without colon",
      raw: req(`GET ${page} HTTP/1.1`, ["Broken header"]),
      ok: [400],
    },
    {
      name: "non-numeric length",
      raw: req(`POST ${page} HTTP/1.1`, ["Content-Length: abc"]),
      ok: [400],
    },
    {
      name: "length and chunked",
      raw: req(
        `POST ${page} HTTP/1.1`,
        ["Content-Length: 3", "Transfer-Encoding: chunked"],
        "0\r\n\r\n",
      ),
      ok: [400],
    },
    {
      name: "huge header",
      raw: req(`GET ${page} HTTP/1.1`, [`X-Big: ${"b".repeat(20_000)}`]),
      ok: [431, 400],
    },
    // Bodies.
    {
      name: "deep JSON (beyond Go's limit)",
      raw: post("/api/v2/users/login", "[".repeat(20_000)),
      ok: [400],
    },
    { name: "deep JSON (within it)", raw: post("/api/v2/users/login", deep(5_000)), ok: [400] },
    {
      name: "deep JSON to a mock control",
      raw: send("PUT", "/__mock/config", deep(12_000)),
      ok: [400],
    },
    { name: "not JSON at all", raw: post("/api/v2/users/login", "\u0000\u0001{"), ok: [400] },
  ];
}

async function expectRobust(port: number, page: string, healthy: () => Promise<number>) {
  for (const { name, raw, ok } of hostileRequests(page)) {
    const status = statusOf(await rawRequest(port, raw));
    expect(ok, `${name}: answered ${status}`).toContain(status);
    expect(await healthy(), `still serving after ${name}`).toBe(200);
  }
}

describe("serve-dist (preview)", () => {
  let dist: string;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    dist = await mkdtemp(path.join(tmpdir(), "robust-dist-"));
    await writeFile(path.join(dist, "index.html"), "<!doctype html><title>app</title>");
    server = await startServer({ dist, port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dist, { recursive: true, force: true });
  });

  it("answers every hostile request with a clean 4xx and keeps serving", async () => {
    await expectRobust(server.port, "/login", async () => {
      return (await fetch(`http://127.0.0.1:${server.port}/login`)).status;
    });
  }, 60_000);
});

describe("the standalone mock (npm run mock)", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createMockHttpServer(createMockCoder());
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  });

  it("answers every hostile request with a clean 4xx and keeps serving", async () => {
    await expectRobust(port, "/workspaces", async () => {
      return (await fetch(`http://127.0.0.1:${port}/api/v2/buildinfo`)).status;
    });
  }, 60_000);
});

describe("the dev server", () => {
  let dev: Awaited<ReturnType<typeof startDevFrontDoor>>;
  let port: number;
  beforeAll(async () => {
    dev = await startDevFrontDoor("");
    port = dev.port;
  }, 30_000);
  afterAll(async () => {
    await dev?.close();
  });

  it("answers every hostile request with a clean 4xx and keeps serving", async () => {
    await expectRobust(port, "/login", async () => {
      const res = await fetch(`http://127.0.0.1:${port}/login`, {
        headers: { accept: "text/html" },
      });
      return res.status;
    });
  }, 60_000);
});

/** A host that must never hear from our proxy: it records every connection made to it. */
async function startBystander() {
  const connections: string[] = [];
  const server = createServer((req, res) => {
    connections.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "content-type": "text/plain" }).end("bystander");
  });
  server.on("connection", (socket) => {
    connections.push("connection");
    socket.on("error", () => {});
  });
  server.on("upgrade", (req, socket) => {
    connections.push(`upgrade ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    connections,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Request targets that name another host in some way: none may take the proxy there. */
function escapingTargets(other: string): string[] {
  const [name = "", port = ""] = other.split(":");
  return [
    `//${other}/steal`,
    `/\\${other}/steal`,
    `/\\\\${other}/steal`,
    `\\\\${other}/steal`,
    `///${other}/steal`,
    `/..//${other}/steal`,
    `/./\\${other}/steal`,
    `/%2F%2F${other}/steal`,
    `/%2f/${other}/steal`,
    `/%5C%5C${other}/steal`,
    `/%5c${other}/steal`,
    `/%252F%252F${other}/steal`,
    `//user@${other}/steal`,
    `/@${other}/steal`,
    `//${name}%3A${port}/steal`,
    `//${encodeURIComponent(name)}:${port}/steal`,
    `http://${other}/steal`,
    `https://${other}/steal`,
    `//${other}?x=1`,
    `//${other}#x`,
  ];
}

const UPGRADE = [
  "Connection: Upgrade",
  "Upgrade: websocket",
  "Sec-WebSocket-Version: 13",
  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
];

describe("the proxy to a Coder (CODER_URL) never leaves that Coder", () => {
  let coder: FakeCoder;
  let bystander: Awaited<ReturnType<typeof startBystander>>;
  let preview: Awaited<ReturnType<typeof startServer>>;
  let dist: string;
  let dev: Awaited<ReturnType<typeof startDevFrontDoor>>;
  let devPort: number;
  beforeAll(async () => {
    coder = await startUpgradeNotingCoder();
    bystander = await startBystander();
    dist = await mkdtemp(path.join(tmpdir(), "robust-proxy-dist-"));
    await writeFile(path.join(dist, "index.html"), "<!doctype html><title>app</title>");
    preview = await startServer({ dist, port: 0, host: "127.0.0.1", coderUrl: coder.url });
    dev = await startDevFrontDoor(coder.url);
    devPort = dev.port;
  }, 30_000);
  afterAll(async () => {
    await dev?.close();
    await preview?.close();
    await bystander?.close();
    await coder?.close();
    await rm(dist, { recursive: true, force: true });
  });

  for (const server of ["preview", "dev"] as const) {
    it(`${server}: every request target stays on Coder, WebSocket upgrades included`, async () => {
      const port = server === "preview" ? preview.port : devPort;
      for (const target of escapingTargets(bystander.host)) {
        for (const upgrade of [false, true]) {
          const before = coder.seen.length;
          const answer = await rawGet(port, target, [
            "Cookie: coder_session_token=secret",
            ...(upgrade ? UPGRADE : []),
          ]);
          const status = statusOf(answer);
          const what = `${upgrade ? "upgrade " : ""}${target} (answered ${status})`;
          expect(bystander.connections, what).toEqual([]);
          // Either refused here (400, never left hanging), or forwarded to Coder as a path.
          if (coder.seen.length > before) {
            expect(coder.seen[coder.seen.length - 1]?.url.startsWith("/"), what).toBe(true);
          } else {
            expect(status, what).toBe(400);
          }
        }
      }
    }, 60_000);
  }

  it("CONNECT is never tunnelled anywhere", async () => {
    for (const port of [preview.port, devPort]) {
      const before = coder.seen.length;
      const heard = bystander.connections.length;
      await rawRequest(
        port,
        `CONNECT ${bystander.host} HTTP/1.1\r\nHost: ${bystander.host}\r\nConnection: close\r\n\r\n`,
      );
      await rawRequest(
        port,
        `CONNECT //${bystander.host}/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
      );
      expect(bystander.connections.length).toBe(heard);
      expect(coder.seen.length).toBe(before);
    }
  });
});

describe("Host checks (DNS rebinding)", () => {
  let coder: FakeCoder;
  let preview: Awaited<ReturnType<typeof startServer>>;
  let listed: Awaited<ReturnType<typeof startServer>>;
  let dist: string;
  let dev: Awaited<ReturnType<typeof startDevFrontDoor>>;
  let devPort: number;
  beforeAll(async () => {
    coder = await startUpgradeNotingCoder();
    dist = await mkdtemp(path.join(tmpdir(), "robust-host-dist-"));
    await writeFile(path.join(dist, "index.html"), "<!doctype html><title>app</title>");
    preview = await startServer({ dist, port: 0, host: "127.0.0.1", coderUrl: coder.url });
    listed = await startServer({
      dist,
      port: 0,
      host: "127.0.0.1",
      coderUrl: coder.url,
      allowedHosts: ["preview.internal", ".dev.example"],
    });
    dev = await startDevFrontDoor(coder.url);
    devPort = dev.port;
  }, 30_000);
  afterAll(async () => {
    await dev?.close();
    await preview?.close();
    await listed?.close();
    await coder?.close();
    await rm(dist, { recursive: true, force: true });
  });

  const get = (port: number, host: string, target: string, extra: string[] = []) =>
    rawRequest(
      port,
      [`GET ${target} HTTP/1.1`, `Host: ${host}`, "Connection: close", ...extra, "", ""].join(
        "\r\n",
      ),
    );

  it("preview: a rebinding host gets a 403 that says why, and Coder hears nothing", async () => {
    for (const target of ["/api/v2/users/me", "/login", "/workspaces"]) {
      for (const upgrade of [false, true]) {
        const before = coder.seen.length;
        const answer = await get(preview.port, "evil.example:80", target, upgrade ? UPGRADE : []);
        expect(statusOf(answer), target).toBe(403);
        expect(answer).toContain('host "evil.example:80"');
        expect(answer).toContain("ALLOWED_HOSTS");
        expect(coder.seen.length, target).toBe(before);
      }
    }
  });

  it("preview: its own names, IP literals and the allow-list are answered", async () => {
    for (const host of [
      "localhost",
      "localhost:4173",
      "127.0.0.1",
      "[::1]:4173",
      "app.localhost",
    ]) {
      expect(statusOf(await get(preview.port, host, "/api/v2/buildinfo")), host).toBe(200);
    }
    for (const host of ["preview.internal", "a.dev.example:8080", "dev.example"]) {
      expect(statusOf(await get(listed.port, host, "/api/v2/buildinfo")), host).toBe(200);
      expect(statusOf(await get(preview.port, host, "/api/v2/buildinfo")), host).toBe(403);
    }
    expect(statusOf(await get(listed.port, "preview.internal.evil", "/x"))).toBe(403);
  });

  it("dev: a rebinding host is refused, WebSocket upgrades to Coder included", async () => {
    for (const upgrade of [false, true]) {
      const before = coder.seen.length;
      const answer = await get(devPort, "evil.example", "/api/v2/workspaceagents/x/pty", [
        ...(upgrade ? UPGRADE : []),
      ]);
      expect(statusOf(answer), `upgrade: ${upgrade}`).toBe(403);
      expect(coder.seen.length, `upgrade: ${upgrade}`).toBe(before);
    }
    const own = await get(devPort, `127.0.0.1:${devPort}`, "/api/v2/x", UPGRADE);
    expect(statusOf(own)).toBe(400); // Coder's own answer to a bad handshake: it got there
    expect(coder.seen[coder.seen.length - 1]?.method).toBe("UPGRADE");
  });
});

describe("preview: Accept-Encoding q-values", () => {
  let dist: string;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    dist = await mkdtemp(path.join(tmpdir(), "robust-enc-"));
    await mkdir(path.join(dist, "auth-ui"));
    await writeFile(path.join(dist, "index.html"), "<!doctype html><title>app</title>");
    // A file the build compressed with both codings.
    const js = "export const x = 1;\n".repeat(100);
    await writeFile(path.join(dist, "auth-ui", "a.js"), js);
    await writeFile(path.join(dist, "auth-ui", "a.js.gz"), gzipSync(js));
    await writeFile(path.join(dist, "auth-ui", "a.js.br"), brotliCompressSync(js));
    server = await startServer({ dist, port: 0, host: "127.0.0.1", mock: false });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dist, { recursive: true, force: true });
  });

  it.each([
    ["gzip;q=0, br;q=0, *", undefined],
    ["gzip;q=0, *;q=1, br;q=0", undefined],
    ["br;q=0, gzip;q=0, x-gzip", undefined],
    ["gzip;q=0.000, br;q=0.0, *", undefined],
    ["br;q=0, *", "gzip"],
    ["gzip;q=0, *", "br"],
    ["x-gzip", "gzip"],
  ])("%s → %s", async (accept, coding) => {
    const answer = await rawGet(server.port, "/auth-ui/a.js", [`Accept-Encoding: ${accept}`]);
    expect(statusOf(answer)).toBe(200);
    expect(/^content-encoding: *(\S+)/im.exec(answer)?.[1]).toBe(coding);
  });
});
