// What a hostile or broken client can send each of our servers: malformed request targets, odd
// methods, bad headers and deeply nested bodies. Every answer must be a clean 4xx, and the
// server must keep serving afterwards. Loopback only, one request at a time, bounded sizes.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createServer as createViteServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMockCoder } from "../mock/coder.ts";
import { createMockHttpServer } from "../mock/node-http.ts";
import { startServer } from "./serve-dist.ts";
import { rawRequest, statusOf } from "./test-http.ts";
import { coderFrontDoor } from "./vite-dev.ts";

const deep = (n: number) => "[".repeat(n) + "]".repeat(n);

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
  let root: string;
  let server: ViteDevServer;
  let port: number;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "robust-dev-"));
    await writeFile(path.join(root, "index.html"), "<!doctype html><title>app</title>");
    server = await createViteServer({
      root,
      configFile: false,
      logLevel: "silent",
      plugins: [coderFrontDoor({ coderUrl: "" })],
      server: { port: 0, host: "127.0.0.1" },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    await server.listen();
    port = (server.httpServer?.address() as AddressInfo | null)?.port ?? 0;
  }, 30_000);
  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
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
