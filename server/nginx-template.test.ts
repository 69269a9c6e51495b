// The generated nginx template, run by the real nginx (Debian's; .ci/run installs it) in front of
// a recording stand-in for Coder: what Coder receives and what the browser gets back, for the
// parts a browser test cannot see (request headers upstream, encodings, the access log).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEPLOY_FILES, TEMPLATE_VARIABLES } from "./deploy-config.ts";
import { SEAM_TAG } from "./front-door.ts";
import { type FakeCoder, startFakeCoder } from "./test-http.ts";

const root = join(import.meta.dirname, "..");
const haveNginx = spawnSync("sh", ["-c", "command -v nginx"]).status === 0;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function ask(port: number, path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

const NAVIGATION = {
  host: "coder.test",
  accept: "text/html,application/xhtml+xml",
  "sec-fetch-mode": "navigate",
  "accept-encoding": "gzip, br",
  cookie: "coder_session_token=abc",
};
const CODER_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Coder</title></head><body>${"x".repeat(4000)}</body></html>`;

describe("the nginx template in front of Coder", () => {
  let work: string;
  let nginx: ChildProcess;
  let coder: FakeCoder;
  let port: number;
  const accessLog = "/var/log/nginx/coder-auth-ui.access.log";

  beforeAll(async () => {
    if (!haveNginx)
      throw new Error("nginx is needed here: .ci/run installs it (apt-get install nginx)");
    work = await mkdtemp(join(tmpdir(), "nginx-template-"));
    coder = await startFakeCoder();
    coder.respond = (req, res) => {
      req.resume();
      if ((req.url ?? "").startsWith("/api/")) {
        const body = JSON.stringify({ version: "v2.30.0", padding: "y".repeat(4000) });
        const gzip = /gzip/.test(String(req.headers["accept-encoding"] ?? ""));
        res.writeHead(200, {
          "content-type": "application/json",
          ...(gzip ? { "content-encoding": "gzip" } : {}),
        });
        res.end(gzip ? gzipSync(body) : body);
        return;
      }
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(CODER_PAGE);
    };
    port = await freePort();
    const dist = join(work, "dist");
    await mkdir(join(dist, "auth-ui"), { recursive: true });
    await writeFile(join(dist, "index.html"), "<!doctype html><title>ours</title>");
    await mkdir(join(work, "conf.d"), { recursive: true });
    const values: Record<string, string> = {
      LISTEN_PORT: String(port),
      DIST_DIR: dist,
      CODER_UPSTREAM: coder.url,
      CODER_HOST: "coder.test",
    };
    const filled = spawnSync(
      "envsubst",
      [TEMPLATE_VARIABLES.map((name) => `$\{${name}}`).join(" ")],
      {
        input: await readFile(join(root, DEPLOY_FILES.nginx), "utf8"),
        env: { ...process.env, ...values },
        encoding: "utf8",
      },
    );
    await writeFile(join(work, "conf.d", "site.conf"), filled.stdout);
    await mkdir("/var/log/nginx", { recursive: true });
    await writeFile(
      join(work, "nginx.conf"),
      `daemon off;\nmaster_process off;\npid ${work}/nginx.pid;\nerror_log ${work}/error.log;\nevents {}\nhttp {\n  access_log off;\n  client_body_temp_path ${work}/b;\n  proxy_temp_path ${work}/p;\n  fastcgi_temp_path ${work}/f;\n  uwsgi_temp_path ${work}/u;\n  scgi_temp_path ${work}/s;\n  include ${work}/conf.d/*.conf;\n}\n`,
    );
    nginx = spawn("nginx", ["-p", `${work}/`, "-c", `${work}/nginx.conf`], { stdio: "ignore" });
    for (let i = 0; i < 100; i++) {
      if (await ask(port, "/auth-ui/health", { host: "coder.test" }).catch(() => undefined)) break;
      await new Promise((done) => setTimeout(done, 50));
    }
  }, 20_000);

  afterAll(async () => {
    nginx?.kill("SIGTERM");
    await coder?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("asks Coder for its pages uncompressed, adds the seam script, and compresses them again", async () => {
    coder.seen.length = 0;
    const page = await ask(port, "/workspaces", NAVIGATION);
    expect(page.status).toBe(200);
    expect(coder.seen[0]?.headers["accept-encoding"]).toBeUndefined();
    expect(page.headers["content-encoding"]).toBe("gzip");
    const html = gunzipSync(page.body).toString("utf8");
    expect(html).toContain(`<head>${SEAM_TAG}<meta charset="utf-8">`);
  });

  it("leaves the API's compression to Coder: the browser's Accept-Encoding goes through", async () => {
    coder.seen.length = 0;
    const api = await ask(port, "/api/v2/buildinfo", {
      ...NAVIGATION,
      accept: "application/json",
      "sec-fetch-mode": "cors",
    });
    expect(coder.seen[0]?.headers["accept-encoding"]).toBe("gzip, br");
    expect(api.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(api.body).toString("utf8")).version).toBe("v2.30.0");
    // A script reading a page (not a navigation) keeps its encoding too.
    coder.seen.length = 0;
    await ask(port, "/", { ...NAVIGATION, "sec-fetch-mode": "cors" });
    expect(coder.seen[0]?.headers["accept-encoding"]).toBe("gzip, br");
  });

  it("overwrites the client's forwarding headers with what it saw", async () => {
    coder.seen.length = 0;
    await ask(port, "/api/v2/users/me", {
      host: "coder.test",
      "x-forwarded-for": "6.6.6.6",
      "x-real-ip": "6.6.6.6",
    });
    expect(coder.seen[0]?.headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(coder.seen[0]?.headers["x-real-ip"]).toBe("127.0.0.1");
    expect(coder.seen[0]?.headers["x-forwarded-proto"]).toBe("http");
  });

  it("gives every other host to Coder whole: no script, no redirect, Coder's encoding", async () => {
    coder.seen.length = 0;
    const page = await ask(port, "/login", {
      ...NAVIGATION,
      host: "8080--ws--alice.apps.test",
      cookie: "",
    });
    expect(page.status).toBe(200);
    expect(coder.seen[0]?.url).toBe("/login");
    expect(coder.seen[0]?.headers["accept-encoding"]).toBe("gzip, br");
    expect(page.body.toString("latin1")).not.toContain("coder-seam");
  });

  it("keeps passcodes out of the access log", async () => {
    const otp = `otp-${Date.now()}`;
    await ask(port, `/reset-password/change?otp=${otp}&email=a%40b.c`, { host: "coder.test" });
    await ask(port, `/api/v2/users/oidc/callback?code=${otp}&state=s`, { host: "coder.test" });
    await new Promise((done) => setTimeout(done, 200));
    const log = existsSync(accessLog) ? await readFile(accessLog, "utf8") : "";
    expect(log).toContain("/reset-password/change?-");
    expect(log).not.toContain(otp);
  });

  it("names no version of itself", async () => {
    const answer = await ask(port, "/nowhere/../../x", { host: "coder.test" });
    expect(String(answer.headers.server ?? "")).not.toMatch(/\d/);
  });
});
