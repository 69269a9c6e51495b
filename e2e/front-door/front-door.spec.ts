// The production build behind the deployed front door (nginx with deploy/nginx's template, and
// Caddy with deploy/caddy/Caddyfile), with the standalone mock Coder as the upstream: what an
// operator gets. Every test runs once per front door (one Playwright project each).
import type { Page } from "@playwright/test";
import { accounts, expect, expectDashboard, PASSWORD, signIn, test } from "../fixtures.ts";

const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
const NEW_PASSWORD = "a brand new passphrase 42";

/** "METHOD /path" of every same-origin request the page makes from now on. */
function requests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    seen.push(`${request.method()} ${url.pathname}`);
  });
  return seen;
}

test("signing in lands on Coder's dashboard, reached through the front door", async ({ page }) => {
  const login = await page.goto("/login");
  // The sign-in page is the build's, with our headers.
  expect(login?.headers()["content-security-policy"]).toBe(STRICT_CSP);
  expect(login?.headers()["cache-control"]).toBe("no-cache");
  await signIn(page, accounts.admin);
  await expect(page).toHaveTitle("Workspaces - Coder");
  await expect(page.getByRole("main").getByText(accounts.admin)).toBeVisible();
});

test("/workspaces and every other path are Coder's, with Coder's own headers", async ({
  page,
  request,
}) => {
  await page.goto("/workspaces");
  await expect(page).toHaveURL(/\/login\?redirect=(?:%2F|\/)workspaces$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Coder" })).toBeVisible();

  const api = await request.get("/api/v2/buildinfo");
  expect(api.status()).toBe(200);
  expect(api.headers()["x-coder-build-version"]).toBeDefined();
  // Our headers are for our pages only.
  expect(api.headers()["content-security-policy"]).toBeUndefined();
  expect(api.headers()["cache-control"]).toBeUndefined();
  // Something that only looks like ours is Coder's too.
  expect((await request.get("/login.html")).status()).toBe(404);
});

test("the security settings change the password: CSRF through the proxy, nothing injected", async ({
  page,
  request,
}) => {
  const page_ = await request.get("/settings/security");
  expect(await page_.text()).not.toContain("csrf-token");

  await signIn(page, accounts.member);
  const seen = requests(page);
  // A full load (the dashboard's own link is seam.spec.ts's, and Caddy cannot follow it).
  await page.goto("/settings/security");
  await expect(
    page.getByRole("heading", { level: 1, name: "Security", exact: true }),
  ).toBeVisible();
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  const change = page.waitForResponse("**/api/v2/users/me/password");
  await page.getByRole("button", { name: "Change password" }).click();
  expect((await change).status()).toBe(204);
  await expect(page).toHaveURL(/\/login\?message=password-updated$/);
  // The token came from Coder's own page, once, before the click.
  expect(seen.filter((line) => line === "GET /")).toHaveLength(1);
  expect(seen.filter((line) => line === "PUT /api/v2/users/me/password")).toHaveLength(1);

  await signIn(page, accounts.member, NEW_PASSWORD);
});

test("signing out from the app ends the session for Coder too", async ({ page }) => {
  // Coder's own "Sign out" is seam.spec.ts's; this is ours, on a page loaded in full.
  await signIn(page, accounts.member);
  await page.goto("/settings/security");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?message=signed-out$/);
  await expect(page.getByText("You have signed out.")).toBeVisible();
  await page.goto("/workspaces");
  await expect(page).toHaveURL(/\/login\?redirect=(?:%2F|\/)workspaces$/);
});

test("a single sign-on cancelled at the provider ends on our sign-in page, saying so", async ({
  page,
}) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Sign in with GitHub" }).click();
  await expect(page.getByRole("heading", { name: "Sign in with GitHub" })).toBeVisible();
  await page.getByRole("link", { name: "Cancel and return to Coder" }).click();
  // Coder answers the callback with a 400; the front door turns that into our page.
  await expect(page).toHaveURL(/\/login\?message=sso-failed-400$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Coder" })).toBeVisible();
  await expect(page.getByRole("status").or(page.getByRole("alert"))).toBeVisible();
  await expect(page.locator("body")).not.toContainText("Encountered error");
});

test("single sign-on itself works through the front door", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Sign in with GitHub" }).click();
  await page.getByRole("link", { name: `Continue as ${accounts.github}` }).click();
  await expectDashboard(page);
});

test("build files: precompressed, cached for good, never a source map", async ({ request }) => {
  const html = await (await request.get("/login")).text();
  const script = /<script type="module"[^>]* src="(\/auth-ui\/[^"]+\.js)"/.exec(html)?.[1];
  expect(script).toBeDefined();
  for (const encoding of ["br", "gzip"]) {
    const res = await request.get(script ?? "", { headers: { "Accept-Encoding": encoding } });
    expect(res.status()).toBe(200);
    expect(res.headers()["content-encoding"]).toBe(encoding);
    expect(res.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers().vary).toContain("Accept-Encoding");
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  }
  const map = await request.get(`${script}.map`);
  expect(map.status()).toBe(404);
  expect(await map.text()).not.toContain('"sources"');
  expect((await request.get("/auth-ui/no-such-file.js")).status()).toBe(404);
});

test("/.well-known/change-password and a form posted before the app ran", async ({ request }) => {
  const wellKnown = await request.get("/.well-known/change-password", { maxRedirects: 0 });
  expect(wellKnown.status()).toBe(302);
  expect(wellKnown.headers().location).toBe("/settings/security");
  const posted = await request.post("/login", {
    form: { email: accounts.member, password: PASSWORD },
    maxRedirects: 0,
  });
  expect(posted.status()).toBe(303);
  expect(posted.headers().location).toBe("/login");
});
