// The TLS variants (deploy/nginx/*.tls.*, deploy/caddy/Caddyfile.tls) over HTTPS, with a
// throwaway certificate for localhost (serve.ts): everything works, and every answer, ours or
// Coder's, tells the browser to stay on HTTPS.
import { HSTS } from "../../server/headers.ts";
import { accounts, expect, expectDashboard, signIn, test } from "../fixtures.ts";

test("signing in over HTTPS lands on Coder's dashboard", async ({ page, baseURL }) => {
  expect(baseURL).toMatch(/^https:/);
  await signIn(page, accounts.member);
  await expectDashboard(page);
  expect(new URL(page.url()).protocol).toBe("https:");
});

test("every answer carries HSTS: our pages and files, Coder's pages and API", async ({
  request,
}) => {
  for (const path of [
    "/login",
    "/auth-ui/coder-seam.js",
    "/auth-ui/health",
    "/.well-known/change-password",
    "/login/",
    "/api/v2/buildinfo",
    "/api/v2/users/me",
    "/workspaces",
  ]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.headers()["strict-transport-security"], path).toBe(HSTS);
  }
});
