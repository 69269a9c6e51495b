// Coder's other hosts (its wildcard workspace-app hosts, e.g.
// 8080--main--ws--alice.apps.example.com) reach the same front door: they are Coder's, whole.
// Chromium sends any *.localhost to this machine, so such a name stands in for an app host.
import { request as httpRequest } from "node:http";
import { expect, test } from "../fixtures.ts";

const APP_HOST = "8080--main--ws--alice.localhost";
/** The head of our built pages (index.html), which no Coder page has. */
const OUR_MARK = '<meta name="description" content="Sign in to Coder." />';

/** A page visit naming another host (node:http: Node's own lookup knows no *.localhost). */
function visitAs(baseURL: string | undefined, host: string, path: string) {
  const base = new URL(baseURL ?? "http://localhost");
  return new Promise<{ status: number; body: string; location?: string }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: base.port,
        path,
        headers: {
          host: `${host}:${base.port}`,
          accept: "text/html",
          "sec-fetch-mode": "navigate",
        },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body, location: res.headers.location }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

test("another host's /login and /setup are Coder's, not ours", async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? "http://localhost");
  origin.hostname = APP_HOST;
  for (const path of ["/login", "/setup", "/settings/security"]) {
    await page.goto(`${origin.origin}${path}`);
    await page.waitForLoadState("load");
    expect(new URL(page.url()).host, path).toBe(origin.host);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in to Coder" })).toHaveCount(0);
  }
});

test("another host gets no seam script, no sign-in redirect, no health check of ours", async ({
  baseURL,
}) => {
  const signedOut = await visitAs(baseURL, APP_HOST, "/workspaces");
  expect(signedOut.location).toBeUndefined();
  expect(signedOut.body).not.toContain("coder-seam.js");
  expect((await visitAs(baseURL, APP_HOST, "/login")).body).not.toContain(OUR_MARK);
  expect((await visitAs(baseURL, APP_HOST, "/auth-ui/health")).body.trim()).not.toBe("ok");
  // The access URL's host, for comparison: ours.
  const own = await visitAs(baseURL, "localhost", "/workspaces");
  expect(own.status).toBe(302);
  expect((await visitAs(baseURL, "localhost", "/login")).body).toContain(OUR_MARK);
});
