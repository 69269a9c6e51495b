// The front door follows the one list of owned routes (src/app/owned-routes.ts): every page of
// ours is served from the build with our headers, every near variant redirects to it, and a
// sample of other paths is Coder's. Run through nginx and Caddy (one project each).

import { SEAM_SCRIPT_PATH } from "../../server/front-door.ts";
import { SECURITY_HEADERS } from "../../server/headers.ts";
import { APP_PAGES, APP_REDIRECTS } from "../../src/app/owned-routes.ts";
import { expect, test } from "../fixtures.ts";

/** The head of our built pages (index.html), which no Coder page has. */
const OUR_MARK = '<meta name="description" content="Sign in to Coder." />';

test("every owned page is ours, from the build, with our headers", async ({ request }) => {
  for (const page of APP_PAGES) {
    const res = await request.get(page, { maxRedirects: 0 });
    expect(res.status(), page).toBe(200);
    expect(await res.text(), page).toContain(OUR_MARK);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(res.headers()[name.toLowerCase()], `${page} ${name}`).toBe(value);
    }
    expect(res.headers().server ?? "", page).not.toMatch(/\d/);
  }
  for (const [from, to] of Object.entries(APP_REDIRECTS)) {
    const res = await request.get(from, { maxRedirects: 0 });
    expect(res.status(), from).toBe(302);
    expect(res.headers().location, from).toBe(to);
  }
});

test("every near variant of an owned path redirects to it, the query kept", async ({ request }) => {
  for (const path of [...APP_PAGES, ...Object.keys(APP_REDIRECTS)]) {
    for (const variant of [`${path}/`, path.toUpperCase(), `${path}//`]) {
      const res = await request.get(`${variant}?a=1&b=%2F`, { maxRedirects: 0 });
      expect(res.status(), variant).toBe(308);
      expect(res.headers().location, variant).toBe(`${path}?a=1&b=%2F`);
    }
    const bare = await request.get(`${path}/`, { maxRedirects: 0 });
    expect(bare.headers().location, path).toBe(path);
  }
});

test("other paths are Coder's: no headers of ours, and never our page", async ({ request }) => {
  for (const path of [
    "/api/v2/buildinfo",
    "/workspaces?x=1",
    "/templates/docker?x=1",
    "/login.html",
    "/loginx",
    "/settings/account?x=1",
    "/settings/security/extra",
    "/reset-password/other",
  ]) {
    const res = await request.get(path, {
      maxRedirects: 0,
      headers: { cookie: "coder_session_token=none" },
    });
    expect(res.headers()["content-security-policy"] ?? "", path).not.toBe(
      SECURITY_HEADERS["Content-Security-Policy"],
    );
    expect(await res.text(), path).not.toContain(OUR_MARK);
  }
});

test("the seam script is served from the build, revalidated on every use", async ({ request }) => {
  const res = await request.get(SEAM_SCRIPT_PATH);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/javascript/);
  expect(res.headers()["cache-control"]).toBe("no-cache");
  expect(await res.text()).toContain("coder-auth-ui.session");
});

test("the front door's health check answers on the access URL's host", async ({ request }) => {
  const res = await request.get("/auth-ui/health");
  expect(res.status()).toBe(200);
  expect((await res.text()).trim()).toBe("ok");
});
