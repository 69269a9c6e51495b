// Screenshots of every page in light and dark for the README: `node scripts/screenshots.ts`
// after `npm run build`. Uses the production server with the mock, and the same Chromium the
// tests use.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { chromium, type Page } from "@playwright/test";
import { startServer } from "../server/serve-dist.ts";

const out = join(import.meta.dirname, "..", "docs", "screenshots");
const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

/**
 * Signs in, and gives the account the shot's theme, as on Coder's Appearance page: the signed-in
 * pages follow it. (The signed-out pages show Coder's default, dark, whatever the system says,
 * as Coder's own sign-in page does.)
 */
async function signIn(page: Page, base: string, email: string, theme: "light" | "dark") {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("SomeSecurePassword!");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Signing in ends on Coder's dashboard (here the mock's stand-in for it).
  await page.waitForURL(/\/workspaces$/);
  const session = (await page.context().cookies()).find((c) => c.name === "coder_session_token");
  await page.request.put(`${base}/api/v2/users/me/appearance`, {
    headers: { "Coder-Session-Token": session?.value ?? "" },
    // Coder wants one of its terminal fonts with it.
    data: { theme_preference: theme, terminal_font: "geist-mono" },
  });
}

// A branded deployment: its logo (served here as if from its CDN) and what an owner sets.
const LOGO = "https://cdn.acme.example/logo.svg";
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="220" height="48" viewBox="0 0 220 48"><rect width="48" height="48" rx="10" fill="#0f766e"/><path d="M14 34 24 12l10 22" fill="none" stroke="#fff" stroke-width="4"/><text x="58" y="33" font-family="sans-serif" font-size="24" font-weight="700" fill="#0f766e">Acme Cloud</text></svg>`;
const BRANDING = {
  application_name: "Acme Cloud Desktops",
  logo_url: LOGO,
  announcement_banners: [
    {
      enabled: true,
      background_color: "#004852",
      message:
        "**Maintenance** on Sunday, 02:00 UTC. See [the status page](https://status.acme.example/).",
    },
  ],
};

async function brandDeployment(base: string) {
  const login = await fetch(`${base}/api/v2/users/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: "admin@coder.com", password: "SomeSecurePassword!" }),
  });
  const { session_token } = (await login.json()) as { session_token: string };
  await fetch(`${base}/api/v2/appearance`, {
    method: "PUT",
    headers: { "Content-Type": "application/json", "Coder-Session-Token": session_token },
    body: JSON.stringify(BRANDING),
  });
}

/** The logo's host (the mock's own page at `/` names the deployment and this logo, as Coder's does). */
async function routeBranding(page: Page) {
  await page.route(LOGO, (route) =>
    route.fulfill({ contentType: "image/svg+xml", body: LOGO_SVG }),
  );
}

await mkdir(out, { recursive: true });
const server = await startServer({ port: 0 });
const browser = await chromium.launch({ executablePath });
try {
  for (const scheme of ["light", "dark"] as const) {
    const context = await browser.newContext({
      colorScheme: scheme,
      viewport: { width: 1024, height: 760 },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    const shot = async (name: string) => {
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: join(out, `${name}-${scheme}.png`) });
      console.log(`docs/screenshots/${name}-${scheme}.png`);
    };
    await server.mock?.reset();
    await page.goto(`${server.url}/login`);
    await shot("login");
    await page.goto(`${server.url}/reset-password`);
    await shot("reset-password");
    await page.goto(
      `${server.url}/reset-password/change?otp=3f1c2a9e-5b7d-4e2f-9a1b-6c8d0e2f4a6b&email=member%40coder.com`,
    );
    await page.getByLabel("New password", { exact: true }).fill("correct horse");
    await shot("reset-password-change");
    await signIn(page, server.url, "admin@coder.com", scheme);
    await shot("dashboard-stand-in");
    await page.goto(`${server.url}/settings/security`);
    await shot("settings-security");
    await page.getByRole("button", { name: "Switch to GitHub" }).click();
    await shot("settings-convert-dialog");
    await page.keyboard.press("Escape");
    // A session that runs out while typing: sign-in is offered in place.
    // The closed dialog keeps its own "Current password" field: stay in the Password section.
    const passwordSection = page.getByRole("region", { name: "Password" });
    await passwordSection.getByLabel("Current password").fill("SomeSecurePassword!");
    await passwordSection
      .getByLabel("New password", { exact: true })
      .fill("a brand new passphrase 42");
    await passwordSection.getByLabel("Confirm new password").fill("a brand new passphrase 42");
    server.mock?.advanceClock(25 * 60 * 60 * 1000);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByRole("dialog", { name: "Your session has ended" }).waitFor();
    await shot("session-expired-dialog");

    server.mock?.reset();
    await context.clearCookies();
    await page.request.post(`${server.url}/api/v2/users/login`, {
      data: { email: "member@coder.com", password: "SomeSecurePassword!" },
    });
    await page.goto(`${server.url}/cli-auth`);
    await page.getByLabel("Session token").waitFor();
    await shot("cli-auth");

    server.mock?.reset({ users: "none" });
    await context.clearCookies();
    await page.goto(`${server.url}/setup`);
    await page.getByLabel("Email").fill("ada.lovelace@example.com");
    await page.getByLabel("Full name (optional)").fill("Ada Lovelace");
    await page.getByLabel("Password", { exact: true }).fill("Correct-Horse-Battery-42");
    await shot("setup");

    // GitHub through Coder's default app (the device flow).
    await server.mock?.reset();
    await context.clearCookies();
    if (server.mock) server.mock.config.githubDefaultProvider = true;
    await page.goto(`${server.url}/login`);
    await page.getByRole("link", { name: "Sign in with GitHub" }).click();
    await page.locator(".device-code").waitFor();
    await shot("login-device");

    // A branded deployment: signed out, then signed in with its banner and support links.
    await server.mock?.reset();
    await context.clearCookies();
    await brandDeployment(server.url);
    await routeBranding(page);
    await page.goto(`${server.url}/login`);
    await page.waitForFunction(() => document.title === "Sign in to Acme Cloud Desktops");
    await shot("login-branded");
    await signIn(page, server.url, "member@coder.com", scheme);
    await page.goto(`${server.url}/settings/security`);
    await page.getByRole("region", { name: "Announcements" }).waitFor();
    await shot("settings-security-branded");
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
