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

async function signIn(page: Page, base: string, email: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("SomeSecurePassword!");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Signing in ends on Coder's dashboard (here the mock's stand-in for it).
  await page.waitForURL(/\/workspaces$/);
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
    await signIn(page, server.url, "admin@coder.com");
    await shot("dashboard-stand-in");
    await page.goto(`${server.url}/settings/security`);
    await shot("settings-security");
    await page.getByRole("button", { name: "Switch to GitHub" }).click();
    await shot("settings-convert-dialog");
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
