// The Node adapter on a real ephemeral port: what `npm run mock` and the dev server expose.

import { createServer, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMockCoder } from "./coder.ts";
import { createMockHttpServer, mockMiddleware } from "./node-http.ts";

let server: Server;
let base: string;
const mock = createMockCoder();

beforeAll(async () => {
  server = createMockHttpServer(mock);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
});

describe("createMockHttpServer", () => {
  it("signs in over HTTP and sends each Set-Cookie as its own header", async () => {
    const res = await fetch(`${base}/api/v2/users/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@coder.com", password: "SomeSecurePassword!" }),
    });
    expect(res.status).toBe(201);
    const cookies = res.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    expect(cookies[0]).toMatch(/^csrf_token=/);
    const { session_token } = (await res.json()) as { session_token: string };
    expect(cookies[1]).toBe(
      `coder_session_token=${session_token}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`,
    );
    const me = await fetch(`${base}/api/v2/users/me`, {
      headers: { cookie: `coder_session_token=${session_token}` },
    });
    expect(((await me.json()) as { email: string }).email).toBe("admin@coder.com");
  });

  it("streams a large body and stops at 4 MiB with 413", async () => {
    const res = await fetch(`${base}/api/v2/users/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"email":"${"a".repeat(5 * 1024 * 1024)}"}`,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      message: "Request body too large.",
      detail: "Maximum request body size is 4194304 bytes.",
    });
  });

  it("keeps the status, headers and empty body of a 204", async () => {
    const res = await fetch(`${base}/api/v2/users/otp/request`, {
      method: "POST",
      body: JSON.stringify({ email: "member@coder.com" }),
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(res.headers.get("x-ratelimit-limit")).toBe("60");
    const mail = await fetch(`${base}/__mock/mail`);
    expect(((await mail.json()) as unknown[]).length).toBe(1);
  });

  it("uses the Host header for absolute URLs in answers", async () => {
    const res = await fetch(`${base}/api/v2/buildinfo`);
    expect(((await res.json()) as { dashboard_url: string }).dashboard_url).toBe(base);
  });

  it("answers every other page as Coder's dashboard would: its shell, with the inbox socket on", async () => {
    const res = await fetch(`${base}/workspaces`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<script type="module" src="/assets/mock-dashboard.js"></script>');
    // This server passes upgrades to the mock, so the page opens Coder's inbox socket.
    expect(html).toContain('<meta name="mock-websockets" content="on">');
  });

  it("answers a target that is not a path with 400, and keeps serving", async () => {
    // Each of these once threw outside any handler and ended the process.
    for (const target of ["//[", "//a:99999/", "//user@/x"]) {
      // Odd paths, but paths: answered as a page (the dashboard's shell), not as a host.
      const answer = await rawRequest(
        `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      );
      expect(answer, target).toMatch(/^HTTP\/1\.1 200 /);
      expect(answer).toContain('<meta property="csrf-token"');
    }
    for (const target of ["http://[/", "https://evil.example/", "*", "x"]) {
      const answer = await rawRequest(
        `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      );
      expect(answer, target).toMatch(/^HTTP\/1\.1 400 /);
    }
    const badHost = await rawRequest("GET / HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n");
    expect(badHost).toMatch(/^HTTP\/1\.1 400 /);
    const trace = await rawRequest(
      "TRACE /api/v2/buildinfo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    expect(trace).toMatch(/^HTTP\/1\.1 405 /);
    expect((await fetch(`${base}/api/v2/buildinfo`)).status).toBe(200);
  });
});

/** One raw HTTP/1.1 exchange, for requests fetch() refuses to send. */
function rawRequest(text: string): Promise<string> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    let answer = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk) => {
      answer += chunk;
    });
    socket.on("error", reject);
    socket.on("close", () => resolve(answer));
  });
}

describe("mockMiddleware", () => {
  it("passes what it does not own to the next handler", async () => {
    const middleware = mockMiddleware(createMockCoder());
    const app = createServer((req, res) =>
      middleware(req, res, () => {
        res.setHeader("content-type", "text/html");
        res.end("<!doctype html><title>app</title>");
      }),
    );
    await new Promise<void>((done) => app.listen(0, "127.0.0.1", done));
    const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    try {
      expect(await (await fetch(`${url}/settings/security`)).text()).toContain(
        "<title>app</title>",
      );
      expect((await fetch(`${url}/api/v2/users/authmethods`)).status).toBe(200);
    } finally {
      app.closeAllConnections();
      await new Promise<void>((done) => app.close(() => done()));
    }
  });
});
