// The smoke check against a small front door made here: right in every way, then wrong in one
// way at a time, each of which must give exactly one clear line (and the command exit 1).
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECURITY_HEADERS } from "../server/headers.ts";
import { APP_PAGES } from "../src/app/owned-routes.ts";
import { checkDeployment, main, SEAM_TAG } from "./check-deployment.ts";

const run = promisify(execFile);

type Break =
  | "no CSP"
  | "not our page"
  | "seam missing"
  | "seam twice"
  | "map served"
  | "sourceMappingURL"
  | "callback not redirected"
  | "no trailing-slash redirect"
  | "query dropped"
  | "our CSP on Coder"
  | "seam script missing"
  | "no build version header"
  | "no HSTS"
  | "our page for Coder's";

const OUR_PAGE = `<!doctype html><html><head><meta name="generator" content="coder-auth-ui 0.1.0" />
<script type="module" blocking="render" src="/auth-ui/index-AbC123.js"></script>
<link rel="modulepreload" href="/auth-ui/framework-Def456.js"></head><body><div id="root"></div></body></html>`;

/** A front door that does everything right, except the one thing `broken` names. */
function frontDoor(broken: Set<Break>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://x");
    const hsts: Record<string, string> = broken.has("no HSTS")
      ? {}
      : { "Strict-Transport-Security": "max-age=31536000" };
    const ours = { ...SECURITY_HEADERS, ...hsts };
    if (broken.has("no CSP")) delete (ours as Record<string, string>)["Content-Security-Policy"];
    const page = (APP_PAGES as readonly string[]).find(
      (p) => p === url.pathname.toLowerCase() || `${p}/` === url.pathname.toLowerCase(),
    );
    if (page && page !== url.pathname) {
      const slash = url.pathname.endsWith("/");
      if (slash && broken.has("no trailing-slash redirect")) {
        res.writeHead(404, ours).end();
        return;
      }
      const search = broken.has("query dropped") ? "" : url.search;
      res.writeHead(308, { ...hsts, Location: `${page}${search}` }).end();
      return;
    }
    if (page) {
      const body = broken.has("not our page") ? OUR_PAGE.replace(/generator/, "x") : OUR_PAGE;
      res.writeHead(200, { ...ours, "Content-Type": "text/html; charset=utf-8" }).end(body);
      return;
    }
    if (url.pathname === "/.well-known/change-password") {
      res.writeHead(302, { ...ours, Location: "/settings/security" }).end();
      return;
    }
    if (url.pathname === "/auth-ui/version.json") {
      res
        .writeHead(200, { ...ours, "Content-Type": "application/json" })
        .end('{"version":"0.1.0","commit":"0123456789abcdef","built_at":"2026-12-06T08:00:00Z"}');
      return;
    }
    if (url.pathname.startsWith("/auth-ui/")) {
      const js = url.pathname.endsWith(".js");
      const missing = broken.has("seam script missing") && url.pathname.endsWith("coder-seam.js");
      const map = url.pathname.endsWith(".js.map") && broken.has("map served");
      if ((js && !missing) || map) {
        const comment =
          broken.has("sourceMappingURL") && url.pathname.includes("index")
            ? "\n//# sourceMappingURL=index-AbC123.js.map"
            : "";
        res
          .writeHead(200, {
            ...ours,
            "Content-Type": map ? "application/json" : "text/javascript; charset=utf-8",
          })
          .end(map ? "{}" : `export {};${comment}`);
        return;
      }
      res.writeHead(404, ours).end();
      return;
    }
    // Coder from here on.
    const coder = broken.has("our CSP on Coder") ? ours : hsts;
    if (url.pathname.endsWith("/callback")) {
      if (broken.has("callback not redirected")) {
        res.writeHead(400, { ...coder, "Content-Type": "application/json" }).end("{}");
      } else {
        res.writeHead(303, { ...hsts, Location: "/login?message=sso-failed-400" }).end();
      }
      return;
    }
    if (url.pathname === "/api/v2/buildinfo") {
      res
        .writeHead(200, {
          ...coder,
          "Content-Type": "application/json",
          ...(broken.has("no build version header") ? {} : { "X-Coder-Build-Version": "v2.30.1" }),
        })
        .end('{"version":"v2.30.1","external_url":"https://github.com/coder/coder"}');
      return;
    }
    if (broken.has("our page for Coder's")) {
      res.writeHead(200, { ...ours, "Content-Type": "text/html; charset=utf-8" }).end(OUR_PAGE);
      return;
    }
    const seam = broken.has("seam missing") ? "" : SEAM_TAG;
    const twice = broken.has("seam twice") ? SEAM_TAG : "";
    res
      .writeHead(200, { ...coder, "Content-Type": "text/html; charset=utf-8" })
      .end(`<!doctype html><html><head><title>Coder</title>${seam}${twice}</head></html>`);
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return (server.address() as AddressInfo).port;
}

async function stop(server: Server | undefined) {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
}

describe("check-deployment against a plain-http front door", () => {
  const broken = new Set<Break>(["no HSTS"]); // not asked for over http
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createHttpServer(frontDoor(broken));
    base = `http://127.0.0.1:${await listen(server)}`;
  });
  afterAll(() => stop(server));

  const failuresWith = async (one?: Break) => {
    if (one) broken.add(one);
    try {
      return (await checkDeployment(base)).failures;
    } finally {
      if (one) broken.delete(one);
    }
  };

  it("passes a front door that does everything right, and names both versions", async () => {
    const report = await checkDeployment(base);
    expect(report.failures).toEqual([]);
    expect(report.checks).toBeGreaterThan(60);
    expect(report.versions).toEqual({ ours: "0.1.0 (0123456789ab)", coder: "v2.30.1" });
  });

  const CSP = SECURITY_HEADERS["Content-Security-Policy"];
  it.each<[Break, string[]]>([
    [
      "no CSP",
      APP_PAGES.map((p) => `GET ${p}: expected Content-Security-Policy: ${CSP}, got none`),
    ],
    [
      "not our page",
      APP_PAGES.map(
        (p) =>
          `GET ${p}: expected our page (<meta name="generator" content="coder-auth-ui …">), got a page without it`,
      ),
    ],
    [
      "seam missing",
      [`GET /workspaces: expected Coder's HTML with ${SEAM_TAG} once, got a page without it`],
    ],
    [
      "seam twice",
      [`GET /workspaces: expected Coder's HTML with ${SEAM_TAG} once, got it 2 times`],
    ],
    ["seam script missing", ["GET /auth-ui/coder-seam.js: expected 200, got 404"]],
    [
      "map served",
      [
        "GET /auth-ui/index-AbC123.js.map: expected 404, got 200",
        "GET /auth-ui/framework-Def456.js.map: expected 404, got 200",
        "GET /auth-ui/coder-seam.js.map: expected 404, got 200",
      ],
    ],
    ["sourceMappingURL", ["GET /auth-ui/index-AbC123.js: expected no sourceMappingURL, got one"]],
    [
      "callback not redirected",
      [
        "GET /api/v2/users/oauth2/github/callback?code=check-deployment (a browser's visit, no state): expected 303 to /login?message=…, got 400",
        "GET /api/v2/users/oidc/callback?code=check-deployment (a browser's visit, no state): expected 303 to /login?message=…, got 400",
      ],
    ],
    [
      "no trailing-slash redirect",
      APP_PAGES.map((p) => `GET ${p}/: expected a redirect (301 or 308) to ${p}, got 404`).concat(
        "GET /login/?redirect=%2Fworkspaces: expected a redirect (301 or 308) to /login?redirect=%2Fworkspaces, got 404",
      ),
    ],
    [
      "query dropped",
      [
        "GET /login/?redirect=%2Fworkspaces: expected a redirect (301 or 308) to /login?redirect=%2Fworkspaces, got 308 to /login",
      ],
    ],
    [
      "our CSP on Coder",
      ["GET /api/v2/buildinfo: expected Coder's headers, got our Content-Security-Policy"],
    ],
    [
      "our page for Coder's",
      [
        "GET /workspaces: expected Coder's page, got ours",
        `GET /workspaces: expected Coder's HTML with ${SEAM_TAG} once, got a page without it`,
        "GET /: expected Coder's page, got ours",
      ],
    ],
    [
      "no build version header",
      ["GET /api/v2/buildinfo: expected Coder's X-Coder-Build-Version header, got none"],
    ],
  ])("%s: says exactly what is wrong", async (one, lines) => {
    expect(await failuresWith(one)).toEqual(lines);
  });

  it("as a command: exit 0 and a summary; exit 1 with one line per failure", async () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(
      await main(
        [base],
        (l) => out.push(l),
        (l) => err.push(l),
      ),
    ).toBe(0);
    expect(out).toEqual([
      expect.stringMatching(
        new RegExp(
          `^check-deployment: all \\d+ checks passed against ${base} \\(coder-auth-ui 0\\.1\\.0 \\(0123456789ab\\), Coder v2\\.30\\.1\\)$`,
        ),
      ),
    ]);
    broken.add("seam missing");
    try {
      out.length = 0;
      expect(
        await main(
          [base],
          (l) => out.push(l),
          (l) => err.push(l),
        ),
      ).toBe(1);
      expect(err).toEqual([
        `FAIL GET /workspaces: expected Coder's HTML with ${SEAM_TAG} once, got a page without it`,
        expect.stringMatching(/^check-deployment: 1 of \d+ checks failed against /),
      ]);
    } finally {
      broken.delete("seam missing");
    }
  });

  it("refuses what is not a front door's origin (exit 2)", async () => {
    const err: string[] = [];
    for (const args of [[], ["ftp://x"], [`${base}/login`], ["not a url"], [base, "extra"]]) {
      expect(
        await main(
          args,
          () => {},
          (l) => err.push(l),
        ),
        args.join(" "),
      ).toBe(2);
    }
  });

  it("names a front door that is not there", async () => {
    const closed = createHttpServer();
    const port = await listen(closed);
    await stop(closed);
    const report = await checkDeployment(`http://127.0.0.1:${port}`);
    expect(report.failures[0]).toMatch(/^GET \/login: expected an answer, got ECONNREFUSED/);
  });

  it("runs as `npm run check-deployment -- <url>` (the pinned Node)", async () => {
    const pkg = JSON.parse(
      await readFile(path.join(import.meta.dirname, "..", "package.json"), "utf8"),
    );
    expect(pkg.scripts["check-deployment"]).toBe("node scripts/check-deployment.ts");
    const { stdout } = await run(process.execPath, [
      path.join(import.meta.dirname, "check-deployment.ts"),
      base,
    ]);
    expect(stdout).toMatch(/^check-deployment: all \d+ checks passed/);
    broken.add("callback not redirected");
    try {
      const failed = await run(process.execPath, [
        path.join(import.meta.dirname, "check-deployment.ts"),
        base,
      ]).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toContain(
        "FAIL GET /api/v2/users/oidc/callback?code=check-deployment (a browser's visit, no state): expected 303 to /login?message=…, got 400",
      );
    } finally {
      broken.delete("callback not redirected");
    }
  }, 30_000);
});

describe("check-deployment over https (a throwaway certificate)", () => {
  const broken = new Set<Break>();
  let server: Server;
  let base: string;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "check-deployment-tls-"));
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    await run("openssl", [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
    ]);
    server = createHttpsServer(
      { key: await readFile(key), cert: await readFile(cert) },
      frontDoor(broken),
    );
    base = `https://127.0.0.1:${await listen(server)}`;
  }, 30_000);
  afterAll(async () => {
    await stop(server);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("refuses the certificate without --insecure, and says how to accept it", async () => {
    const report = await checkDeployment(base);
    expect(report.failures[0]).toMatch(
      /^GET \/login: expected an answer, got a certificate that is not trusted \(\w+; --insecure accepts it for testing\)$/,
    );
  });

  it("with --insecure: passes, and asks for HSTS on our pages and Coder's", async () => {
    expect((await checkDeployment(base, { insecure: true })).failures).toEqual([]);
    broken.add("no HSTS");
    try {
      const { failures } = await checkDeployment(base, { insecure: true });
      expect(failures).toEqual([
        ...APP_PAGES.map(
          (p) => `GET ${p}: expected Strict-Transport-Security with a max-age (https), got none`,
        ),
        "GET /workspaces: expected Strict-Transport-Security with a max-age (https), got none",
      ]);
    } finally {
      broken.delete("no HSTS");
    }
  });
});
